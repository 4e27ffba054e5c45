package dev.minewarden.core.sigma.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trie over folded chars with a dense transition table, used three ways: anchored at the start of
 * a value (prefixes), anchored at its end and walked backwards (suffixes, stored reversed), and as
 * an Aho-Corasick automaton (Aho and Corasick, 1975) that finds every contained pattern in one pass.
 * Each pattern has an id; a walk sets the bit of every pattern it finds. Immutable after
 * construction; walks allocate nothing.
 */
final class CharTrie {
  private final CharClasses classes;
  private final int width;
  private int[] next;
  private int[][] out;
  /** Per state, the bit-array words (relative to the field's first) its patterns' bits fall in. */
  private int[][] outWords;
  /** Per state, the bits to set in each of those words. */
  private long[][] outMasks;
  /**
   * Automaton form only: the transitions, each the target's row (its state number times the
   * width, so a step is one add and one load with no multiply on the chain of dependent loads that
   * bounds a walk's speed), the sign bit set when the target has patterns to report.
   */
  private int[] delta;
  /** Automaton form only: per state, the one word its patterns' bits fall in, or -1 if several. */
  private int[] oneWord;
  private long[] oneMask;
  private int states = 1;

  private CharTrie(CharClasses classes, int capacity) {
    this.classes = classes;
    this.width = classes.count();
    this.next = new int[Math.max(1, capacity) * width];
    Arrays.fill(next, -1);
    this.out = new int[Math.max(1, capacity)][];
  }

  /** A plain trie of the (folded) patterns; pattern i has id {@code ids[i]}. */
  static CharTrie trie(CharClasses classes, List<String> patterns, int[] ids) {
    int cap = 1;
    for (String p : patterns) {
      cap += p.length();
    }
    CharTrie t = new CharTrie(classes, cap);
    for (int i = 0; i < patterns.size(); i++) {
      t.add(patterns.get(i), ids[i]);
    }
    t.trim();
    return t;
  }

  /** An Aho-Corasick automaton of the (folded) patterns. */
  static CharTrie automaton(CharClasses classes, List<String> patterns, int[] ids) {
    CharTrie t = trie(classes, patterns, ids);
    t.link();
    t.trim();
    t.oneWord = new int[t.states];
    t.oneMask = new long[t.states];
    t.delta = new int[t.next.length];
    for (int i = 0; i < t.next.length; i++) {
      int target = t.next[i];
      boolean reports = t.outWords[target] != null;
      t.delta[i] = target * t.width | (reports ? Integer.MIN_VALUE : 0);
    }
    for (int st = 0; st < t.states; st++) {
      int[] w = t.outWords[st];
      t.oneWord[st] = w != null && w.length == 1 ? w[0] : -1;
      t.oneMask[st] = w != null && w.length == 1 ? t.outMasks[st][0] : 0;
    }
    t.next = null; // the walk uses the compact table
    return t;
  }

  private void add(String pattern, int id) {
    int st = 0;
    for (int i = 0; i < pattern.length(); i++) {
      int slot = st * width + classes.of(pattern.charAt(i));
      if (next[slot] < 0) {
        next[slot] = states++;
      }
      st = next[slot];
    }
    out[st] = append(out[st], id);
  }

  private static int[] append(int[] a, int id) {
    if (a == null) {
      return new int[] {id};
    }
    for (int x : a) {
      if (x == id) {
        return a;
      }
    }
    int[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = id;
    return b;
  }

  /** Adds failure transitions breadth-first, turning the trie into a complete automaton. */
  private void link() {
    int[] fail = new int[states];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < width; c++) {
      int s = next[c];
      if (s < 0) {
        next[c] = 0;
      } else {
        fail[s] = 0;
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      int r = queue.poll();
      out[r] = merge(out[r], out[fail[r]]);
      for (int c = 0; c < width; c++) {
        int s = next[r * width + c];
        if (s < 0) {
          next[r * width + c] = next[fail[r] * width + c];
        } else {
          fail[s] = next[fail[r] * width + c];
          queue.add(s);
        }
      }
    }
  }

  private static int[] merge(int[] a, int[] b) {
    if (b == null) {
      return a;
    }
    int[] r = a;
    for (int x : b) {
      r = append(r, x);
    }
    return r;
  }

  /** Shrinks the tables and packs each state's pattern ids into (word, mask) pairs. */
  private void trim() {
    next = Arrays.copyOf(next, states * width);
    out = Arrays.copyOf(out, states);
    outWords = new int[states][];
    outMasks = new long[states][];
    for (int st = 0; st < states; st++) {
      if (out[st] == null) {
        continue;
      }
      java.util.TreeMap<Integer, Long> byWord = new java.util.TreeMap<>();
      for (int id : out[st]) {
        byWord.merge(id >>> 6, 1L << id, (a, b) -> a | b);
      }
      outWords[st] = byWord.keySet().stream().mapToInt(Integer::intValue).toArray();
      outMasks[st] = byWord.values().stream().mapToLong(Long::longValue).toArray();
    }
  }

  /** Sets the bits of the patterns that {@code s} starts with. */
  void prefixes(String s, long[] bits, int base) {
    int st = 0;
    int n = s.length();
    for (int i = 0; ; i++) {
      set(st, bits, base);
      if (i == n) {
        return;
      }
      int c = classes.ofRaw(s.charAt(i));
      st = c == 0 ? -1 : next[st * width + c];
      if (st < 0) {
        return;
      }
    }
  }

  /** Sets the bits of the (reversed) patterns that {@code s} ends with. */
  void suffixes(String s, long[] bits, int base) {
    int st = 0;
    for (int i = s.length() - 1; ; i--) {
      set(st, bits, base);
      if (i < 0) {
        return;
      }
      int c = classes.ofRaw(s.charAt(i));
      st = c == 0 ? -1 : next[st * width + c];
      if (st < 0) {
        return;
      }
    }
  }

  /**
   * Sets the bits of the patterns contained in {@code s} (automaton form only). The value is
   * copied into {@code buf} a piece at a time, so the walk reads a plain array.
   */
  void contained(String s, char[] buf, long[] bits, int base) {
    set(0, bits, base);
    int[] d = delta;
    int[] raw = classes.rawAscii;
    int from = base >>> 6;
    int row = 0;
    for (int off = 0, n = s.length(); off < n; off += buf.length) {
      int m = Math.min(buf.length, n - off);
      s.getChars(off, off + m, buf, 0);
      for (int i = 0; i < m; i++) {
        char ch = buf[i];
        int t = d[row + (ch < 128 ? raw[ch] : classes.ofRaw(ch))];
        if (t < 0) {
          t &= Integer.MAX_VALUE;
          report(t / width, bits, from, base);
        }
        row = t;
      }
    }
  }

  /**
   * The index just after the first char at which some pattern ends in {@code s}, or -1 when none
   * occurs (automaton form only).
   */
  int firstEnd(String s) {
    int[] d = delta;
    int[] raw = classes.rawAscii;
    int row = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char ch = s.charAt(i);
      int t = d[row + (ch < 128 ? raw[ch] : classes.ofRaw(ch))];
      if (t < 0) {
        return i + 1;
      }
      row = t;
    }
    return -1;
  }

  private void report(int st, long[] bits, int from, int base) {
    int w = oneWord[st];
    if (w >= 0) {
      bits[from + w] |= oneMask[st];
    } else {
      set(st, bits, base);
    }
  }

  /** Sets the bits of a state's patterns; {@code base} is a multiple of 64. */
  private void set(int st, long[] bits, int base) {
    int[] words = outWords[st];
    if (words != null) {
      long[] masks = outMasks[st];
      int from = base >>> 6;
      for (int k = 0; k < words.length; k++) {
        bits[from + words[k]] |= masks[k];
      }
    }
  }

  /** The patterns reversed, for a suffix trie. */
  static List<String> reversed(List<String> patterns) {
    List<String> r = new ArrayList<>(patterns.size());
    for (String p : patterns) {
      r.add(new StringBuilder(p).reverse().toString());
    }
    return r;
  }

  /** Number of states, for tests and sizing. */
  int states() {
    return states;
  }
}
