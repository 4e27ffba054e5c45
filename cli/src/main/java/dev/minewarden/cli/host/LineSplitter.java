package dev.minewarden.cli.host;

import dev.minewarden.ingest.LineFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a byte stream that arrives in pieces into lines, holding at most {@link
 * LineFormat#MAX_LINE_CHARS} bytes of the line being assembled: a longer line is reported as too
 * long with its start, and its remainder skipped. Lines are decoded as UTF-8 with invalid bytes
 * replaced, without the terminator or a carriage return before it. Not thread-safe.
 */
final class LineSplitter {
  /** Receives each complete line. */
  interface Lines {
    /**
     * @param line the decoded line, or its start when too long
     * @param tooLong whether the line was longer than the limit
     * @param endOffset the stream offset just after the line's newline
     */
    void line(String line, boolean tooLong, long endOffset);
  }

  private static final int EXCERPT = 200;

  private final int max;
  private byte[] buf = new byte[256];
  private int len;
  private boolean tooLong;

  LineSplitter() {
    this(LineFormat.MAX_LINE_CHARS);
  }

  LineSplitter(int max) {
    this.max = max;
  }

  /**
   * Takes {@code n} bytes that start at stream offset {@code offset} and hands over every line
   * they complete.
   */
  void feed(byte[] bytes, int n, long offset, Lines out) {
    int start = 0;
    for (int i = 0; i < n; i++) {
      if (bytes[i] == '\n') {
        append(bytes, start, i - start);
        emit(offset + i + 1, out);
        start = i + 1;
      }
    }
    append(bytes, start, n - start);
  }

  /** Hands over the unterminated last line, if any, as complete (a file that ends without one). */
  void flush(long endOffset, Lines out) {
    if (len > 0 || tooLong) {
      emit(endOffset, out);
    }
  }

  /** Forgets the line being assembled (the stream starts over). */
  void reset() {
    len = 0;
    tooLong = false;
    if (buf.length > 64 << 10) {
      buf = new byte[256];
    }
  }

  /** Whether part of a line is held. */
  boolean holdsPartialLine() {
    return len > 0 || tooLong;
  }

  private void append(byte[] bytes, int from, int n) {
    if (n <= 0) {
      return;
    }
    int room = max - len;
    if (n > room) {
      tooLong = true;
      n = Math.max(0, Math.min(n, EXCERPT - len));
      if (n <= 0) {
        return;
      }
    }
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.min(max, Math.max(len + n, buf.length * 2)));
    }
    System.arraycopy(bytes, from, buf, len, n);
    len += n;
  }

  private void emit(long endOffset, Lines out) {
    int n = len;
    if (!tooLong && n > 0 && buf[n - 1] == '\r') {
      n--;
    }
    String line = new String(buf, 0, tooLong ? Math.min(n, EXCERPT) : n, StandardCharsets.UTF_8);
    boolean wasTooLong = tooLong;
    reset();
    out.line(line, wasTooLong, endOffset);
  }
}
