package dev.minewarden.host.proc;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code /proc/mounts}.
 *
 * @param device the mounted device or source
 * @param mountPoint where it is mounted, with the kernel's octal escapes ({@code \040}) decoded
 * @param type the file-system type
 * @param options the mount options, comma-separated
 */
public record Mount(String device, String mountPoint, String type, String options) {

  /** Whether the options list holds {@code option} exactly, or as {@code option=value}. */
  public boolean hasOption(String option) {
    for (String o : options.split(",")) {
      if (o.equals(option) || o.startsWith(option + "=")) {
        return true;
      }
    }
    return false;
  }

  /** Parses {@code /proc/mounts} text; short lines are skipped. */
  public static List<Mount> parse(String text) {
    List<Mount> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\n")) {
      String[] f = line.split(" ");
      if (f.length >= 4) {
        out.add(new Mount(unescape(f[0]), unescape(f[1]), f[2], f[3]));
      }
    }
    return out;
  }

  /** Decodes the kernel's {@code \ooo} octal escapes (space, tab, newline, backslash). */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && isOctal(s, i + 1)) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
