package dev.minewarden.ingest.aws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small direct-mapped cache of strings keyed by their UTF-8 bytes, so that the values flow logs
 * repeat on every line (account, interface, VPC, addresses, actions) are decoded once instead of
 * once per record. A slot holds the last value that hashed to it. Not thread-safe; one per column
 * of one file.
 */
final class StringCache {
  private static final int SLOTS = 256;
  private final byte[][] keys = new byte[SLOTS][];
  private final String[] values = new String[SLOTS];

  /** The text of {@code buf[start, end)} (UTF-8, invalid bytes replaced), from the cache if there. */
  String get(byte[] buf, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + buf[i];
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, buf, start, end)) {
      return values[slot];
    }
    String s = new String(buf, start, end - start, StandardCharsets.UTF_8);
    keys[slot] = Arrays.copyOfRange(buf, start, end);
    values[slot] = s;
    return s;
  }
}
