package dev.minewarden.host.proc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Byte-to-text helpers for kernel and attacker-controlled bytes. */
public final class Text {
  private Text() {}

  /** Decodes UTF-8, replacing invalid sequences with U+FFFD (never throws). */
  public static String utf8(byte[] bytes, int length) {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /**
   * Splits NUL-separated strings (as in {@code /proc/<pid>/cmdline}); a trailing NUL does not
   * make an empty last element, and invalid UTF-8 is replaced.
   */
  public static List<String> splitNul(byte[] bytes, int length) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == 0) {
        parts.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < length) {
      parts.add(new String(bytes, start, length - start, StandardCharsets.UTF_8));
    }
    return parts;
  }

  /** The part of {@code s} after the last {@code '/'}, or {@code s} itself; null gives null. */
  public static String basename(String s) {
    if (s == null) {
      return null;
    }
    int slash = s.lastIndexOf('/');
    return slash < 0 ? s : s.substring(slash + 1);
  }
}
