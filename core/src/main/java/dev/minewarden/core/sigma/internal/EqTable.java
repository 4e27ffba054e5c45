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
