package dev.minewarden.core.intel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Aho-Corasick automaton over many literal patterns, matched case-insensitively (ASCII) in a
 * single pass over a text: the time is linear in the text whatever the patterns, so hostile
 * command lines cannot slow it down. Patterns may ask for word boundaries, so that {@code d.sh}
 * matches {@code /tmp/d.sh | sh} but not {@code /tmp/build.sh}. Immutable and thread-safe.
 */
final class TextAutomaton {
  /** The pattern must start at the text's start or after a path or word separator. */
  static final int LEFT_BOUNDARY = 1;
  /** The pattern must end at the text's end or before a separator. */
  static final int RIGHT_BOUNDARY = 2;

  /** Receives matches: the pattern's index and where it ends (exclusive). */
  interface Hits {
    /** One match of pattern {@code id} ending before {@code end}. */
    void hit(int id, int end);
  }

  private final byte[] classOf = new byte[128];
  private final int classes;
  private final int[] delta;
  private final int[][] out;
  private final int[] lengths;
  private final int[] flags;

  /**
   * Builds the automaton.
   *
   * @param patterns the literals (non-ASCII characters never match and are best avoided)
   * @param patternFlags boundary flags per pattern
   */
  TextAutomaton(List<String> patterns, int[] patternFlags) {
    lengths = new int[patterns.size()];
    flags = patternFlags.clone();
    int k = 1;
    for (String p : patterns) {
      for (int i = 0; i < p.length(); i++) {
        char c = fold(p.charAt(i));
        if (c < 128 && classOf[c] == 0) {
          classOf[c] = (byte) k++;
        }
      }
    }
    // Upper-case letters share their lower-case class.
    for (char c = 'A'; c <= 'Z'; c++) {
      classOf[c] = classOf[c + 32];
    }
    classes = k;
    List<int[]> gotoRows = new ArrayList<>();
    List<List<Integer>> outs = new ArrayList<>();
    gotoRows.add(newRow());
    outs.add(new ArrayList<>());
    for (int id = 0; id < patterns.size(); id++) {
      String p = patterns.get(id);
      lengths[id] = p.length();
      int s = 0;
      for (int i = 0; i < p.length(); i++) {
        int c = cls(p.charAt(i));
        if (gotoRows.get(s)[c] < 0) {
          gotoRows.get(s)[c] = gotoRows.size();
          gotoRows.add(newRow());
          outs.add(new ArrayList<>());
        }
        s = gotoRows.get(s)[c];
      }
      outs.get(s).add(id);
    }
    int n = gotoRows.size();
    delta = new int[n * classes];
    int[] fail = new int[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < classes; c++) {
      int t = gotoRows.get(0)[c];
      if (t < 0 || c == 0) {
        delta[c] = 0;
      } else {
        delta[c] = t;
        fail[t] = 0;
        queue.add(t);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      outs.get(s).addAll(outs.get(fail[s]));
      for (int c = 0; c < classes; c++) {
        int t = c == 0 ? -1 : gotoRows.get(s)[c];
        if (t < 0) {
          delta[s * classes + c] = delta[fail[s] * classes + c];
        } else {
          delta[s * classes + c] = t;
          fail[t] = delta[fail[s] * classes + c];
          queue.add(t);
        }
      }
    }
    out = new int[n][];
    for (int s = 0; s < n; s++) {
      List<Integer> o = outs.get(s);
      out[s] = o.isEmpty() ? null : o.stream().mapToInt(Integer::intValue).distinct().toArray();
    }
  }

  /** How many states the automaton has (for statistics). */
  int states() {
    return out.length;
  }

  /** Reports every match in {@code text} whose boundaries hold. */
  void scan(CharSequence text, Hits hits) {
    int s = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      s = delta[s * classes + (c < 128 ? classOf[c] : 0)];
      int[] o = out[s];
      if (o != null) {
        for (int id : o) {
          if (boundariesHold(text, id, i + 1)) {
            hits.hit(id, i + 1);
          }
        }
      }
    }
  }

  private boolean boundariesHold(CharSequence text, int id, int end) {
    int f = flags[id];
    if ((f & LEFT_BOUNDARY) != 0) {
      int start = end - lengths[id];
      if (start > 0 && !isSeparator(text.charAt(start - 1))) {
        return false;
      }
    }
    if ((f & RIGHT_BOUNDARY) != 0 && end < text.length() && !isSeparator(text.charAt(end))) {
      return false;
    }
    return true;
  }

  private static boolean isSeparator(char c) {
    return c <= ' ' || "/\\\"'`|;&()<>=,:@".indexOf(c) >= 0;
  }

  private int[] newRow() {
    int[] r = new int[classes];
    Arrays.fill(r, -1);
    return r;
  }

  private int cls(char c) {
    char f = fold(c);
    return f < 128 ? classOf[f] : 0;
  }

  private static char fold(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }
}
