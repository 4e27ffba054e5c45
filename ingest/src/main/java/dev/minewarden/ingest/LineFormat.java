package dev.minewarden.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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
    LineParser parser = newParser(context);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    BoundedLineReader lines = new BoundedLineReader(reader, MAX_LINE_CHARS);
    long number = 0;
    String line;
    while ((line = lines.next()) != null) {
      number++;
      if (lines.lastWasTooLong()) {
        sink.malformed(number, "line longer than " + MAX_LINE_CHARS + " characters", line);
        continue;
      }
      parser.line(line, number, sink);
    }
    parser.end(sink);
  }
}
