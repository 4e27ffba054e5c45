package dev.minewarden.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * A {@link LogFormat} whose records are lines. Subclasses say how to recognise the format and make
 * a {@link LineParser} per file; this class does the reading: UTF-8 with invalid bytes replaced,
 * and lines longer than {@link #MAX_LINE_CHARS} reported as malformed and skipped rather than held
 * in memory.
 */
public abstract class LineFormat implements LogFormat {
  /** Lines longer than this (in chars) are reported as malformed and skipped: 1 Mi chars. */
  public static final int MAX_LINE_CHARS = 1 << 20;

  /** Makes the per-file parser. */
  protected abstract LineParser newParser(SourceContext context);

  /**
   * A parser for one file whose lines the caller reads itself, such as a follower of a growing
   * log that hands over each complete line as it is written. The caller enforces {@link
   * #MAX_LINE_CHARS} and replaces invalid UTF-8, as {@link #parse} does.
   */
  public final LineParser lineParser(SourceContext context) {
    return newParser(context);
  }

  @Override
  public final void parse(InputStream in, SourceContext context, EventSink sink)
      throws IOException {
    LineParser parser = parseLines(in, 1, context, sink);
    parser.end(sink);
  }

  /**
   * Whether each line is parsed on its own, with nothing carried from one line to the next, so a
   * file may be cut at line ends and the pieces parsed separately (see {@link #parseLines}).
   * False unless a format says otherwise.
   */
  public boolean linesIndependent() {
    return false;
  }

  /** Pieces of independent lines, cut and counted as {@link LineSplitter} reads them. */
  @Override
  public final FilePieces pieces() {
    if (!linesIndependent()) {
      return null;
    }
    return new FilePieces() {
      @Override
      public int cut(byte[] buf, int n) {
        return LineSplitter.cut(buf, n);
      }

      @Override
      public long lines(byte[] buf, int cut) {
        return LineSplitter.lines(buf, cut);
      }

      @Override
      public Object stateAfter(Object before, byte[] buf, int cut) {
        return null;
      }

      @Override
      public void parse(Object state, InputStream in, long firstLine, SourceContext context,
          EventSink sink) throws IOException {
        parseLines(in, firstLine, context, sink);
      }

      @Override
      public void parse(Object state, byte[] buf, int cut, long firstLine, SourceContext context,
          EventSink sink) throws IOException {
        LineParser parser = newParser(context);
        new LineSplitter(buf, cut, firstLine)
            .feed((line, number) -> parser.line(line, number, sink), sink);
      }
    };
  }

  /**
   * Parses lines without ending the parse: a whole file from line 1, or, for formats whose {@link
   * #linesIndependent() lines are independent}, a piece of a file that starts at a line start.
   *
   * @param in the bytes, from the start of a line
   * @param firstLine the number of the first line in its file
   * @return the parser, for a caller that then calls {@link LineParser#end}
   */
  public final LineParser parseLines(
      InputStream in, long firstLine, SourceContext context, EventSink sink) throws IOException {
    LineParser parser = newParser(context);
    new LineSplitter(in, firstLine).feed((line, number) -> parser.line(line, number, sink), sink);
    return parser;
  }
}
