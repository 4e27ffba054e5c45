package dev.minewarden.ingest.pcap;

import dev.minewarden.ingest.EventSink;
import java.io.IOException;

/**
 * Reads classic libpcap files: either byte order, microsecond ({@code a1b2c3d4}) or nanosecond
 * ({@code a1b23c4d}) timestamps. Not thread-safe.
 */
final class PcapReader implements CaptureReader {
  static final int HEADER = 24;
  private static final int RECORD_HEADER = 16;

  private final ByteInput in;
  private final EventSink sink;
  private final boolean little;
  private final boolean nanos;
  private final int linkType;
  private final byte[] recordHeader = new byte[RECORD_HEADER];
  private byte[] buf = new byte[2048];
  private long number;

  /**
   * Starts reading after the file header, which the caller has already read.
   *
   * @param header the 24 header bytes, whose magic must be one {@link #isMagic} accepts
   */
  PcapReader(ByteInput in, byte[] header, EventSink sink) {
    this.in = in;
    this.sink = sink;
    long magicLe = ByteInput.u32(header, 0, true);
    this.little = magicLe == 0xa1b2c3d4L || magicLe == 0xa1b23c4dL;
    this.nanos = ByteInput.u32(header, 0, little) == 0xa1b23c4dL;
    // The top bits of the link-type field carry FCS information, not the type.
    this.linkType = (int) (ByteInput.u32(header, 20, little) & 0xffff);
  }

  /** Whether these four bytes are a classic pcap magic number in either byte order. */
  static boolean isMagic(byte[] b) {
    long le = ByteInput.u32(b, 0, true);
    long be = ByteInput.u32(b, 0, false);
    return le == 0xa1b2c3d4L || le == 0xa1b23c4dL || be == 0xa1b2c3d4L || be == 0xa1b23c4dL;
  }

  @Override
  public boolean next(Frame frame) throws IOException {
    int got = in.read(recordHeader, 0, RECORD_HEADER);
    if (got == 0) {
      return false;
    }
    number++;
    if (got < RECORD_HEADER) {
      sink.malformed(number, "truncated record header (" + got + " of 16 bytes)", "");
      return false;
    }
    long seconds = ByteInput.u32(recordHeader, 0, little);
    long fraction = ByteInput.u32(recordHeader, 4, little);
    long capLen = ByteInput.u32(recordHeader, 8, little);
    long origLen = ByteInput.u32(recordHeader, 12, little);
    if (capLen > MAX_FRAME) {
      sink.malformed(number, "captured length " + capLen + " exceeds " + MAX_FRAME
          + " bytes; rest of file skipped", "");
      return false;
    }
    int len = (int) capLen;
    if (buf.length < len) {
      buf = new byte[Math.max(len, buf.length * 2)];
    }
    int read = in.read(buf, 0, len);
    if (read < len) {
      sink.malformed(number, "truncated record (" + read + " of " + len + " bytes)", "");
      return false;
    }
    frame.number = number;
    frame.timeMillis = seconds * 1000 + (nanos ? fraction / 1_000_000 : fraction / 1000);
    frame.linkType = linkType;
    frame.data = buf;
    frame.offset = 0;
    frame.length = len;
    frame.originalLength = origLen;
    return true;
  }
}
