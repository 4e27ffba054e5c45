package dev.minewarden.posture;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Test helper: assesses in-memory inputs with a fixed clock. */
final class Scans {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-09-01T00:00:00Z"), ZoneOffset.UTC);

  private Scans() {}

  /** Assesses name/content pairs. */
  static Assessment of(String... nameAndContent) {
    PostureScan.Builder b = PostureScan.builder().clock(CLOCK);
    for (int i = 0; i < nameAndContent.length; i += 2) {
      b.source(nameAndContent[i], nameAndContent[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return b.build().run();
  }

  /** The findings of one check. */
  static List<Finding> of(Assessment a, Check c) {
    return a.findings().stream().filter(f -> f.check() == c).toList();
  }
}
