package dev.minewarden.ingest.support;

import dev.minewarden.core.event.Event;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Timestamp conversions shared by the JSON formats. Thread-safe. */
public final class Times {
  private Times() {}

  /**
   * Parses an ISO-8601 instant ({@code 2021-02-04T17:51:55Z}, with up to 9 fraction digits or a
   * numeric offset) to epoch milliseconds.
   *
   * @return epoch ms, or {@link Event#NO_TIME} when {@code text} is null or not such an instant
   */
  public static long isoMillis(String text) {
    if (text == null || text.length() < 10 || text.length() > 64) {
      return Event.NO_TIME;
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant()
            .toEpochMilli();
      } catch (DateTimeParseException e2) {
        return Event.NO_TIME;
      }
    }
  }

  /**
   * Converts fractional epoch seconds ({@code 1591367999.305988}) to epoch milliseconds.
   *
   * @return epoch ms, or {@link Event#NO_TIME} when the value is not finite or out of range
   */
  public static long secondsToMillis(double seconds) {
    if (!Double.isFinite(seconds) || Math.abs(seconds) > 1e13) {
      return Event.NO_TIME;
    }
    return Math.round(seconds * 1000.0);
  }
}
