package dev.minewarden.ingest.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scans that read eight bytes at a time (SWAR: a byte is found in a {@code long} with a few
 * arithmetic steps instead of a compare and branch per byte), for the tokenisers of formats read at
 * millions of lines per second.
 *
 * <p>The test for a byte of value {@code b} in a word {@code w} is the classic {@code (x - 0x01..)
 * & ~x & 0x80..} on {@code x = w ^ b..}: it may also flag bytes above a true match (a borrow
 * ripples up) but never below one, so the lowest flagged byte is always a real match.
 */
public final class Bytes {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long SPACES = 0x2020202020202020L;
  private static final long TABS = 0x0909090909090909L;
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

  private Bytes() {}

  /** The index of the first space or tab in {@code b[from, to)}, or {@code to}. */
  public static int nextSpaceOrTab(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      long m = zeros(w ^ SPACES) | zeros(w ^ TABS);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte c = b[i];
      if (c == ' ' || c == '\t') {
        return i;
      }
    }
    return to;
  }

  /** The index of the first {@code \n} in {@code b[from, to)}, or -1. */
  public static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long m = zeros((long) LONGS.get(b, i) ^ NEWLINES);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code b[from, to)} is one or more ASCII digits. */
  public static boolean allDigits(byte[] b, int from, int to) {
    if (from >= to) {
      return false;
    }
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      // A byte below '0' borrows into its high bit; one above '9' carries into it with + 0x46.
      if ((((w - 0x3030303030303030L) | (w + 0x4646464646464646L) | w) & HIGHS) != 0) {
        return false;
      }
    }
    for (; i < to; i++) {
      byte c = b[i];
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The high bit of each byte of {@code x} that may be zero (exact for the lowest one). */
  private static long zeros(long x) {
    return (x - ONES) & ~x & HIGHS;
  }
}
