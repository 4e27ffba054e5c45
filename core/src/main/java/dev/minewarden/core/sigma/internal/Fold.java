package dev.minewarden.core.sigma.internal;

/**
 * Case folding used on both sides of every case-insensitive comparison. It works char by char so
 * that a value can be compared with a folded pattern without building a lower-cased copy of it;
 * because rules and events are folded by the same function, the comparison stays consistent even
 * for the few characters whose full lower-casing changes the string length.
 */
public final class Fold {
  private static final char[] ASCII = new char[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII[c] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
    }
  }

  private Fold() {}

  /** The folded form of one char. */
  public static char fold(char c) {
    return c < 128 ? ASCII[c] : Character.toLowerCase(c);
  }

  /** The folded form of a string (the same string when nothing changes). */
  public static String fold(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && fold(s.charAt(i)) == s.charAt(i)) {
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] out = s.toCharArray();
    for (; i < n; i++) {
      out[i] = fold(out[i]);
    }
    return new String(out);
  }

  /** Whether {@code s} folded from {@code offset} on starts with {@code folded}. */
  public static boolean regionEquals(CharSequence s, int offset, String folded) {
    int n = folded.length();
    if (offset < 0 || offset + n > s.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (fold(s.charAt(offset + i)) != folded.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Index of the first folded occurrence of {@code folded} in {@code s} at or after {@code from}. */
  public static int indexOf(CharSequence s, String folded, int from) {
    int last = s.length() - folded.length();
    for (int i = Math.max(0, from); i <= last; i++) {
      if (regionEquals(s, i, folded)) {
        return i;
      }
    }
    return -1;
  }
}
