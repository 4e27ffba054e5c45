package dev.minewarden.host.proc;

/** Tolerant number parsing for kernel text: a bad number gives the default, never an exception. */
public final class ParseUtil {
  private ParseUtil() {}

  /**
   * Parses a decimal long (optional leading minus), or returns {@code dflt} when {@code s} is null,
   * empty, not a number or out of range.
   */
  public static long parseLong(CharSequence s, long dflt) {
    if (s == null || s.length() == 0 || s.length() > 20) {
      return dflt;
    }
    int i = 0;
    boolean negative = s.charAt(0) == '-';
    if (negative) {
      i = 1;
      if (s.length() == 1) {
        return dflt;
      }
    }
    long value = 0;
    for (; i < s.length(); i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return dflt;
      }
      if (value > (Long.MAX_VALUE - d) / 10) {
        return dflt;
      }
      value = value * 10 + d;
    }
    return negative ? -value : value;
  }

  /** Parses a decimal int, or returns {@code dflt} (see {@link #parseLong}). */
  public static int parseInt(CharSequence s, int dflt) {
    long v = parseLong(s, Long.MIN_VALUE);
    return v == Long.MIN_VALUE || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? dflt : (int) v;
  }

  /** Parses an unsigned hexadecimal number of at most 16 digits, or returns {@code dflt}. */
  public static long parseHex(CharSequence s, long dflt) {
    if (s == null || s.length() == 0 || s.length() > 16) {
      return dflt;
    }
    long value = 0;
    for (int i = 0; i < s.length(); i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0) {
        return dflt;
      }
      value = (value << 4) | d;
    }
    return value;
  }

  /** Whether {@code s} is a non-empty run of ASCII digits (a pid directory name, say). */
  public static boolean isDigits(CharSequence s) {
    if (s.length() == 0 || s.length() > 10) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
