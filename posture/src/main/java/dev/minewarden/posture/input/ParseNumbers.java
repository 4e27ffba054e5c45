package dev.minewarden.posture.input;

/** Tolerant number parsing: bad input gives the default instead of an exception. */
public final class ParseNumbers {
  private ParseNumbers() {}

  /** Parses a decimal int of at most 9 digits with optional sign, or returns {@code dflt}. */
  public static int toInt(String s, int dflt) {
    if (s == null) {
      return dflt;
    }
    String t = s.trim();
    int start = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
    if (t.length() <= start || t.length() - start > 9) {
      return dflt;
    }
    for (int i = start; i < t.length(); i++) {
      if (t.charAt(i) < '0' || t.charAt(i) > '9') {
        return dflt;
      }
    }
    return Integer.parseInt(t);
  }

  /** Parses a hexadecimal number of at most 15 digits, or returns {@code dflt}. */
  public static long hex(String s, long dflt) {
    if (s == null || s.isEmpty() || s.length() > 15) {
      return dflt;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0) {
        return dflt;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
