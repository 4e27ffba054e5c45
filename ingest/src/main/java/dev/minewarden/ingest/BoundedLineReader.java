package dev.minewarden.ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ({@code \n}, {@code \r\n} or {@code \r} terminated) without ever holding more than a
 * bounded number of characters of one line: a 10 MB line from a hostile file costs {@code max}
 * characters of memory, not 10 MB. Not thread-safe.
 */
final class BoundedLineReader {
  private final Reader reader;
  private final int max;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int limit;
  private boolean tooLong;
  private boolean skipLf;

  BoundedLineReader(Reader reader, int max) {
    this.reader = reader;
    this.max = max;
  }

  /** Whether the line last returned was cut at {@code max} characters (its rest was skipped). */
  boolean lastWasTooLong() {
    return tooLong;
  }

  /**
   * The next line without its terminator, or {@code null} at the end. A line over the bound comes
   * back as its first 200 characters, with {@link #lastWasTooLong()} set.
   */
  String next() throws IOException {
    tooLong = false;
    StringBuilder sb = null;
    while (true) {
      if (pos >= limit && !fill()) {
        return sb == null ? null : finish(sb);
      }
      if (skipLf) {
        skipLf = false;
        if (buf[pos] == '\n') {
          pos++;
          continue;
        }
      }
      int start = pos;
      while (pos < limit && buf[pos] != '\n' && buf[pos] != '\r') {
        pos++;
      }
      if (sb == null) {
        sb = new StringBuilder(Math.min(pos - start + 16, 256));
      }
      append(sb, start, pos);
      if (pos < limit) {
        skipLf = buf[pos] == '\r';
        pos++;
        return finish(sb);
      }
    }
  }

  private void append(StringBuilder sb, int start, int end) {
    int room = max - sb.length();
    if (end - start > room) {
      tooLong = true;
      sb.append(buf, start, Math.max(0, room));
    } else {
      sb.append(buf, start, end - start);
    }
  }

  private String finish(StringBuilder sb) {
    return tooLong ? sb.substring(0, Math.min(200, sb.length())) : sb.toString();
  }

  private boolean fill() throws IOException {
    int n = reader.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }
}
