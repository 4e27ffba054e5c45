package dev.minewarden.ingest.pcap;

/** Takes the reassembled bytes of one direction of a TCP flow, in order. Not thread-safe. */
interface StreamConsumer {
  /**
   * Takes the next bytes of the stream.
   *
   * @param time capture time of the packet that carried them, epoch ms
   * @param packet that packet's number
   */
  void data(byte[] b, int off, int len, long time, long packet);

  /** Bytes are missing before the next {@link #data}: whatever is half-read is unreliable. */
  void gap();

  /** The stream was joined without its start (no SYN captured): the first bytes may be mid-message. */
  void midstream();

  /** The stream ends (closed, evicted, or the capture ended): finish and free buffers. */
  void end();
}
