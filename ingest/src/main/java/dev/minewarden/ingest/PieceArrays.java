package dev.minewarden.ingest;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The arrays a reader reads a file's pieces into ({@link FilePieces}), filled again once a piece
 * is parsed: a fresh megabyte for every piece is zeroed first and is a good part of what young
 * collections sweep. Each kept array has room for a piece and a part line carried over from the
 * piece before; a longer carry gets an array of its own, which is not kept. Thread-safe: workers
 * give arrays back while the reader takes them.
 */
public final class PieceArrays {
  /** Room beyond the piece for the part line carried over. */
  private static final int CARRY_ROOM = 64 << 10;
  private final int length;
  private final ArrayBlockingQueue<byte[]> spare;

  /**
   * @param piece the bytes a piece is read to
   * @param kept the most arrays kept for reuse (the pieces in flight, say)
   */
  public PieceArrays(int piece, int kept) {
    this.length = piece + CARRY_ROOM;
    this.spare = new ArrayBlockingQueue<>(Math.max(1, kept));
  }

  /** An array of at least {@code want} bytes, a parsed piece's when there is one that fits. */
  public byte[] take(int want) {
    byte[] reused = want <= length ? spare.poll() : null;
    return reused != null ? reused : new byte[Math.max(want, length)];
  }

  /**
   * Gives back the array of a parsed piece, whose parser keeps nothing made from it ({@link
   * FilePieces#parse(Object, byte[], int, long, SourceContext, EventSink)}).
   */
  public void give(byte[] array) {
    if (array.length == length) {
      spare.offer(array); // dropped when enough are kept
    }
  }
}
