package dev.minewarden.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Recognises compressed input by its magic bytes (never by file name) and unwraps it. */
public final class Decompression {
  private Decompression() {}

  /**
   * Returns a stream of the input's content: gzip (including several concatenated members, as
   * logrotate and {@code cat a.gz b.gz} make) is decompressed; anything else passes through.
   * The result supports {@code mark}/{@code reset} for sniffing.
   */
  public static BufferedInputStream open(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return in;
  }

  /**
   * Reads up to {@code max} bytes from the start of a stream without consuming them.
   *
   * @return the bytes read; fewer than {@code max} at the end of the input
   */
  public static byte[] peek(BufferedInputStream in, int max) throws IOException {
    in.mark(max);
    byte[] head = in.readNBytes(max);
    in.reset();
    return head;
  }
}
