package dev.minewarden.core.sigma.internal;

import dev.minewarden.core.event.Event;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;

/**
 * A time-part modifier ({@code minute}, {@code hour}, {@code day}, {@code week}, {@code month},
 * {@code year}): takes the part from a date value (ISO-8601 text, taken as UTC when it has no
 * offset, or epoch milliseconds) and compares it with the rule's number. No time-zone conversion is
 * made, as the specification says.
 *
 * @param unit the part taken
 * @param op the comparison (equality unless a numeric modifier follows)
 * @param bound the rule's number
 */
public record TimePred(Unit unit, NumPred.Op op, double bound) implements Pred {

  /** The part of a date a {@link TimePred} takes. */
  public enum Unit {
    MINUTE,
    HOUR,
    DAY,
    WEEK,
    MONTH,
    YEAR
  }

  @Override
  public boolean test(Object value, Event event) {
    ZonedDateTime t = time(value);
    return t != null && op.apply(part(t), bound);
  }

  private int part(ZonedDateTime t) {
    return switch (unit) {
      case MINUTE -> t.getMinute();
      case HOUR -> t.getHour();
      case DAY -> t.getDayOfMonth();
      case WEEK -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case MONTH -> t.getMonthValue();
      case YEAR -> t.get(ChronoField.YEAR);
    };
  }

  private static ZonedDateTime time(Object value) {
    if (value instanceof Long ms) {
      return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC);
    }
    if (!(value instanceof String s) || s.length() > 64) {
      return null;
    }
    String t = s.trim().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(t).toZonedDateTime();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(t).atZone(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
