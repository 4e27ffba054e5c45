package dev.minewarden.cli.hunt;

import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.FilePieces;
import dev.minewarden.ingest.PieceArrays;
import dev.minewarden.ingest.SourceContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Reads one file of a format that can be cut into pieces ({@link FilePieces}) with several
 * threads: the calling thread cuts the bytes into pieces of about {@link #PIECE} bytes at line
 * ends, counts their lines and carries the format's state (a header) from piece to piece; workers parse and match the pieces; each piece's correlation input is committed in
 * file order ({@link DetectionEngine.Session#commit}), so the results are those of a sequential
 * read. At most {@code window} pieces are in flight, which bounds memory. A file with a line longer
 * than {@link #MAX_PIECE} bytes is finished sequentially from that point.
 */
final class ChunkedLines {
  /** The size of a piece. */
  static final int PIECE = 1 << 20;
  /** A piece that holds no line end within this many bytes ends the parallel read. */
  static final int MAX_PIECE = 8 << 20;

  private final ExecutorService pool;
  private final int window;

  /**
   * @param pool the workers
   * @param window the most pieces read but not yet committed (at least 1)
   */
  ChunkedLines(ExecutorService pool, int window) {
    this.pool = pool;
    this.window = Math.max(1, window);
  }

  /**
   * Reads the stream to its end.
   *
   * @param sinkFor makes the event sink of one piece from its batch
   * @param sequential the sink for the sequential rest of a file with a huge line
   * @param onError told about a piece whose parsing failed
   */
  void read(InputStream in, FilePieces format, SourceContext ctx, DetectionEngine.Session session,
      Function<DetectionEngine.Session.Batch, EventSink> sinkFor, EventSink sequential,
      java.util.function.Consumer<String> onError) throws IOException, InterruptedException {
    Semaphore slots = new Semaphore(window);
    Commits commits = new Commits();
    Object state = null;
    long line = 1;
    long index = 0;
    byte[] carry = new byte[0];
    PieceArrays arrays = new PieceArrays(PIECE, window + 1);
    try {
      while (true) {
        int want = carry.length + PIECE;
        byte[] buf = arrays.take(want);
        System.arraycopy(carry, 0, buf, 0, carry.length);
        int n = carry.length;
        boolean eof = false;
        while (n < want) {
          int r = in.read(buf, n, want - n);
          if (r < 0) {
            eof = true;
            break;
          }
          n += r;
        }
        if (n == 0) {
          return;
        }
        int cut = eof ? n : format.cut(buf, n);
        if (cut < 0) {
          if (n >= MAX_PIECE) {
            slots.acquire(window); // every earlier piece committed: now in order on this thread
            slots.release(window);
            format.parse(state, new SequenceInputStream(new ByteArrayInputStream(buf, 0, n), in),
                line, ctx, sequential);
            return;
          }
          carry = java.util.Arrays.copyOf(buf, n);
          continue;
        }
        carry = java.util.Arrays.copyOfRange(buf, cut, n);
        long first = line;
        Object start = state;
        FilePieces.Scan scan = format.scan(state, buf, cut);
        line += scan.lines();
        state = scan.state();
        long k = index++;
        slots.acquire();
        pool.execute(() -> {
          DetectionEngine.Session.Batch batch = session.batch();
          try {
            format.parse(start, buf, cut, first, ctx, sinkFor.apply(batch));
          } catch (IOException | RuntimeException e) {
            // A parser bug must not end the hunt (and in-memory bytes cannot fail to read).
            onError.accept("parser error: " + e);
          } finally {
            arrays.give(buf);
            commits.complete(k, () -> {
              session.commit(batch);
              slots.release();
            });
          }
        });
        if (eof) {
          return;
        }
      }
    } finally {
      slots.acquire(window); // wait for the pieces in flight
      slots.release(window);
    }
  }

  /** Runs the commits of pieces in index order, on whichever worker completes the next one. */
  private static final class Commits {
    private final TreeMap<Long, Runnable> done = new TreeMap<>();
    private long next;
    private boolean running;

    void complete(long index, Runnable commit) {
      synchronized (this) {
        done.put(index, commit);
        if (running) {
          return;
        }
        running = true;
      }
      while (true) {
        Runnable r;
        synchronized (this) {
          r = done.remove(next);
          if (r == null) {
            running = false;
            return;
          }
          next++;
        }
        r.run();
      }
    }
  }
}
