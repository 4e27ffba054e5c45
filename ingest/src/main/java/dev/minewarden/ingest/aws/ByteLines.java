package dev.minewarden.ingest.aws;

import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LineFormat;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.support.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Feeds a {@link LineParser} with the same contract as {@link LineFormat} (UTF-8 with invalid bytes
 * replaced, lines over {@link LineFormat#MAX_LINE_CHARS} reported and skipped) but splits lines on
 * raw bytes and decodes each line once, with no intermediate char buffer or builder: flow logs are
 * ASCII and come in billions of lines, so the copy saved per line is worth its own reader. Lines
 * end at {@code \n}; a {@code \r} before it is dropped. Not thread-safe.
 */
final class ByteLines {
  private static final int MAX = LineFormat.MAX_LINE_CHARS;

  /** Takes lines as UTF-8 bytes, for parsers that read them in place. */
  interface Consumer {
    /**
     * Takes the line {@code buf[from, to)} (without its terminator); the bytes are only valid
     * during the call.
     */
    void line(byte[] buf, int from, int to, long lineNumber, EventSink sink);
  }
  private final InputStream in;
  private byte[] buf;
  private int pos;
  private int limit;

  private final long firstLine;

  ByteLines(InputStream in) {
    this(in, 1);
  }

  /** Reads lines numbered from {@code firstLine} (a piece of a file that starts at that line). */
  ByteLines(InputStream in, long firstLine) {
    this.in = in;
    this.buf = new byte[1 << 16];
    this.firstLine = firstLine;
  }

  /**
   * Reads the lines of {@code bytes[0, length)} in place, numbered from {@code firstLine}: a piece
   * of a file already in memory is not copied again. The array is not changed.
   */
  ByteLines(byte[] bytes, int length, long firstLine) {
    this.in = null;
    this.buf = bytes;
    this.limit = length;
    this.firstLine = firstLine;
  }

  /** Reads every line into {@code consumer} as bytes; lines held in memory cannot fail to read. */
  void feedInPlace(Consumer consumer, EventSink sink) {
    try {
      feed(consumer, sink);
    } catch (IOException e) {
      throw new AssertionError("no stream is read in place", e);
    }
  }

  /** Reads every line into {@code parser} as text, then calls its {@link LineParser#end}. */
  void feed(LineParser parser, EventSink sink) throws IOException {
    feed((buf, from, to, number, s) ->
        parser.line(new String(buf, from, to - from, StandardCharsets.UTF_8), number, s), sink);
    parser.end(sink);
  }

  /** Reads every line into {@code consumer} as bytes. */
  void feed(Consumer consumer, EventSink sink) throws IOException {
    long number = firstLine - 1;
    boolean eof = false;
    while (true) {
      int nl = indexOfNewline();
      if (nl < 0 && !eof) {
        if (limit - pos > MAX) {
          number++;
          skipLongLine(number, sink);
          continue;
        }
        eof = !fill();
        continue;
      }
      if (nl < 0 && pos >= limit) {
        break;
      }
      int end = nl < 0 ? limit : nl;
      number++;
      int stop = end > pos && buf[end - 1] == '\r' ? end - 1 : end;
      consumer.line(buf, pos, stop, number, sink);
      pos = nl < 0 ? limit : nl + 1;
    }
  }

  private int indexOfNewline() {
    return Bytes.indexOfNewline(buf, pos, limit);
  }

  /**
   * Moves the unread rest to the front, growing the buffer up to the line bound; false at EOF
   * (at once for lines read in place, whose array is left as it is).
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
      byte[] bigger = new byte[Math.min(buf.length * 2, MAX + 2)];
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

  /** Reports the line at {@code pos} as too long and drops it through its newline. */
  private void skipLongLine(long number, EventSink sink) throws IOException {
    String excerpt = new String(buf, pos, 200, StandardCharsets.UTF_8);
    sink.malformed(number, "line longer than " + MAX + " characters", excerpt);
    while (true) {
      int nl = indexOfNewline();
      if (nl >= 0) {
        pos = nl + 1;
        return;
      }
      pos = limit;
      if (!fill()) {
        return;
      }
    }
  }
}
