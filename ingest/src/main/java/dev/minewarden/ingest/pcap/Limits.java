package dev.minewarden.ingest.pcap;

/**
 * The bounds that keep a hostile or simply huge capture from taking unbounded memory or time.
 *
 * @param maxFlows open TCP flows kept; beyond it the least recently active flow is closed
 * @param inspectBytes bytes of each direction of a flow that are looked at (the rest is ignored)
 * @param maxMessage longest single message (JSON line, HTTP head or body) kept, in bytes
 * @param outOfOrderBytes bytes of out-of-order segments held per direction while waiting for a hole
 * @param outOfOrderSegments out-of-order segments held per direction
 * @param bufferBudget bytes held in buffers across all flows; beyond it the least recently active
 *     flows are closed
 */
record Limits(
    int maxFlows, int inspectBytes, int maxMessage, int outOfOrderBytes, int outOfOrderSegments,
    long bufferBudget) {

  /** The defaults: 32k flows, the first 64 KiB per direction, 64 MiB of buffers in all. */
  static final Limits DEFAULT = new Limits(32_768, 65_536, 32_768, 16_384, 16, 64L << 20);
}
