package dev.minewarden.core.text;

/**
 * Makes attacker-controlled text (process names, command lines, user names, log lines) safe to
 * show. Every method is pure and thread-safe.
 */
public final class Sanitize {
  private Sanitize() {}

  /**
   * Text safe for a terminal: C0 and C1 control characters, DEL, and the Unicode bidirectional
   * overrides that can reorder what a reader sees are written as {@code \xNN} or {@code \x{NNNN}}
   * escapes, so no escape sequence reaches the terminal and no line break can forge an output row.
   * A backslash is doubled so the escapes cannot be forged either. {@code null} becomes {@code ""}.
   */
  public static String forTerminal(String s) {
    if (s == null) {
      return "";
    }
    int i = firstUnsafe(s);
    if (i < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        b.append("\\\\");
      } else if (isUnsafe(c)) {
        escape(b, c);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** {@link #forTerminal} cut to at most {@code max} characters, ending with an ellipsis if cut. */
  public static String forTerminal(String s, int max) {
    String safe = forTerminal(s);
    if (safe.length() <= max) {
      return safe;
    }
    return safe.substring(0, Math.max(0, max - 1)) + "…";
  }

  /**
   * A CSV cell: quoted when needed, and prefixed with an apostrophe when it would start a
   * spreadsheet formula ({@code = + - @}, tab or carriage return), per OWASP's CSV-injection advice.
   */
  public static String forCsv(String s) {
    String v = s == null ? "" : s;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0;
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  /** Text for HTML element content or a quoted attribute value. */
  public static String forHtml(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append("&#xFFFD;");
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static int firstUnsafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || isUnsafe(c)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether a character is escaped for terminals (see {@link #forTerminal}). */
  static boolean isUnsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u2028'
        || c == '\u2029';
  }

  private static void escape(StringBuilder b, char c) {
    if (c <= 0xff) {
      b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
    } else {
      b.append("\\x{").append(Integer.toHexString(c)).append('}');
    }
  }
}
