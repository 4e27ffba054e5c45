package dev.minewarden.ingest.aws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A direct-mapped cache of strings keyed by their UTF-8 bytes, so that the host of a flow record
 * (its instance or interface id, which repeats from line to line) is decoded once instead of once
 * per record. A slot holds the last value that hashed to it. Not thread-safe; one per column of one
 * file (or piece of a file).
 */
final class StringCache {
  /**
   * Slots: a log holds the records of hundreds or thousands of interfaces in turn, and with 256
   * slots the benchmark's 400 already made about one look-up in eight miss (a decode and two
   * copies each). Two arrays of 4,096 references are 32 KB.
   */
  private static final int SLOTS = 4096;
  private final byte[][] keys = new byte[SLOTS][];
  private final String[] values = new String[SLOTS];

  /** The text of {@code buf[start, end)} (UTF-8, invalid bytes replaced), from the cache if there. */
  String get(byte[] buf, int start, int end) {
    int slot = (int) (hash(buf, start, end) >>> 52) & (SLOTS - 1);
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, buf, start, end)) {
      return values[slot];
    }
    String s = new String(buf, start, end - start, StandardCharsets.UTF_8);
    keys[slot] = Arrays.copyOfRange(buf, start, end);
    values[slot] = s;
    return s;
  }

  /**
   * A hash of the bytes read eight at a time, the last eight overlapping the ones before: a byte
   * at a time, the 21 bytes of an interface id cost a chain of 21 multiplies on every record.
   */
  private static long hash(byte[] buf, int start, int end) {
    long h = end - start;
    if (end - start < 8) {
      for (int i = start; i < end; i++) {
        h = h << 8 | (buf[i] & 0xFF);
      }
      return h * MIX;
    }
    for (int i = start; i + 8 < end; i += 8) {
      h = (h ^ (long) LONGS.get(buf, i)) * MIX;
    }
    return (h ^ (long) LONGS.get(buf, end - 8)) * MIX;
  }

  private static final long MIX = 0x9E3779B97F4A7C15L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
}
