package dev.minewarden.host.response;

/**
 * Wildcard matching for policy patterns: {@code *} matches any run of characters (slashes
 * included), everything else matches itself. No regular expressions, and the greedy algorithm
 * with one backtrack point runs in O(pattern x text) at worst. Pure.
 */
final class Glob {
  private Glob() {}

  /** Whether the text matches the pattern as a whole. */
  static boolean matches(String pattern, String text) {
    if (pattern == null || text == null) {
      return false;
    }
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
