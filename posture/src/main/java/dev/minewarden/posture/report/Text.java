package dev.minewarden.posture.report;

/**
 * Makes untrusted text safe to print: control characters (C0, DEL, C1), Unicode line separators
 * and bidirectional overrides become visible {@code \\uXXXX} escapes, so nothing from an input
 * file can move the cursor, recolour the terminal or reorder what is shown. Thread-safe.
 */
public final class Text {
  private Text() {}

  /** The text with every unsafe character escaped; newlines too (single-line output). */
  public static String terminal(String s) {
    return escape(s, false, Integer.MAX_VALUE);
  }

  /** As {@link #terminal(String)}, cut to {@code max} characters with an ellipsis. */
  public static String terminal(String s, int max) {
    return escape(s, false, max);
  }

  /** As {@link #terminal(String)}, but newlines are kept (multi-line configuration snippets). */
  public static String terminalLines(String s) {
    return escape(s, true, Integer.MAX_VALUE);
  }

  /** Escapes for HTML text and attribute values, after removing terminal-unsafe characters. */
  public static String html(String s) {
    String t = escape(s, true, Integer.MAX_VALUE);
    StringBuilder sb = new StringBuilder(t.length() + 16);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String escape(String s, boolean keepNewlines, int max) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 8);
    for (int i = 0; i < s.length() && sb.length() < max; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n' && keepNewlines) {
        sb.append('\n');
      } else if (unsafe(cp)) {
        sb.append(cp == '\n' ? "\\n" : cp == '\t' ? "\\t" : cp == '\r' ? "\\r" : String.format("\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    }
    if (sb.length() >= max && max < s.length()) {
      sb.setLength(Math.max(0, max - 1));
      sb.append('…');
    }
    return sb.toString();
  }

  /** Whether a code point is escaped by these methods (control, separator, bidi, surrogate, BOM). */
  static boolean unsafe(int cp) {
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029
        || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0xfeff || (cp >= 0xd800 && cp <= 0xdfff);
  }
}
