package dev.minewarden.ingest.support;

import java.nio.charset.StandardCharsets;

/**
 * The head of a file as text, for sniffing. Bytes are read as ISO-8859-1, so any input decodes and
 * ASCII markers compare as written. Immutable.
 */
public final class Head {
  private final String text;

  private Head(String text) {
    this.text = text;
  }

  /** Wraps the first {@code length} bytes of {@code head}. */
  public static Head of(byte[] head, int length) {
    int n = Math.max(0, Math.min(length, head.length));
    int start = 0;
    // A UTF-8 byte order mark says nothing about the format.
    if (n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
      start = 3;
    }
    return new Head(new String(head, start, n - start, StandardCharsets.ISO_8859_1));
  }

  /** The whole head text. */
  public String text() {
    return text;
  }

  /** The first line that is not blank, trimmed, or the empty string. */
  public String firstLine() {
    int pos = 0;
    while (pos < text.length()) {
      int end = lineEnd(pos);
      String line = text.substring(pos, end).trim();
      if (!line.isEmpty()) {
        return line;
      }
      pos = end + 1;
    }
    return "";
  }

  /** Whether the text holds every one of the markers. */
  public boolean containsAll(String... markers) {
    for (String m : markers) {
      if (!text.contains(m)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the head starts (after white space) with {@code c}. */
  public boolean startsWith(char c) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (!Character.isWhitespace(ch)) {
        return ch == c;
      }
    }
    return false;
  }

  /** Whether any printable text at all is there; binary junk has NULs or control bytes. */
  public boolean looksLikeText() {
    int bad = 0;
    int n = Math.min(text.length(), 4096);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
        bad++;
      }
    }
    return n > 0 && bad * 20 < n;
  }

  private int lineEnd(int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }
}
