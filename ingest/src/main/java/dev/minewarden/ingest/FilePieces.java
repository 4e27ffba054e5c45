package dev.minewarden.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * How a file of one format can be cut at line ends into pieces that are parsed apart, by several
 * threads, with the same events as one read from the start: each line depends at most on a small
 * state that only some lines change (a flow log's header line sets the columns of the lines after
 * it). The reader cuts the pieces and passes them, in file order, through {@link #stateAfter},
 * which is cheap; each piece is then parsed from the state at its start, anywhere.
 *
 * <p>Implementations are stateless and thread-safe; states are immutable.
 */
public interface FilePieces {
  /**
   * The end of the last whole line in {@code buf[0, n)}, or -1 when it holds no line end, with
   * this format's line terminators.
   */
  int cut(byte[] buf, int n);

  /** How many lines end in {@code buf[0, cut)}, counted as the format's reader counts them. */
  long lines(byte[] buf, int cut);

  /**
   * The state after the whole lines {@code buf[0, cut)}, given the state before them ({@code null}
   * at the start of a file). Called in file order.
   */
  Object stateAfter(Object before, byte[] buf, int cut);

  /**
   * {@link #stateAfter} and {@link #lines} of the same piece in one call, which a format may answer
   * in one pass over the bytes: the reader does both for every piece, alone, while the workers
   * wait for pieces.
   */
  default Scan scan(Object before, byte[] buf, int cut) {
    return new Scan(stateAfter(before, buf, cut), lines(buf, cut));
  }

  /** The state after a piece's whole lines, and how many lines end in it. */
  record Scan(Object state, long lines) {}

  /**
   * Parses whole lines from a stream, from the state at their start, without ending the parse.
   *
   * @param firstLine the number of the first line in its file
   */
  void parse(Object state, InputStream in, long firstLine, SourceContext context, EventSink sink)
      throws IOException;

  /**
   * Parses the whole lines {@code buf[0, cut)}, as {@link #parse(Object, InputStream, long,
   * SourceContext, EventSink)} does over those bytes; a format that can read the array in place
   * saves copying every piece once more. The array is not changed, and nothing made from it (an
   * event, a malformed line's excerpt) refers to it: once this returns, the reader may fill it with
   * the next piece.
   */
  default void parse(Object state, byte[] buf, int cut, long firstLine, SourceContext context,
      EventSink sink) throws IOException {
    parse(state, new ByteArrayInputStream(buf, 0, cut), firstLine, context, sink);
  }
}
