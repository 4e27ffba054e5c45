package dev.minewarden.core.sigma.internal;

import dev.minewarden.core.event.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma wildcard pattern. The pattern is split at its stars into segments of literal chars and
 * {@code ?}; the first segment is anchored at the start, the last at the end, and the middle ones
 * are found leftmost-first, which is exact for star-separated segments and takes at most
 * O(value length x pattern length) steps: no backtracking blow-up on hostile values.
 */
public final class GlobPred implements Pred {
  private static final char ANY = '\uFFFF';
  private final String[] segments;
  private final boolean anchoredStart;
  private final boolean anchoredEnd;
  private final boolean cased;
  private final String display;

  GlobPred(SigmaValue value, boolean cased) {
    this.cased = cased;
    this.anchoredStart = !value.startsWithStar();
    this.anchoredEnd = !value.endsWithStar();
    List<String> segs = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    StringBuilder shown = new StringBuilder();
    for (Object p : value.parts()) {
      if (p == SigmaValue.Wild.STAR) {
        segs.add(cur.toString());
        cur.setLength(0);
        shown.append('*');
      } else if (p == SigmaValue.Wild.QMARK) {
        cur.append(ANY);
        shown.append('?');
      } else {
        String s = (String) p;
        cur.append(cased ? s : Fold.fold(s));
        shown.append(s);
      }
    }
    segs.add(cur.toString());
    this.segments = segs.toArray(String[]::new);
    this.display = shown.toString();
  }

  @Override
  public boolean test(Object value, Event event) {
    return matches(Pred.text(value));
  }

  /** Whether the whole text matches the pattern. */
  public boolean matches(String s) {
    int n = segments.length;
    if (n == 1) {
      return s.length() == segments[0].length() && at(s, 0, segments[0]);
    }
    int pos = 0;
    int end = s.length();
    String first = segments[0];
    if (anchoredStart) {
      if (!at(s, 0, first)) {
        return false;
      }
      pos = first.length();
    }
    String last = segments[n - 1];
    if (anchoredEnd) {
      end -= last.length();
      if (end < pos || !at(s, end, last)) {
        return false;
      }
    }
    for (int i = anchoredStart ? 1 : 0; i < (anchoredEnd ? n - 1 : n); i++) {
      int found = find(s, segments[i], pos, end);
      if (found < 0) {
        return false;
      }
      pos = found + segments[i].length();
    }
    return true;
  }

  private int find(String s, String seg, int from, int end) {
    for (int i = from; i + seg.length() <= end; i++) {
      if (at(s, i, seg)) {
        return i;
      }
    }
    return -1;
  }

  private boolean at(String s, int offset, String seg) {
    if (offset + seg.length() > s.length()) {
      return false;
    }
    for (int i = 0; i < seg.length(); i++) {
      char p = seg.charAt(i);
      char c = s.charAt(offset + i);
      if (p != ANY && p != (cased ? c : Fold.fold(c))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The longest run of literal chars every match must contain (folded unless cased), or the empty
   * string; used to skip the pattern cheaply on values that lack it.
   */
  String requiredLiteral() {
    String best = "";
    for (String seg : segments) {
      for (String piece : seg.split(String.valueOf(ANY), -1)) {
        if (piece.length() > best.length()) {
          best = piece;
        }
      }
    }
    return best;
  }

  boolean cased() {
    return cased;
  }

  @Override
  public String toString() {
    return "glob(" + display + ")";
  }
}
