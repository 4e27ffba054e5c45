package dev.minewarden.ingest.pcap;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.SourceContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a parse emits, for assertions. */
final class CollectingSink implements EventSink {
  record Malformed(long line, String reason, String excerpt) {}

  final List<Event> events = new ArrayList<>();
  final List<Malformed> malformed = new ArrayList<>();

  @Override
  public void event(Event event) {
    events.add(event);
  }

  @Override
  public void malformed(long line, String reason, String excerpt) {
    malformed.add(new Malformed(line, reason, excerpt));
  }

  List<Event> category(String category) {
    return events.stream().filter(e -> category.equals(e.logSource().category())).toList();
  }

  static CollectingSink parse(byte[] capture) {
    return parse(new PcapFormat(), capture);
  }

  static CollectingSink parse(PcapFormat format, byte[] capture) {
    CollectingSink sink = new CollectingSink();
    try (InputStream in = new ByteArrayInputStream(capture)) {
      format.parse(in, SourceContext.of("test.pcap", 0), sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sink;
  }

  static byte[] resource(String name) {
    try (InputStream in = CollectingSink.class.getResourceAsStream("/pcap/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path resourceDir(String name) {
    try {
      return Path.of(CollectingSink.class.getResource("/pcap/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
