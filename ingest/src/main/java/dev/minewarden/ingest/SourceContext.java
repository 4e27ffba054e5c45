package dev.minewarden.ingest;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What a parser knows about the input it reads besides its bytes.
 *
 * @param path the file's path as the user gave it, or {@code -} for standard input
 * @param modifiedMillis the file's modification time in epoch ms (for inferring the year of RFC 3164
 *     timestamps), or the time of reading for streams
 * @param year the year to give year-less timestamps, or 0 to infer it from {@code modifiedMillis}
 * @param zone the time zone of timestamps that carry none (UTC unless the user says otherwise)
 */
public record SourceContext(String path, long modifiedMillis, int year, ZoneId zone) {

  /** Checks the parts. */
  public SourceContext {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(zone, "zone");
  }

  /** A context for tests and streams: UTC, year inferred from {@code modifiedMillis}. */
  public static SourceContext of(String path, long modifiedMillis) {
    return new SourceContext(path, modifiedMillis, 0, ZoneOffset.UTC);
  }
}
