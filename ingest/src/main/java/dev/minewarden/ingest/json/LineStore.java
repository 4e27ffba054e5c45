package dev.minewarden.ingest.json;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a stream kept from a given line on, so that parsing can restart at any line not yet
 * released: after a malformed JSON value the reader resumes at a later line with a fresh parser.
 * Lines longer than the bound are cut to nothing and reported through {@link #tooLong}. Not
 * thread-safe.
 */
final class LineStore {
  private final Reader in;
  private final int maxLine;
  private final char[] buf = new char[1 << 16];
  private final List<String> lines = new ArrayList<>();
  private final List<Long> tooLong = new ArrayList<>();
  private int pos;
  private int limit;
  private boolean skipLf;
  private boolean eof;
  private long first = 1;

  LineStore(Reader in, int maxLine) {
    this.in = in;
    this.maxLine = maxLine;
  }

  /** Line {@code n} (1-based) without its terminator, or {@code null} past the end. */
  String line(long n) throws IOException {
    if (n < first) {
      throw new IllegalStateException("line " + n + " was released");
    }
    while (n - first >= lines.size()) {
      if (!readLine()) {
        return null;
      }
    }
    return lines.get((int) (n - first));
  }

  /** Forgets the lines before {@code n}. */
  void release(long n) {
    int k = (int) Math.min(lines.size(), n - first);
    if (k > 256 || (k > 0 && k >= lines.size() / 2)) {
      lines.subList(0, k).clear();
      first += k;
    }
  }

  /** Numbers of the lines cut for length since the last call. */
  List<Long> drainTooLong() {
    List<Long> r = List.copyOf(tooLong);
    tooLong.clear();
    return r;
  }

  /** The text from line {@code n} on, each line ending in {@code \n}, after {@code prefix}. */
  Reader from(long n, String prefix) {
    return new Reader() {
      private long next = n;
      private String cur = prefix;
      private int at;

      @Override
      public int read(char[] cbuf, int off, int len) throws IOException {
        while (cur != null && at >= cur.length()) {
          String l = line(next);
          cur = l == null ? null : l + "\n";
          next++;
          at = 0;
        }
        if (cur == null) {
          return -1;
        }
        int k = Math.min(len, cur.length() - at);
        cur.getChars(at, at + k, cbuf, off);
        at += k;
        return k;
      }

      @Override
      public void close() {}
    };
  }

  private boolean readLine() throws IOException {
    if (eof) {
      return false;
    }
    StringBuilder sb = new StringBuilder();
    boolean cut = false;
    while (true) {
      if (pos >= limit && !fill()) {
        eof = true;
        if (sb.length() == 0 && !cut) {
          return false;
        }
        break;
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
      int room = maxLine - sb.length();
      if (pos - start > room) {
        cut = true;
      }
      if (!cut) {
        sb.append(buf, start, pos - start);
      }
      if (pos < limit) {
        skipLf = buf[pos] == '\r';
        pos++;
        break;
      }
    }
    long number = first + lines.size();
    if (cut) {
      tooLong.add(number);
      sb.setLength(0);
    }
    if (number == 1 && sb.length() > 0 && sb.charAt(0) == '\uFEFF') {
      sb.deleteCharAt(0);
    }
    lines.add(sb.toString());
    return true;
  }

  private boolean fill() throws IOException {
    int k = in.read(buf, 0, buf.length);
    if (k <= 0) {
      return false;
    }
    pos = 0;
    limit = k;
    return true;
  }
}
