package dev.minewarden.posture.cve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Version comparison: a general upstream order for product versions and image tags, and dpkg's
 * own order for Debian package versions. Pure functions, thread-safe, no regular expressions.
 */
public final class Versions {
  private static final Set<String> PRE_RELEASE =
      Set.of("alpha", "a", "beta", "b", "rc", "cr", "m", "milestone", "pre", "preview", "snapshot", "ea", "dev");

  private Versions() {}

  /**
   * Compares upstream versions: runs of digits compare as numbers, runs of letters as words, and
   * separators ({@code . - _ + ~ :}) only split. A pre-release word ({@code beta}, {@code rc}...)
   * sorts before the release it precedes, so {@code 2.0-beta9 < 2.0 < 2.0.1}.
   *
   * @return negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}
   */
  public static int compare(String a, String b) {
    List<String> x = tokens(a);
    List<String> y = tokens(b);
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      if (i >= x.size()) {
        return isPreRelease(y.get(i)) ? 1 : -1;
      }
      if (i >= y.size()) {
        return isPreRelease(x.get(i)) ? -1 : 1;
      }
      int c = compareToken(x.get(i), y.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /**
   * The leading version of an image tag or package version: {@code 2.401.3-lts-jdk17} gives
   * {@code 2.401.3}, {@code 1:2.36-9+deb12u3} gives {@code 2.36} when {@code debian} is true.
   *
   * @return the version, or {@code ""} when the text does not start with a digit
   */
  public static String upstream(String version, boolean debian) {
    String v = version.trim();
    int colon = v.indexOf(':');
    if (colon > 0 && allDigits(v.substring(0, colon))) {
      v = v.substring(colon + 1);
    }
    if (debian) {
      int dash = v.lastIndexOf('-');
      return dash > 0 ? v.substring(0, dash) : v;
    }
    if (v.startsWith("v") || v.startsWith("V")) {
      v = v.substring(1);
    }
    int end = 0;
    while (end < v.length() && (isDigit(v.charAt(end)) || v.charAt(end) == '.')) {
      end++;
    }
    String head = v.substring(0, end);
    while (head.endsWith(".")) {
      head = head.substring(0, head.length() - 1);
    }
    return head.isEmpty() || !isDigit(head.charAt(0)) ? "" : head;
  }

  /**
   * Compares Debian package versions ({@code [epoch:]upstream[-revision]}) exactly as dpkg does,
   * including {@code ~} sorting before everything.
   */
  public static int compareDpkg(String a, String b) {
    String[] x = splitDpkg(a.trim());
    String[] y = splitDpkg(b.trim());
    int c = Long.compare(parseEpoch(x[0]), parseEpoch(y[0]));
    if (c != 0) {
      return c;
    }
    c = verrevcmp(x[1], y[1]);
    return c != 0 ? c : verrevcmp(x[2], y[2]);
  }

  private static String[] splitDpkg(String v) {
    int colon = v.indexOf(':');
    String epoch = colon > 0 ? v.substring(0, colon) : "0";
    String rest = colon > 0 ? v.substring(colon + 1) : v;
    int dash = rest.lastIndexOf('-');
    return dash > 0
        ? new String[] {epoch, rest.substring(0, dash), rest.substring(dash + 1)}
        : new String[] {epoch, rest, ""};
  }

  private static long parseEpoch(String s) {
    if (!allDigits(s) || s.length() > 9) {
      return 0;
    }
    return Long.parseLong(s);
  }

  // dpkg's lib/dpkg/version.c verrevcmp: alternate non-digit and digit parts.
  private static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      int firstDiff = 0;
      while ((i < a.length() && !isDigit(a.charAt(i)))
          || (j < b.length() && !isDigit(b.charAt(j)))) {
        int ac = order(a, i);
        int bc = order(b, j);
        if (ac != bc) {
          return ac - bc;
        }
        i++;
        j++;
      }
      while (i < a.length() && a.charAt(i) == '0') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '0') {
        j++;
      }
      while (i < a.length() && isDigit(a.charAt(i))
          && j < b.length() && isDigit(b.charAt(j))) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < a.length() && isDigit(a.charAt(i))) {
        return 1;
      }
      if (j < b.length() && isDigit(b.charAt(j))) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff;
      }
    }
    return 0;
  }

  private static int order(String s, int i) {
    if (i >= s.length()) {
      return 0;
    }
    char c = s.charAt(i);
    if (isDigit(c)) {
      return 0;
    }
    if (Character.isLetter(c) && c < 128) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }

  private static List<String> tokens(String v) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int kind = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      int k = isDigit(c) ? 1 : Character.isLetter(c) ? 2 : 0;
      if (k != kind && cur.length() > 0) {
        out.add(cur.toString());
        cur.setLength(0);
      }
      if (k != 0) {
        cur.append(k == 2 ? Character.toLowerCase(c) : c);
      }
      kind = k;
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  private static int compareToken(String x, String y) {
    boolean xn = isDigit(x.charAt(0));
    boolean yn = isDigit(y.charAt(0));
    if (xn && yn) {
      String xs = stripZeros(x);
      String ys = stripZeros(y);
      return xs.length() != ys.length() ? Integer.compare(xs.length(), ys.length()) : xs.compareTo(ys);
    }
    if (xn != yn) {
      // A number beats a word at the same place: 2.0.1 is newer than 2.0.rc1.
      return xn ? 1 : -1;
    }
    boolean xp = isPreRelease(x);
    boolean yp = isPreRelease(y);
    if (xp != yp) {
      return xp ? -1 : 1;
    }
    return x.toLowerCase(Locale.ROOT).compareTo(y.toLowerCase(Locale.ROOT));
  }

  private static boolean isPreRelease(String token) {
    return !isDigit(token.charAt(0)) && PRE_RELEASE.contains(token.toLowerCase(Locale.ROOT));
  }

  private static String stripZeros(String s) {
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean allDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
