package dev.minewarden.ingest.pcap;

import java.io.IOException;
import java.io.InputStream;

/** Reads exact byte counts from a stream, telling a clean end from a short read. Not thread-safe. */
final class ByteInput {
  private final InputStream in;
  private long position;

  ByteInput(InputStream in) {
    this.in = in;
  }

  /** Bytes consumed so far. */
  long position() {
    return position;
  }

  /**
   * Reads up to {@code len} bytes, stopping early only at the end of the stream.
   *
   * @return how many bytes were read (less than {@code len} at the end of the stream)
   */
  int read(byte[] buf, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = in.read(buf, off + done, len - done);
      if (n < 0) {
        break;
      }
      done += n;
    }
    position += done;
    return done;
  }

  /**
   * Skips {@code n} bytes without holding them.
   *
   * @return how many were skipped (less than {@code n} at the end of the stream)
   */
  long skip(long n) throws IOException {
    long done = 0;
    byte[] scratch = null;
    while (done < n) {
      long k = in.skip(n - done);
      if (k <= 0) {
        // skip() may return 0 before the end; a read tells the end apart.
        if (scratch == null) {
          scratch = new byte[8192];
        }
        int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
        if (r < 0) {
          break;
        }
        k = r;
      }
      done += k;
    }
    position += done;
    return done;
  }

  static int u16(byte[] b, int off, boolean little) {
    return little
        ? (b[off] & 0xff) | (b[off + 1] & 0xff) << 8
        : (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  static long u32(byte[] b, int off, boolean little) {
    return little
        ? (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16
            | (b[off + 3] & 0xffL) << 24
        : (b[off] & 0xffL) << 24 | (b[off + 1] & 0xffL) << 16 | (b[off + 2] & 0xffL) << 8
            | (b[off + 3] & 0xffL);
  }

  static long u64(byte[] b, int off, boolean little) {
    long first = u32(b, off, little);
    long second = u32(b, off + 4, little);
    return little ? second << 32 | first : first << 32 | second;
  }
}
