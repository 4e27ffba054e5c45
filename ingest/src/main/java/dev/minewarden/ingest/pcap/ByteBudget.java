package dev.minewarden.ingest.pcap;

/** Counts the bytes held in stream buffers across all flows of one parse. Not thread-safe. */
final class ByteBudget {
  private final long limit;
  private long used;

  ByteBudget(long limit) {
    this.limit = limit;
  }

  void add(long delta) {
    used += delta;
  }

  long used() {
    return used;
  }

  boolean over() {
    return used > limit;
  }
}
