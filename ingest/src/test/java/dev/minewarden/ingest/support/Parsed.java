package dev.minewarden.ingest.support;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LogFormat;
import dev.minewarden.ingest.SourceContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a format made of one input: its events and malformed reports, in order. */
public final class Parsed implements EventSink {
  /** One malformed report. */
  public record Malformed(long line, String reason, String excerpt) {}

  public final List<Event> events = new ArrayList<>();
  public final List<Malformed> malformed = new ArrayList<>();

  @Override
  public void event(Event event) {
    events.add(event);
  }

  @Override
  public void malformed(long line, String reason, String excerpt) {
    malformed.add(new Malformed(line, reason, excerpt));
  }

  /** Parses a test resource ({@code samples/...} or {@code fixtures/...}). */
  public static Parsed resource(LogFormat format, String name) {
    return bytes(format, name, bytes(name));
  }

  /** Parses text. */
  public static Parsed text(LogFormat format, String text) {
    return bytes(format, "test", text.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses bytes, naming the source {@code path}. */
  public static Parsed bytes(LogFormat format, String path, byte[] data) {
    Parsed p = new Parsed();
    try {
      format.parse(new ByteArrayInputStream(data), SourceContext.of(path, 0), p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** The bytes of a test resource. */
  public static byte[] bytes(String name) {
    try (InputStream in = Parsed.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a format sniffs a resource as its own. */
  public static boolean sniffs(LogFormat format, String name) {
    byte[] data = bytes(name);
    byte[] head = java.util.Arrays.copyOf(data, Math.min(data.length, 1 << 16));
    return format.sniff(head, head.length);
  }
}
