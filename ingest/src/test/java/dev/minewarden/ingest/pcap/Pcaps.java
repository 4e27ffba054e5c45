package dev.minewarden.ingest.pcap;

import dev.minewarden.ingest.CollectingSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the pcap format over test captures, and reads the capture resources under {@code /pcap}. */
final class Pcaps {
  private Pcaps() {}

  static CollectingSink parse(byte[] capture) {
    return parse(new PcapFormat(), capture);
  }

  static CollectingSink parse(PcapFormat format, byte[] capture) {
    return CollectingSink.parse(format, "test.pcap", capture);
  }

  static byte[] resource(String name) {
    try (InputStream in = Pcaps.class.getResourceAsStream("/pcap/" + name)) {
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
      return Path.of(Pcaps.class.getResource("/pcap/" + name).toURI());
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
