package dev.minewarden.ingest.aws;

/**
 * A small direct-mapped cache of strings keyed by their characters, so that the values flow logs
 * repeat on every line (account, interface, VPC, addresses, actions) are made once instead of once
 * per record. A slot holds the last string that hashed to it. Not thread-safe; one per column of
 * one file.
 */
final class StringCache {
  private static final int SLOTS = 256;
  private final String[] slots = new String[SLOTS];

  /** The text of {@code line[start, end)} as a string, from the cache when it is there. */
  String get(String line, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + line.charAt(i);
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    String cached = slots[slot];
    int len = end - start;
    if (cached != null && cached.length() == len && line.regionMatches(start, cached, 0, len)) {
      return cached;
    }
    String s = line.substring(start, end);
    slots[slot] = s;
    return s;
  }
}
