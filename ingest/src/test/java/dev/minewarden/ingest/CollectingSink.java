package dev.minewarden.ingest;

import dev.minewarden.core.event.Event;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test sink that keeps everything it is given, plus helpers to run a format over text or a resource. */
public final class CollectingSink implements EventSink {
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

  /** Parses text with the given context. */
  public static CollectingSink parse(LogFormat format, String text, SourceContext context) {
    return parse(format, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), context);
  }

  /** Parses text, naming the source {@code test}. */
  public static CollectingSink parse(LogFormat format, String text) {
    return parse(format, "test", text.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses bytes, naming the source {@code path}. */
  public static CollectingSink parse(LogFormat format, String path, byte[] data) {
    return parse(format, new ByteArrayInputStream(data), SourceContext.of(path, 0));
  }

  /** Parses a stream with the given context. */
  public static CollectingSink parse(LogFormat format, InputStream in, SourceContext context) {
    CollectingSink sink = new CollectingSink();
    try (in) {
      format.parse(in, context, sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sink;
  }

  /** The path of a test resource. */
  public static Path resource(String name) {
    try {
      return Paths.get(CollectingSink.class.getResource("/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The lines of a test resource. */
  public static List<String> lines(String name) {
    try {
      return Files.readAllLines(resource(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of a test resource ({@code samples/...} or {@code fixtures/...}). */
  public static byte[] resourceBytes(String name) {
    try (InputStream in = CollectingSink.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a test resource, naming the source after it. */
  public static CollectingSink parseResource(LogFormat format, String name) {
    return parse(format, name, resourceBytes(name));
  }

  /** Whether a format sniffs a resource as its own, given its first 64 KiB as the head. */
  public static boolean sniffs(LogFormat format, String name) {
    byte[] data = resourceBytes(name);
    byte[] head = Arrays.copyOf(data, Math.min(data.length, 1 << 16));
    return format.sniff(head, head.length);
  }

  /** Parses a test resource. */
  public static CollectingSink parseResource(LogFormat format, String name, SourceContext context) {
    try {
      return parse(format, Files.newInputStream(resource(name)), context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The events whose log source has the given category. */
  public List<Event> category(String category) {
    return events.stream().filter(e -> category.equals(e.logSource().category())).toList();
  }

  /** The events whose source line is {@code line}. */
  public List<Event> atLine(long line) {
    return events.stream().filter(e -> e.sourceLine() == line).toList();
  }
}
