package dev.minewarden.core.sigma.internal;

import java.util.List;

/**
 * Case-insensitive exact-match lookup: an open-addressing hash table keyed by folded strings whose
 * probe folds the value char by char, so a lookup never builds a lower-cased copy.
 */
final class EqTable {
  private final String[] keys;
  private final int[] ids;
  private final int mask;
  /** Which lengths some key has: a value of another length is not hashed at all. */
  private final boolean[] lengths;
  /**
   * The keys that are the canonical decimal text of a long ({@code 443}, not {@code 0443} or
   * {@code +443}), by value, so a number is looked up without making its text: only those keys can
   * equal {@link Long#toString}.
   */
  private final long[] numbers;
  private final int[] numberIds;
  private final boolean[] numberUsed;
  private final int numberMask;

  EqTable(List<String> foldedKeys, int[] keyIds) {
    int cap = Integer.highestOneBit(Math.max(4, foldedKeys.size() * 3)) << 1;
    keys = new String[cap];
    ids = new int[cap];
    mask = cap - 1;
    lengths = new boolean[foldedKeys.stream().mapToInt(String::length).max().orElse(0) + 1];
    foldedKeys.forEach(k -> lengths[k.length()] = true);
    for (int i = 0; i < foldedKeys.size(); i++) {
      String k = foldedKeys.get(i);
      int slot = hash(k) & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = k;
      ids[slot] = keyIds[i];
    }
    numbers = new long[cap];
    numberIds = new int[cap];
    numberUsed = new boolean[cap];
    numberMask = mask;
    for (int i = 0; i < foldedKeys.size(); i++) {
      Long n = canonicalLong(foldedKeys.get(i));
      if (n != null) {
        int slot = hash(n) & numberMask;
        while (numberUsed[slot]) {
          slot = (slot + 1) & numberMask;
        }
        numberUsed[slot] = true;
        numbers[slot] = n;
        numberIds[slot] = keyIds[i];
      }
    }
  }

  private static Long canonicalLong(String k) {
    if (k.isEmpty() || k.length() > 20) {
      return null;
    }
    try {
      long v = Long.parseLong(k);
      return Long.toString(v).equals(k) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int hash(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** Sets the bit of the key equal to the decimal text of {@code n}, if any. */
  void lookup(long n, long[] bits, int base) {
    int slot = hash(n) & numberMask;
    while (numberUsed[slot]) {
      if (numbers[slot] == n) {
        int b = base + numberIds[slot];
        bits[b >>> 6] |= 1L << b;
        return;
      }
      slot = (slot + 1) & numberMask;
    }
  }

  private static int hash(String s) {
    int h = 0;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + Fold.fold(s.charAt(i));
    }
    return h ^ (h >>> 16);
  }

  /** Sets the bit of the key equal to {@code s}, if any. Keys are distinct. */
  void lookup(String s, long[] bits, int base) {
    if (s.length() >= lengths.length || !lengths[s.length()]) {
      return;
    }
    int slot = hash(s) & mask;
    String k;
    while ((k = keys[slot]) != null) {
      if (k.length() == s.length() && Fold.regionEquals(s, 0, k)) {
        int b = base + ids[slot];
        bits[b >>> 6] |= 1L << b;
        return;
      }
      slot = (slot + 1) & mask;
    }
  }
}
