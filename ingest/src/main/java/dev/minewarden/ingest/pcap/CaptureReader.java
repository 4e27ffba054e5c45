package dev.minewarden.ingest.pcap;

import java.io.IOException;

/**
 * Reads the frames of one capture file in order. Framing errors (a truncated record, an absurd
 * length) are reported to the sink by the reader, which then ends: a length field that lies leaves
 * no trustworthy way to find the next record. Not thread-safe.
 */
interface CaptureReader {
  /** Largest frame accepted, in bytes: the largest snapshot length libpcap itself uses. */
  int MAX_FRAME = 262_144;

  /**
   * Reads the next frame into {@code frame}.
   *
   * @return false at the end of the capture (normal or after a reported framing error)
   * @throws IOException when reading the underlying stream fails
   */
  boolean next(Frame frame) throws IOException;
}
