package dev.minewarden.ingest.sshd;

/**
 * Reads the header of one syslog line by index scanning (no regex): an optional {@code <PRI>}, then
 * an RFC 3164 stamp ({@code Mar  5 06:25:01}), an RFC 3339 stamp ({@code
 * 2024-03-05T06:25:01.123456+00:00}, rsyslog's high-precision format) or an RFC 5424 header ({@code
 * 1 2022-01-19T14:23:55+00:00 host app procid msgid [sd]}), the host, and the program tag with an
 * optional {@code [pid]}. The results are left in this object's fields, which the next {@link
 * #parse} overwrites: one instance per file, not thread-safe.
 */
final class SyslogHeader {

  private final SyslogClock clock;

  /** Event time in epoch ms. */
  long timeMillis;
  /** Host field, or {@code null} when the line has none. */
  String host;
  /** Start (inclusive) and end (exclusive) of the program name in the line. */
  int programStart;
  int programEnd;
  /** The pid in brackets, or -1. */
  long pid;
  /** Index where the message starts. */
  int messageStart;
  /** Why the last {@link #parse} failed. */
  String failure;

  SyslogHeader(SyslogClock clock) {
    this.clock = clock;
  }

  /** Parses the header of {@code s}; on failure returns false and sets {@link #failure}. */
  boolean parse(String s) {
    host = null;
    pid = -1;
    int i = skipPriority(s);
    if (i < 0) {
      return fail("bad syslog priority");
    }
    if (s.length() > i + 2 && s.charAt(i) == '1' && s.charAt(i + 1) == ' ' && i > 0) {
      return parse5424(s, i + 2);
    }
    int end = isDigit(s, i) ? stamp3339(s, i) : stamp3164(s, i);
    if (end < 0) {
      return fail("no syslog timestamp");
    }
    return hostAndTag(s, end);
  }

  /** The program name of the last parsed line equals {@code name}. */
  boolean programIs(String s, String name) {
    return programEnd - programStart == name.length() && s.startsWith(name, programStart);
  }

  private boolean fail(String reason) {
    failure = reason;
    return false;
  }

  private static int skipPriority(String s) {
    if (s.isEmpty() || s.charAt(0) != '<') {
      return 0;
    }
    int i = 1;
    while (i < s.length() && i <= 4 && isDigit(s, i)) {
      i++;
    }
    return i > 1 && i < s.length() && s.charAt(i) == '>' ? i + 1 : -1;
  }

  private int stamp3164(String s, int i) {
    if (s.length() < i + 15) {
      return -1;
    }
    int month = month(s, i);
    if (month == 0 || s.charAt(i + 3) != ' ') {
      return -1;
    }
    int p = i + 4;
    if (s.charAt(p) == ' ') {
      p++;
    }
    int day = 0;
    int digits = 0;
    while (p < s.length() && isDigit(s, p) && digits < 2) {
      day = day * 10 + (s.charAt(p++) - '0');
      digits++;
    }
    if (digits == 0 || p + 9 > s.length() || s.charAt(p) != ' ') {
      return -1;
    }
    p++;
    int hour = twoDigits(s, p);
    int minute = s.charAt(p + 2) == ':' ? twoDigits(s, p + 3) : -1;
    int second = s.charAt(p + 5) == ':' ? twoDigits(s, p + 6) : -1;
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
      return -1;
    }
    p += 8;
    int millis = 0;
    if (p < s.length() && s.charAt(p) == '.') {
      int[] frac = fraction(s, p + 1);
      millis = frac[0];
      p = frac[1];
    }
    timeMillis = clock.yearless(month, day, hour, minute, Math.min(second, 59), millis);
    return timeMillis == Long.MIN_VALUE ? -1 : p;
  }

  /** The month (1 to 12) whose name starts at {@code i}, or 0: one switch on the three chars. */
  private static int month(String s, int i) {
    char a = s.charAt(i);
    char b = s.charAt(i + 1);
    char c = s.charAt(i + 2);
    if ((a | b | c) >= 128) {
      return 0; // keeps the three chars from overlapping in the key
    }
    return switch (a << 16 | b << 8 | c) {
      case 'J' << 16 | 'a' << 8 | 'n' -> 1;
      case 'F' << 16 | 'e' << 8 | 'b' -> 2;
      case 'M' << 16 | 'a' << 8 | 'r' -> 3;
      case 'A' << 16 | 'p' << 8 | 'r' -> 4;
      case 'M' << 16 | 'a' << 8 | 'y' -> 5;
      case 'J' << 16 | 'u' << 8 | 'n' -> 6;
      case 'J' << 16 | 'u' << 8 | 'l' -> 7;
      case 'A' << 16 | 'u' << 8 | 'g' -> 8;
      case 'S' << 16 | 'e' << 8 | 'p' -> 9;
      case 'O' << 16 | 'c' << 8 | 't' -> 10;
      case 'N' << 16 | 'o' << 8 | 'v' -> 11;
      case 'D' << 16 | 'e' << 8 | 'c' -> 12;
      default -> 0;
    };
  }

  /** Parses {@code YYYY-MM-DDTHH:MM:SS[.frac][Z|+HH:MM|+HHMM]}; returns the index after it or -1. */
  private int stamp3339(String s, int i) {
    if (s.length() < i + 19 || s.charAt(i + 4) != '-' || s.charAt(i + 7) != '-'
        || (s.charAt(i + 10) != 'T' && s.charAt(i + 10) != ' ')
        || s.charAt(i + 13) != ':' || s.charAt(i + 16) != ':') {
      return -1;
    }
    int year = twoDigits(s, i) * 100 + twoDigits(s, i + 2);
    int month = twoDigits(s, i + 5);
    int day = twoDigits(s, i + 8);
    int hour = twoDigits(s, i + 11);
    int minute = twoDigits(s, i + 14);
    int second = twoDigits(s, i + 17);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 60) {
      return -1;
    }
    int p = i + 19;
    int millis = 0;
    if (p < s.length() && s.charAt(p) == '.') {
      int[] frac = fraction(s, p + 1);
      millis = frac[0];
      p = frac[1];
    }
    int offset = Integer.MIN_VALUE;
    if (p < s.length() && (s.charAt(p) == 'Z' || s.charAt(p) == 'z')) {
      offset = 0;
      p++;
    } else if (p < s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
      int sign = s.charAt(p) == '-' ? -1 : 1;
      int oh = twoDigits(s, p + 1);
      int colon = p + 3 < s.length() && s.charAt(p + 3) == ':' ? 1 : 0;
      int om = twoDigits(s, p + 3 + colon);
      if (oh < 0 || om < 0 || oh > 23 || om > 59) {
        return -1;
      }
      offset = sign * (oh * 3600 + om * 60);
      p += 5 + colon;
    }
    timeMillis = clock.dated(year, month, day, hour, minute, Math.min(second, 59), millis, offset);
    return timeMillis == Long.MIN_VALUE ? -1 : p;
  }

  /** Returns {millis, index after the digits}. Reads at most 9 digits of a fraction. */
  private static int[] fraction(String s, int p) {
    int millis = 0;
    int n = 0;
    while (p < s.length() && isDigit(s, p)) {
      if (n < 3) {
        millis = millis * 10 + (s.charAt(p) - '0');
      }
      n++;
      p++;
    }
    for (int k = n; k < 3; k++) {
      millis *= 10;
    }
    return new int[] {millis, p};
  }

  private boolean hostAndTag(String s, int p) {
    if (p >= s.length() || s.charAt(p) != ' ') {
      return fail("truncated syslog header");
    }
    p++;
    int hostEnd = s.indexOf(' ', p);
    if (hostEnd < 0) {
      return fail("no program in syslog header");
    }
    if (hostEnd > p && s.charAt(hostEnd - 1) == ':') {
      // No host field: the token is already the tag ("sshd[12]: ...").
      return tag(s, p);
    }
    host = s.substring(p, hostEnd);
    return tag(s, hostEnd + 1);
  }

  private boolean tag(String s, int p) {
    int i = p;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '[' || c == ':' || c == ' ') {
        break;
      }
      i++;
    }
    programStart = p;
    programEnd = i;
    if (i < n && s.charAt(i) == '[') {
      int close = s.indexOf(']', i);
      pid = close > i + 1 && close - i <= 20 ? number(s, i + 1, close) : -1;
      i = close < 0 ? n : close + 1;
    }
    if (i < n && s.charAt(i) == ':') {
      i++;
    }
    if (i < n && s.charAt(i) == ' ') {
      i++;
    }
    messageStart = i;
    return true;
  }

  /** RFC 5424: {@code 1 TIMESTAMP HOST APP PROCID MSGID SD MSG}, starting after {@code "1 "}. */
  private boolean parse5424(String s, int p) {
    int end = stamp3339(s, p);
    if (end < 0 || end >= s.length() || s.charAt(end) != ' ') {
      return fail("no RFC 5424 timestamp");
    }
    int hostStart = end + 1;
    int hostEnd = s.indexOf(' ', hostStart);
    int appEnd = hostEnd < 0 ? -1 : s.indexOf(' ', hostEnd + 1);
    int procEnd = appEnd < 0 ? -1 : s.indexOf(' ', appEnd + 1);
    int msgIdEnd = procEnd < 0 ? -1 : s.indexOf(' ', procEnd + 1);
    if (msgIdEnd < 0) {
      return fail("truncated RFC 5424 header");
    }
    host = nil(s, hostStart, hostEnd);
    programStart = hostEnd + 1;
    programEnd = appEnd;
    pid = number(s, appEnd + 1, procEnd);
    int m = skipStructuredData(s, msgIdEnd + 1);
    if (m < 0) {
      return fail("bad RFC 5424 structured data");
    }
    if (m < s.length() && s.charAt(m) == ' ') {
      m++;
    }
    if (s.startsWith("\uFEFF", m)) {
      m++;
    }
    messageStart = m;
    return true;
  }

  private static int skipStructuredData(String s, int p) {
    if (p < s.length() && s.charAt(p) == '-') {
      return p + 1;
    }
    boolean quoted = false;
    int i = p;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ']' && (i + 1 >= s.length() || s.charAt(i + 1) != '[')) {
        return i + 1;
      }
      i++;
    }
    return -1;
  }

  private static String nil(String s, int from, int to) {
    return to - from == 1 && s.charAt(from) == '-' ? null : s.substring(from, to);
  }

  private static long number(String s, int from, int to) {
    if (to <= from || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int twoDigits(String s, int p) {
    if (p + 1 >= s.length() || !isDigit(s, p) || !isDigit(s, p + 1)) {
      return -1;
    }
    return (s.charAt(p) - '0') * 10 + (s.charAt(p + 1) - '0');
  }

  private static boolean isDigit(String s, int p) {
    if (p >= s.length()) {
      return false;
    }
    char c = s.charAt(p);
    return c >= '0' && c <= '9';
  }
}
