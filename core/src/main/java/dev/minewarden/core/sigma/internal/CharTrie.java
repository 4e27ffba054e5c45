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
    return t;
  }

  /** An Aho-Corasick automaton of the (folded) patterns. */
  static CharTrie automaton(CharClasses classes, List<String> patterns, int[] ids) {
    CharTrie t = trie(classes, patterns, ids);
    t.link();
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
    trim();
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

  private void trim() {
    next = Arrays.copyOf(next, states * width);
    out = Arrays.copyOf(out, states);
  }

  /** Sets the bits of the patterns that {@code s} starts with. */
  void prefixes(String s, long[] bits, int base) {
    int st = 0;
    int n = s.length();
    for (int i = 0; ; i++) {
      set(out[st], bits, base);
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
      set(out[st], bits, base);
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

  /** Sets the bits of the patterns contained in {@code s} (automaton form only). */
  void contained(String s, long[] bits, int base) {
    int st = 0;
    int[][] o = out;
    int[] nx = next;
    set(o[0], bits, base);
    for (int i = 0, n = s.length(); i < n; i++) {
      st = nx[st * width + classes.ofRaw(s.charAt(i))];
      if (o[st] != null) {
        set(o[st], bits, base);
      }
    }
  }

  private static void set(int[] ids, long[] bits, int base) {
    if (ids != null) {
      for (int id : ids) {
        int b = base + id;
        bits[b >>> 6] |= 1L << b;
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
