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

  /**
   * The index of the first space or tab in {@code b[from, to)}, or {@code to}. Words may be read
   * past {@code to} (never past the array) so a token at the end of a line needs no byte loop;
   * what lies there is ignored.
   */
  public static int nextSpaceOrTab(byte[] b, int from, int to) {
    int i = from;
    for (; i < to && i + 8 <= b.length; i += 8) {
      long w = (long) LONGS.get(b, i);
      long m = zeros(w ^ SPACES) | zeros(w ^ TABS);
      if (m != 0) {
        return Math.min(to, i + (Long.numberOfTrailingZeros(m) >>> 3));
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

  /**
   * The end of the number at {@code from}: the index of the space or tab after one to {@code
   * maxDigits} ASCII digits (or {@code to} when they reach it), or -1 when the token at {@code
   * from} is no such number. One word read and one bit scan for a port or a counter, where finding the
   * token's end and then checking its bytes takes two loops. Words may be read past {@code to},
   * never past the array.
   */
  public static int numberEnd(byte[] b, int from, int to, int maxDigits) {
    for (int i = from; i < to; i += 8) {
      long w;
      if (i + 8 <= b.length) {
        w = (long) LONGS.get(b, i);
      } else {
        w = 0;
        for (int k = Math.min(to, b.length) - 1; k >= i; k--) {
          w = w << 8 | (b[k] & 0xFF);
        }
      }
      int left = to - i;
      long past = left >= 8 ? 0 : HIGHS << (8 * left); // bytes from `to` on end the number
      long stop = (~digits(w) & HIGHS) | past;
      if (stop != 0) {
        int end = i + (Long.numberOfTrailingZeros(stop) >>> 3);
        if (end == from || end - from > maxDigits) {
          return -1;
        }
        return end == to || b[end] == ' ' || b[end] == '\t' ? end : -1;
      }
      if (i + 8 - from > maxDigits) {
        return -1;
      }
    }
    return to > from ? to : -1; // digits up to a word that ends exactly at to
  }

  /** The value of the ASCII digits {@code b[from, to)}, already checked, at most 18 of them. */
  public static long parseDigits(byte[] b, int from, int to) {
    long v = 0;
    int i = from;
    if (to - i >= 8) {
      for (; i < to - 8; i++) {
        v = v * 10 + (b[i] - '0');
      }
      return v * 100_000_000L + eightDigits((long) LONGS.get(b, i));
    }
    for (; i < to; i++) {
      v = v * 10 + (b[i] - '0');
    }
    return v;
  }

  /**
   * The value of eight ASCII digits read as one little-endian word: pairs, then fours, then the
   * eight combined, three multiplies where a loop takes eight dependent ones.
   */
  private static long eightDigits(long w) {
    long v = w - 0x3030303030303030L;
    v = (v * 10 + (v >>> 8)) & 0x00FF00FF00FF00FFL;
    v = (v * 100 + (v >>> 16)) & 0x0000FFFF0000FFFFL;
    return (v * 10_000 + (v >>> 32)) & 0xFFFFFFFFL;
  }

  /** The high bit of each byte of {@code w} that is an ASCII digit, exactly. */
  private static long digits(long w) {
    long low = w & 0x7F7F7F7F7F7F7F7FL;
    long atLeast0 = low + 0x5050505050505050L; // high bit set when the byte is 0x30 or more
    long over9 = low + 0x4646464646464646L; // high bit set when it is 0x3A or more
    return atLeast0 & ~over9 & ~w & HIGHS;
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

  private static final long RETURNS = 0x0D0D0D0D0D0D0D0DL;

  /** The bit of {@link #lineEnd}'s answer that says a byte before the line end is not ASCII. */
  public static final long NOT_ASCII = 1L << 32;

  /**
   * The first line end ({@code \n} or {@code \r}) in {@code b[from, to)}, a word at a time: its
   * index in the low 32 bits ({@code -1} when there is none), and {@link #NOT_ASCII} set when a
   * byte before it (before {@code to} when there is none) is not ASCII.
   */
  public static long lineEnd(byte[] b, int from, int to) {
    long high = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      long ends = zeros(w ^ NEWLINES) | zeros(w ^ RETURNS); // the lowest set bit is exact
      if (ends != 0) {
        high |= w & HIGHS & ((ends & -ends) - 1); // only the bytes before the end
        return (high != 0 ? NOT_ASCII : 0) | (i + (Long.numberOfTrailingZeros(ends) >>> 3));
      }
      high |= w & HIGHS;
    }
    for (; i < to; i++) {
      byte c = b[i];
      if (c == '\n' || c == '\r') {
        return (high != 0 ? NOT_ASCII : 0) | i;
      }
      high |= c & 0x80;
    }
    return (high != 0 ? NOT_ASCII : 0) | 0xFFFF_FFFFL;
  }

  /**
   * How many lines end in {@code b[from, to)}: each {@code \n}, and each {@code \r} not followed
   * by one ({@code \r\n} ends one line; a {@code \r} at {@code to} ends a line). A word at a time;
   * carriage returns, rare in logs, are looked at one by one.
   */
  public static long countLineEnds(byte[] b, int from, int to) {
    long count = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      count += Long.bitCount(exactZeros(w ^ NEWLINES));
      for (long crs = exactZeros(w ^ RETURNS); crs != 0; crs &= crs - 1) {
        int k = i + (Long.numberOfTrailingZeros(crs) >>> 3);
        if (k + 1 == to || b[k + 1] != '\n') {
          count++;
        }
      }
    }
    for (; i < to; i++) {
      byte c = b[i];
      if (c == '\n' || (c == '\r' && (i + 1 == to || b[i + 1] != '\n'))) {
        count++;
      }
    }
    return count;
  }

  /** How many {@code \n} bytes {@code b[from, to)} holds: a word at a time, no branch per line. */
  public static long countNewlines(byte[] b, int from, int to) {
    long count = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      count += Long.bitCount(exactZeros((long) LONGS.get(b, i) ^ NEWLINES));
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        count++;
      }
    }
    return count;
  }

  /**
   * The start of the first line after {@code from} (just past a {@code \n} at or after it) that
   * does not start with an ASCII digit, or {@code to}, in the low 32 bits; in the high 32 bits, how
   * many {@code \n} lie before that start. A word and the word one byte on are read together, so
   * each newline is checked against the byte after it with no branch per line, and the newlines
   * are counted in the same pass.
   */
  public static long skipLinesStartingWithDigit(byte[] b, int from, int to) {
    long count = 0;
    int i = from;
    for (; i + 9 <= to; i += 8) {
      long newlines = exactZeros((long) LONGS.get(b, i) ^ NEWLINES);
      if (newlines == 0) {
        continue; // most words: a record is a dozen or more of them
      }
      long found = newlines & ~digits((long) LONGS.get(b, i + 1));
      if (found != 0) {
        long first = found & -found;
        count += Long.bitCount(newlines & (first | (first - 1)));
        return count << 32 | (i + (Long.numberOfTrailingZeros(found) >>> 3) + 1);
      }
      count += Long.bitCount(newlines);
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        count++;
        if (i + 1 == to || b[i + 1] < '0' || b[i + 1] > '9') {
          return count << 32 | (i + 1);
        }
      }
    }
    return count << 32 | to;
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

  /** The high bit of each byte of {@code x} that is zero, exactly: no borrow between bytes. */
  private static long exactZeros(long x) {
    return ~(((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x) & HIGHS;
  }

  /** The high bit of each byte of {@code x} that may be zero (exact for the lowest one). */
  private static long zeros(long x) {
    return (x - ONES) & ~x & HIGHS;
  }
}
