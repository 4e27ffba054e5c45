package dev.minewarden.core.sigma.internal;

/**
 * The bits that recent values of one field set when scanned with one set of matchers, so a value
 * seen again costs a hash and a compare instead of a walk of the substring automaton over every
 * char: many fields of an event repeat from event to event (auditd's {@code exe}, {@code cwd} and
 * {@code name}, a process's {@code Image}), and keyword searches scan every one of them.
 * Direct-mapped: an entry holds the last value that hashed to it, so a flood of distinct values
 * only misses. {@link MatchContext} decides which values are worth it. Not thread-safe: one per
 * field and set of matchers in each thread's {@link MatchContext}.
 */
final class ScanCache {
  private static final int ENTRIES = 256;
  private final String[] keys = new String[ENTRIES];
  /** Per entry, its key's hash: most misses are told apart without reading the key. */
  private final int[] hashes = new int[ENTRIES];
  /** Per entry, the field's words as its value's scan alone left them. */
  private final long[] results;
  private final long[] saved;
  private final int words;

  ScanCache(int words) {
    this.words = words;
    this.results = new long[ENTRIES * words];
    this.saved = new long[words];
  }

  /** Sets the bits {@code f.scan(s, bits, buf, all)} would set. */
  void scan(FieldIndex f, String s, long[] bits, char[] buf, boolean all) {
    int h = s.hashCode();
    int e = (h ^ (h >>> 6) ^ (h >>> 12)) & (ENTRIES - 1);
    int from = f.base() >>> 6;
    int at = e * words;
    String k = keys[e];
    if (hashes[e] == h && k != null && (k == s || k.equals(s))) {
      for (int i = 0; i < words; i++) {
        bits[from + i] |= results[at + i];
      }
      return;
    }
    // Scanned into cleared words to see what this value sets on its own, then merged with the
    // bits earlier values of the event set.
    for (int i = 0; i < words; i++) {
      saved[i] = bits[from + i];
      bits[from + i] = 0;
    }
    f.scan(s, bits, buf, all);
    for (int i = 0; i < words; i++) {
      results[at + i] = bits[from + i];
      bits[from + i] |= saved[i];
    }
    keys[e] = s;
    hashes[e] = h;
  }
}
