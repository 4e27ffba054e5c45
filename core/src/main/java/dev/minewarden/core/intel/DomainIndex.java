package dev.minewarden.core.intel;

import java.util.Map;

/**
 * Finds the most specific listed domain that a name equals or lies under, with one hash probe
 * per label and no allocation: suffix hashes are computed right to left as the name is walked.
 * Case-insensitive (ASCII), a trailing dot is ignored. Immutable and thread-safe once built.
 *
 * @param <V> what is stored per domain
 */
final class DomainIndex<V> {
  private final int[] hashes;
  private final String[] keys;
  private final Object[] values;
  private final int mask;
  private final int size;

  DomainIndex(Map<String, V> entries) {
    int cap = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
    hashes = new int[cap];
    keys = new String[cap];
    values = new Object[cap];
    mask = cap - 1;
    size = entries.size();
    entries.forEach(this::put);
  }

  int size() {
    return size;
  }

  private void put(String key, V value) {
    int h = suffixHash(key, 0, key.length());
    int i = mix(h) & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    hashes[i] = h;
    keys[i] = key;
    values[i] = value;
  }

  /** The value of the longest listed suffix of {@code name} on a label boundary, or {@code null}. */
  V find(String name) {
    return find(name, 0, name.length());
  }

  /** As {@link #find(String)} for the region {@code name[from, to)}. */
  @SuppressWarnings("unchecked")
  V find(String name, int from, int to) {
    int end = to;
    while (end > from && name.charAt(end - 1) == '.') {
      end--;
    }
    int h = 0;
    int pow = 1;
    Object best = null;
    for (int i = end - 1; i >= from; i--) {
      char c = fold(name.charAt(i));
      h += c * pow;
      pow *= 31;
      if (i == from || name.charAt(i - 1) == '.') {
        Object v = probe(h, name, i, end - i);
        if (v != null) {
          best = v;
        }
      }
    }
    return (V) best;
  }

  private Object probe(int h, String name, int from, int len) {
    int i = mix(h) & mask;
    String k;
    while ((k = keys[i]) != null) {
      if (hashes[i] == h && k.length() == len && sameFolded(k, name, from)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Whether the lower-case key equals {@code name[from, from + key.length())}, ASCII case folded. */
  private static boolean sameFolded(String key, String name, int from) {
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) != fold(name.charAt(from + i))) {
        return false;
      }
    }
    return true;
  }

  /** The hash of {@code s[from, to)} as {@link #find} computes it (right to left, folded). */
  static int suffixHash(String s, int from, int to) {
    int h = 0;
    int pow = 1;
    for (int i = to - 1; i >= from; i--) {
      h += fold(s.charAt(i)) * pow;
      pow *= 31;
    }
    return h;
  }

  private static char fold(char c) {
    return (char) (c + (((c - 'A') & 0xffff) < 26 ? 32 : 0));
  }

  private static int mix(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }
}
