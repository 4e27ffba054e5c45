package dev.minewarden.ingest.sshd;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Turns the civil times of syslog stamps into epoch milliseconds. RFC 3164 stamps carry no year:
 * it is the given year, or the year of the file's modification time, or the year before when the
 * stamp would otherwise lie more than {@link #FUTURE_SLACK_MILLIS} after that time (a December
 * line in a file written in January). One instance per file; not thread-safe. Caches the start of
 * the last hour seen, since consecutive lines almost always share it.
 */
final class SyslogClock {
  /** How far after the file's modification time a stamp may lie and still keep its year: 3 days. */
  static final long FUTURE_SLACK_MILLIS = 3L * 24 * 3600 * 1000;

  private final ZoneId zone;
  private final int fixedYear;
  private final long referenceMillis;
  private final int referenceYear;
  private long cachedKey = -1;
  private long cachedHourStart;

  SyslogClock(ZoneId zone, int fixedYear, long referenceMillis) {
    this.zone = zone;
    this.fixedYear = fixedYear;
    this.referenceMillis = referenceMillis;
    this.referenceYear = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(referenceMillis), zone).getYear();
  }

  /**
   * The epoch ms of a year-less stamp in the context zone, or {@link Long#MIN_VALUE} when the date
   * does not exist (Feb 30).
   *
   * @param month 1-12
   * @param day 1-31
   */
  long yearless(int month, int day, int hour, int minute, int second, int millis) {
    long key = ((long) month * 32 + day) * 24 + hour;
    if (key != cachedKey) {
      long start = yearlessHourStart(month, day, hour);
      if (start == Long.MIN_VALUE) {
        return start;
      }
      cachedKey = key;
      cachedHourStart = start;
    }
    return cachedHourStart + minute * 60_000L + second * 1000L + millis;
  }

  private long yearlessHourStart(int month, int day, int hour) {
    if (fixedYear != 0) {
      return hourStart(fixedYear, month, day, hour);
    }
    // Feb 29 only exists in some years: walk back to the latest year where the date exists.
    for (int year = referenceYear + 1; year > referenceYear - 9; year--) {
      long start = hourStart(year, month, day, hour);
      if (start != Long.MIN_VALUE && start <= referenceMillis + FUTURE_SLACK_MILLIS) {
        return start;
      }
    }
    return Long.MIN_VALUE;
  }

  /**
   * The epoch ms of a full civil time; {@code offsetSeconds} is the stamp's own UTC offset, or
   * {@link Integer#MIN_VALUE} to use the context zone. {@link Long#MIN_VALUE} for impossible dates.
   */
  long dated(int year, int month, int day, int hour, int minute, int second, int millis, int offsetSeconds) {
    if (!validDate(year, month, day)) {
      return Long.MIN_VALUE;
    }
    if (offsetSeconds == Integer.MIN_VALUE) {
      long start = hourStart(year, month, day, hour);
      return start + minute * 60_000L + second * 1000L + millis;
    }
    long days = epochDay(year, month, day);
    long secs = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return secs * 1000L + millis;
  }

  private long hourStart(int year, int month, int day, int hour) {
    if (!validDate(year, month, day)) {
      return Long.MIN_VALUE;
    }
    if (zone instanceof ZoneOffset offset) {
      return (epochDay(year, month, day) * 86_400L + hour * 3600L - offset.getTotalSeconds()) * 1000L;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, 0).atZone(zone).toInstant().toEpochMilli();
    } catch (DateTimeException e) {
      return Long.MIN_VALUE;
    }
  }

  static boolean validDate(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1) {
      return false;
    }
    return day <= daysInMonth(year, month);
  }

  private static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}
