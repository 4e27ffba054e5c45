package dev.minewarden.ingest.azure;

import dev.minewarden.ingest.support.Times;

/**
 * One NSG flow tuple ({@code
 * 1542110379,10.5.16.4,203.0.113.117,59932,443,T,O,A,E,1,66,1,66}): version 1 has the first eight
 * values, version 2 adds the flow state and the packet and byte counts of each direction, which are
 * empty for a flow's begin ({@code B}) tuple. Immutable.
 */
record NsgFlowTuple(long epochSeconds, String src, String dst, long srcPort, long dstPort,
    char protocol, char direction, char decision, char state, Long packetsOut, Long bytesOut,
    Long packetsIn, Long bytesIn) {

  /**
   * Parses a tuple.
   *
   * @return the tuple, or {@code null} when it has the wrong shape
   */
  static NsgFlowTuple parse(String text) {
    String[] v = text.split(",", -1);
    if (v.length != 8 && v.length != 13) {
      return null;
    }
    long time = number(v[0]);
    long sport = number(v[3]);
    long dport = number(v[4]);
    if (time < 0 || sport < 0 || dport < 0 || sport > 65535 || dport > 65535
        || v[1].isEmpty() || v[2].isEmpty() || !oneOf(v[5], "TU") || !oneOf(v[6], "IO")
        || !oneOf(v[7], "AD")) {
      return null;
    }
    if (v.length == 8) {
      return new NsgFlowTuple(time, v[1], v[2], sport, dport, v[5].charAt(0), v[6].charAt(0),
          v[7].charAt(0), '\0', null, null, null, null);
    }
    if (!oneOf(v[8], "BCE")) {
      return null;
    }
    return new NsgFlowTuple(time, v[1], v[2], sport, dport, v[5].charAt(0), v[6].charAt(0),
        v[7].charAt(0), v[8].charAt(0), count(v[9]), count(v[10]), count(v[11]), count(v[12]));
  }

  /** Event time in epoch ms. */
  long millis() {
    return Times.secondsToMillis(epochSeconds);
  }

  private static boolean oneOf(String s, String allowed) {
    return s.length() == 1 && allowed.indexOf(s.charAt(0)) >= 0;
  }

  private static long number(String s) {
    if (s.isEmpty() || s.length() > 12) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static Long count(String s) {
    long v = number(s);
    return v < 0 ? null : v;
  }
}
