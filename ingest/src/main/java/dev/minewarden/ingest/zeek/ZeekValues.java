package dev.minewarden.ingest.zeek;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts tab-separated Zeek values to event values after their {@code #types}. Stateless and
 * thread-safe.
 */
final class ZeekValues {
  private ZeekValues() {}

  /** Splits on a literal separator (no regex), keeping empty pieces. */
  static String[] split(String text, String sep) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    int at;
    while ((at = text.indexOf(sep, from)) >= 0) {
      parts.add(text.substring(from, at));
      from = at + sep.length();
    }
    parts.add(text.substring(from));
    return parts.toArray(new String[0]);
  }

  /**
   * The value of one column.
   *
   * @param raw the column text
   * @param type the Zeek type from {@code #types} ({@code count}, {@code set[string]}...)
   * @return the value, {@link #UNSET} when the column holds the unset marker
   */
  static Object convert(String raw, String type, ZeekHeader h) {
    if (raw.equals(h.unsetField)) {
      return UNSET;
    }
    int bracket = type.indexOf('[');
    if (bracket > 0 && type.endsWith("]")) {
      return container(raw, type.substring(bracket + 1, type.length() - 1), h);
    }
    if (raw.equals(h.emptyField)) {
      return "";
    }
    return scalar(raw, type, h);
  }

  /** Marks a column holding Zeek's unset value; such fields are left out of the event. */
  static final Object UNSET = new Object();

  private static List<Object> container(String raw, String inner, ZeekHeader h) {
    List<Object> values = new ArrayList<>();
    if (raw.equals(h.emptyField)) {
      return values;
    }
    for (String part : split(raw, h.setSeparator)) {
      values.add(part.equals(h.unsetField) ? null : scalar(part, inner, h));
    }
    return values;
  }

  private static Object scalar(String raw, String type, ZeekHeader h) {
    switch (type) {
      case "count", "int", "port" -> {
        Long v = parseLong(raw);
        return v == null ? raw : v;
      }
      case "time", "interval", "double" -> {
        Double v = parseDouble(raw);
        return v == null ? raw : v;
      }
      case "bool" -> {
        if (raw.equals("T")) {
          return Boolean.TRUE;
        }
        return raw.equals("F") ? Boolean.FALSE : raw;
      }
      default -> {
        return unescape(raw, h);
      }
    }
  }

  /** A decimal long, or {@code null} when {@code s} is not one. */
  static Long parseLong(String s) {
    int n = s.length();
    if (n == 0 || n > 19) {
      return null;
    }
    int i = s.charAt(0) == '-' ? 1 : 0;
    if (i == n) {
      return null;
    }
    long v = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      v = v * 10 + (c - '0');
    }
    return s.charAt(0) == '-' ? -v : v;
  }

  /** A plain decimal number ({@code 1591367999.305988}), or {@code null}; no hex, no NaN. */
  static Double parseDouble(String s) {
    int n = s.length();
    if (n == 0 || n > 40) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+';
      if (!ok) {
        return null;
      }
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Undoes the escapes Zeek writes for its own framing: a separator, set separator or backslash
   * inside a value appears as {@code \xNN}. Other {@code \xNN} escapes (non-printable bytes) stay as
   * written, since that is how rules match them ({@code answers|endswith: '\\x00'}).
   */
  static String unescape(String raw, ZeekHeader h) {
    if (raw.indexOf("\\x") < 0) {
      return raw;
    }
    StringBuilder b = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      int decoded = c == '\\' ? hexAt(raw, i) : -1;
      if (decoded >= 0 && isFraming((char) decoded, h)) {
        b.append((char) decoded);
        i += 4;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  /** Undoes every {@code \xNN} escape (for the {@code #separator} directive itself). */
  static String unescapeAll(String raw) {
    StringBuilder b = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      int decoded = raw.charAt(i) == '\\' ? hexAt(raw, i) : -1;
      if (decoded >= 0) {
        b.append((char) decoded);
        i += 4;
      } else {
        b.append(raw.charAt(i));
        i++;
      }
    }
    return b.toString();
  }

  private static boolean isFraming(char c, ZeekHeader h) {
    return c == '\\' || h.separator.indexOf(c) >= 0 || h.setSeparator.indexOf(c) >= 0;
  }

  /** The byte of a {@code \xNN} escape starting at {@code i}, or -1. */
  private static int hexAt(String s, int i) {
    if (i + 3 >= s.length() || s.charAt(i + 1) != 'x') {
      return -1;
    }
    int hi = Character.digit(s.charAt(i + 2), 16);
    int lo = Character.digit(s.charAt(i + 3), 16);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
  }
}
