package dev.minewarden.host.response;

import java.util.Locale;

/** Durations in policies: {@code 600}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}, {@code 1w}. Pure. */
final class Durations {
  private static final long MAX_SECONDS = 10L * 365 * 86400;

  private Durations() {}

  /**
   * Parses a duration into seconds.
   *
   * @throws IllegalArgumentException naming {@code where} when the text is no duration
   */
  static long parseSeconds(String text, String where) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (!t.isEmpty() && "smhdw".indexOf(t.charAt(t.length() - 1)) >= 0) {
      unit = switch (t.charAt(t.length() - 1)) {
        case 'm' -> 60;
        case 'h' -> 3600;
        case 'd' -> 86400;
        case 'w' -> 604800;
        default -> 1;
      };
      t = t.substring(0, t.length() - 1);
    }
    if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not a duration (like 600, 10m, 1h, 7d)");
    }
    long s = Long.parseLong(t) * unit;
    if (s <= 0 || s > MAX_SECONDS) {
      throw new IllegalArgumentException(where + ": '" + text + "' must be between 1 s and 10 years");
    }
    return s;
  }
}
