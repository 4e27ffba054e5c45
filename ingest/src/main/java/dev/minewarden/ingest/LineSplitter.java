package dev.minewarden.ingest;

import dev.minewarden.ingest.support.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines ({@code \n}, {@code \r\n} or {@code \r} terminated) on the raw
 * bytes and decodes each line once as UTF-8 (invalid bytes replaced), with no intermediate char
 * buffer: the terminators are ASCII and can never occur inside a multi-byte sequence. A line is
 * never held beyond what proves it too long: over {@link LineFormat#MAX_LINE_CHARS} chars it is
 * reported as malformed with an excerpt of its first 200 chars and skipped. Not thread-safe.
 */
final class LineSplitter {
  private static final int MAX = LineFormat.MAX_LINE_CHARS;
  /**
   * A line of at most {@code MAX} chars has at most {@code 3 * MAX} bytes (UTF-8 needs at most 3
   * bytes per UTF-16 char, and an invalid byte becomes one char), so more bytes prove it too long.
   */
  private static final int MAX_BYTES = 3 * MAX;
  private static final int EXCERPT = 200;

  /** Receives the lines. */
  interface Lines {
    /** One line without its terminator. */
    void line(String line, long number);
  }

  private final InputStream in;
  private byte[] buf;
  private int pos;
  private int limit;
  private boolean skipLf;
  private long number;
  /** Whether the bytes the last {@link #terminator} call scanned were all ASCII. */
  private boolean ascii;

  /**
   * @param in the bytes
   * @param firstLine the number of the first line (1 for a whole file)
   */
  LineSplitter(InputStream in, long firstLine) {
    this.in = in;
    this.buf = new byte[1 << 16];
    this.number = firstLine - 1;
  }

  /**
   * Splits the lines of {@code bytes[0, length)} in place, numbered from {@code firstLine}: a
   * piece of a file already in memory is not copied again. The array is not changed.
   */
  LineSplitter(byte[] bytes, int length, long firstLine) {
    this.in = null;
    this.buf = bytes;
    this.limit = length;
    this.number = firstLine - 1;
  }

  /** Reads every line into {@code lines}; too-long lines go to {@code sink} as malformed. */
  void feed(Lines lines, EventSink sink) throws IOException {
    boolean eof = false;
    while (true) {
      if (skipLf && pos < limit) {
        skipLf = false;
        if (buf[pos] == '\n') {
          pos++;
        }
      }
      int end = terminator();
      if (end < 0) {
        if (limit - pos > MAX_BYTES) {
          skipLongLine(sink);
          continue;
        }
        if (!eof) {
          eof = !fill();
          continue;
        }
        if (pos < limit) {
          emit(lines, sink, pos, limit);
          pos = limit;
        }
        return;
      }
      emit(lines, sink, pos, end);
      pos = end + 1;
      if (buf[end] == '\r') {
        skipLf = true;
      }
    }
  }

  /**
   * The index of the next terminator from {@code pos}, or -1; notes whether the bytes before it are
   * ASCII, so that {@link #emit} can skip UTF-8 decoding for them. Eight bytes at a time.
   */
  private int terminator() {
    long r = Bytes.lineEnd(buf, pos, limit);
    ascii = (r & Bytes.NOT_ASCII) == 0;
    return (int) r;
  }

  private void emit(Lines lines, EventSink sink, int from, int to) {
    number++;
    // ASCII is the same in Latin-1, whose decoding is a plain copy.
    String line = new String(buf, from, to - from,
        ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    if (to - from > MAX && line.length() > MAX) {
      tooLong(sink, line.substring(0, EXCERPT));
      return;
    }
    if (line.indexOf('\uFFFD') >= 0) {
      // Reported, but still parsed: a stray invalid byte (in a user name, say) must not be a way
      // to make a line vanish from the hunt.
      sink.malformed(number, "invalid UTF-8 (replaced with U+FFFD; the line is still parsed)",
          line.length() > EXCERPT ? line.substring(0, EXCERPT) : line);
    }
    lines.line(line, number);
  }

  private void tooLong(EventSink sink, String excerpt) {
    sink.malformed(number, "line longer than " + MAX + " characters", excerpt);
  }

  /** Reports the line at {@code pos} as too long and drops it through its terminator. */
  private void skipLongLine(EventSink sink) throws IOException {
    number++;
    String head = new String(buf, pos, 4 * EXCERPT, StandardCharsets.UTF_8);
    tooLong(sink, head.substring(0, Math.min(EXCERPT, head.length())));
    while (true) {
      int end = terminator();
      if (end >= 0) {
        pos = end + 1;
        skipLf = buf[end] == '\r';
        return;
      }
      pos = limit;
      if (!fill()) {
        return;
      }
    }
  }

  /**
   * Moves the unread rest to the front, growing the buffer up to the line bound; false at EOF
   * (at once for lines split in place, whose array is left as it is).
   */
  private boolean fill() throws IOException {
    if (in == null) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      byte[] bigger = new byte[Math.min(buf.length * 2, MAX_BYTES + 2)];
      System.arraycopy(buf, 0, bigger, 0, limit);
      buf = bigger;
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n <= 0) {
      return false;
    }
    limit += n;
    return true;
  }

  /**
   * The end of the last whole line in {@code buf[0, n)}, or -1: after the last {@code \n}, or after
   * a last {@code \r} whose next byte is known (and so is not {@code \n}, found first backwards).
   */
  static int cut(byte[] buf, int n) {
    for (int i = n - 1; i >= 0; i--) {
      byte c = buf[i];
      if (c == '\n' || (c == '\r' && i + 1 < n)) {
        return i + 1;
      }
    }
    return -1;
  }

  /** The lines ended in {@code buf[0, cut)}, counted as this splitter counts them. */
  static long lines(byte[] buf, int cut) {
    return Bytes.countLineEnds(buf, 0, cut);
  }

}
