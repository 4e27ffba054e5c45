package dev.minewarden.core.sigma.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds literals of which every match of a regular expression must contain at least one, so cheap
 * substring tests can rule most values out before the expression runs: {@code -(W|R)\s} needs
 * {@code -W} or {@code -R}, {@code (^|\s)(c3pool\.(com|org)|xmrig\.com)} needs {@code c3pool.} or
 * {@code xmrig.com}. Conservative: whatever it cannot read with certainty ({@code \Q}, hex, octal
 * and Unicode escapes, back-references, odd repeats) gives no literals, and the expression then
 * always runs. Only ASCII literals are returned. Pure; thread-safe.
 */
final class RegexLiterals {
  /** More alternatives than this are not worth a guard. */
  private static final int MAX_ALTERNATIVES = 64;

  private RegexLiterals() {}

  /** Thrown internally when the expression uses syntax this reader does not follow. */
  private static final class Unreadable extends Exception {
    Unreadable() {
      super(null, null, false, false);
    }
  }

  /**
   * Literals of which every match contains at least one (the same case unless the expression
   * ignores case), or an empty list when none are known.
   *
   * @param regex the expression in RE2 syntax
   * @param caseInsensitive whether the expression ignores case; then (as with an inline {@code
   *     (?} group anywhere) {@code s} and {@code k} are never part of a literal, because RE2 also
   *     matches them with letters outside ASCII (U+017F, U+212A) that a folded test would miss
   */
  static List<String> required(String regex, boolean caseInsensitive) {
    boolean ci = caseInsensitive || regex.contains("(?");
    try {
      Set<String> set = new RegexLiterals.Reader(regex, ci).alternation(0, regex.length());
      return set == null ? List.of() : List.copyOf(set);
    } catch (Unreadable e) {
      return List.of();
    }
  }

  /**
   * For a case-sensitive expression without alternation at the top level: every set of literals
   * (exactly as written) of which a match must contain one, one set per required part of the
   * expression; all must hold. Empty when nothing is known or the expression may ignore case.
   */
  static List<Set<String>> allRequired(String regex) {
    if (regex.contains("(?")) {
      return List.of();
    }
    try {
      Reader r = new Reader(regex, false);
      List<Set<String>> out = new java.util.ArrayList<>();
      r.collect = out;
      r.sequence(0, topLevelEnd(regex));
      return List.copyOf(out);
    } catch (Unreadable e) {
      return List.of();
    }
  }

  /**
   * For a case-sensitive expression anchored at both ends ({@code ^...$}, no alternation at the top
   * level, no inline flags) whose every match is one of a few known strings: those strings, so a
   * value matches exactly when it equals one of them. {@code null} otherwise. RE2's {@code $}
   * matches only at the very end of the text, as a whole-value comparison does.
   */
  static Set<String> wholeValues(String regex) {
    int n = regex.length();
    if (n < 2 || regex.charAt(0) != '^' || regex.charAt(n - 1) != '$' || regex.contains("(?")
        || escaped(regex, n - 1)) {
      return null;
    }
    String middle = regex.substring(1, n - 1);
    if (middle.indexOf('^') >= 0 || middle.indexOf('$') >= 0 || middle.contains("\\b")
        || middle.contains("\\B") || middle.contains("\\A") || middle.contains("\\z")) {
      return null; // an assertion inside (a$b never matches), which the strings would not show
    }
    try {
      if (topLevelEnd(regex) == 0) {
        return null;
      }
      Reader r = new Reader(regex, false);
      r.optionalJoins = true;
      Set<String> exact = r.sequence(1, n - 1).exact();
      return exact == null ? null : Set.copyOf(exact);
    } catch (Unreadable e) {
      return null;
    }
  }

  /** Whether the char at {@code i} follows an odd number of backslashes. */
  private static boolean escaped(String s, int i) {
    int k = 0;
    while (i - 1 - k >= 0 && s.charAt(i - 1 - k) == '\\') {
      k++;
    }
    return k % 2 == 1;
  }

  /** Widths above this are not worth bounding a search by. */
  private static final int MAX_WIDTH = 4096;

  /**
   * An upper bound on the length, in chars, of any match of the expression, or -1 when matches
   * can be arbitrarily long ({@code *}, {@code +}, open repeats) or the expression uses syntax this
   * reader does not follow. Every char-consuming atom counts as two chars (a code point outside
   * the BMP takes two), so the bound holds whatever the text.
   */
  static int maxWidth(String regex) {
    try {
      int w = new Reader(regex, false).width(0, regex.length());
      return w > MAX_WIDTH ? -1 : w;
    } catch (Unreadable e) {
      return -1;
    }
  }

  /** The expression's length when it has no alternation at the top level, else 0 (nothing). */
  private static int topLevelEnd(String regex) throws Unreadable {
    Reader r = new Reader(regex, false);
    for (int i = 0; i < regex.length(); i = r.skipAtom(i, regex.length())) {
      if (regex.charAt(i) == '|') {
        return 0;
      }
    }
    return regex.length();
  }

  /** The shortest literal of a set: how selective a guard made of it is. */
  static int score(Set<String> set) {
    int min = Integer.MAX_VALUE;
    for (String s : set) {
      min = Math.min(min, s.length());
    }
    return min;
  }

  private static final class Reader {
    private final String s;
    private final boolean ci;
    /** When set, the top-level sequence adds every required set here. */
    java.util.List<Set<String>> collect;
    /**
     * Whether an optional part ({@code x?}) joins the exact strings (with and without it), as
     * whole-value comparison needs; guards keep the shorter literals around it instead, which
     * make fewer and cheaper tests.
     */
    boolean optionalJoins;

    Reader(String s, boolean ci) {
      this.s = s;
      this.ci = ci;
    }

    /**
     * What a piece of the expression matches: {@code exact}, every string it can match (when few
     * and known), and {@code required}, literals one of which every match contains; either may
     * be null.
     */
    private record Info(Set<String> exact, Set<String> required) {}

    Set<String> alternation(int from, int to) throws Unreadable {
      Info info = alternationInfo(from, to);
      Set<String> req = info.required();
      return req == null || score(req) == 0 ? null : req;
    }

    /** Alternatives between {@code from} and {@code to}: the union of each one's sets. */
    private Info alternationInfo(int from, int to) throws Unreadable {
      Set<String> exact = new LinkedHashSet<>();
      Set<String> required = new LinkedHashSet<>();
      int start = from;
      int i = from;
      while (i <= to) {
        if (i == to || s.charAt(i) == '|') {
          Info branch = sequence(start, i);
          exact = union(exact, branch.exact());
          required = union(required, branch.required());
          start = i + 1;
          i++;
        } else {
          i = skipAtom(i, to);
        }
      }
      return new Info(exact, required);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
      if (a == null || b == null || a.size() + b.size() > MAX_ALTERNATIVES) {
        return null;
      }
      a.addAll(b);
      return a;
    }

    /** A concatenation: exact strings joined across parts, the best-scoring required set. */
    Info sequence(int from, int to) throws Unreadable {
      java.util.List<Set<String>> sink = collect;
      collect = null; // only the top level collects
      Set<String> best = null;
      Set<String> run = Set.of("");
      boolean allExact = true;
      int i = from;
      while (i < to) {
        int end = skipAtom(i, to);
        Info atom = atom(i, end);
        int q = end;
        boolean optional = false;
        boolean repeated = false;
        boolean once = false;
        if (q < to && isQuantifier(s.charAt(q))) {
          char c = s.charAt(q);
          if (c == '{') {
            optional = s.charAt(q + 1) == '0';
            q = repeatEnd(q, to);
          } else {
            optional = c != '+';
            once = c == '?';
            q++;
          }
          repeated = true;
          if (q < to && s.charAt(q) == '?') {
            q++; // lazy
          }
        }
        Set<String> exact = atom.exact();
        if (once && exact != null && optionalJoins) {
          // At most once: the strings, or nothing.
          exact = new LinkedHashSet<>(exact);
          exact.add("");
        }
        Set<String> joined =
            (!repeated || (once && optionalJoins)) && exact != null ? cross(run, exact) : null;
        if (joined != null) {
          run = joined;
        } else {
          allExact = false;
          best = better(best, run);
          keep(sink, run);
          run = Set.of("");
          if (!optional) {
            Set<String> one = atom.exact() != null ? atom.exact() : atom.required();
            best = better(best, one);
            keep(sink, one);
          }
        }
        i = q;
      }
      best = better(best, run);
      keep(sink, run);
      return new Info(allExact ? new LinkedHashSet<>(run) : null, best == null ? null : new LinkedHashSet<>(best));
    }

    private static void keep(java.util.List<Set<String>> sink, Set<String> set) {
      if (sink != null && set != null && score(set) > 0) {
        sink.add(Set.copyOf(set));
      }
    }

    private static Set<String> cross(Set<String> a, Set<String> b) {
      if ((long) a.size() * b.size() > MAX_ALTERNATIVES) {
        return null;
      }
      Set<String> out = new LinkedHashSet<>();
      for (String x : a) {
        for (String y : b) {
          out.add(x + y);
        }
      }
      return out;
    }

    private static Set<String> better(Set<String> best, Set<String> candidate) {
      if (candidate == null || score(candidate) == 0) {
        return best;
      }
      return best == null || score(candidate) > score(best) ? candidate : best;
    }

    /** The widest match of the alternatives between {@code from} and {@code to}. */
    int width(int from, int to) throws Unreadable {
      int max = 0;
      int start = from;
      int i = from;
      while (i <= to) {
        if (i == to || s.charAt(i) == '|') {
          max = Math.max(max, sequenceWidth(start, i));
          start = i + 1;
          i++;
        } else {
          i = skipAtom(i, to);
        }
      }
      return max;
    }

    private int sequenceWidth(int from, int to) throws Unreadable {
      long sum = 0;
      int i = from;
      while (i < to) {
        int end = skipAtom(i, to);
        long w = atomWidth(i, end);
        int q = end;
        if (q < to && isQuantifier(s.charAt(q))) {
          char c = s.charAt(q);
          if (c == '*' || c == '+') {
            throw new Unreadable(); // unbounded
          } else if (c == '{') {
            int close = repeatEnd(q, to) - 1;
            String body = s.substring(q + 1, close);
            int comma = body.indexOf(',');
            if (comma >= 0 && comma == body.length() - 1) {
              throw new Unreadable(); // {n,}: unbounded
            }
            w *= Integer.parseInt(comma < 0 ? body : body.substring(comma + 1));
            q = close + 1;
          } else {
            q++; // ?: at most once
          }
          if (q < to && s.charAt(q) == '?') {
            q++; // lazy
          }
        }
        sum += w;
        if (sum > MAX_WIDTH) {
          throw new Unreadable();
        }
        i = q;
      }
      return (int) sum;
    }

    private int atomWidth(int i, int end) throws Unreadable {
      char c = s.charAt(i);
      if (c == '(') {
        int inner = groupBody(i, end);
        return inner < 0 ? 0 : width(inner, end - 1);
      }
      if (isAssertion(i)) {
        return 0;
      }
      return 2; // one code point: a char, a class, an escape or the dot
    }

    /** One atom: a plain char, a zero-width assertion, a group, or something inexact. */
    private Info atom(int i, int end) throws Unreadable {
      char c = s.charAt(i);
      if (c == '(') {
        return group(i, end);
      }
      if (isAssertion(i)) {
        return new Info(Set.of(""), null); // consumes nothing
      }
      int lit = -1;
      if (c == '\\') {
        char e = s.charAt(i + 1);
        lit = e < 128 && !Character.isLetterOrDigit(e) ? e : -1;
      } else if ("[.*+?{|)".indexOf(c) < 0) {
        lit = c;
      }
      if (lit < 0 || lit >= 128 || (ci && "sSkK".indexOf(lit) >= 0)) {
        return new Info(null, null);
      }
      return new Info(Set.of(String.valueOf((char) lit)), null);
    }

    private Info group(int i, int end) throws Unreadable {
      int inner = groupBody(i, end);
      return inner < 0
          ? new Info(Set.of(""), null) // a flags-only group such as (?i) consumes nothing
          : alternationInfo(inner, end - 1);
    }

    /**
     * Where the body of the group {@code [i, end)} starts, after any {@code ?:}, {@code ?i:} or
     * {@code ?P<name>}; -1 for a flags-only group such as {@code (?i)}.
     */
    private int groupBody(int i, int end) {
      int inner = i + 1;
      if (inner < end - 1 && s.charAt(inner) == '?') {
        int colon = s.indexOf(':', inner);
        int gt = s.indexOf('>', inner);
        if (s.startsWith("?P<", inner) && gt > 0 && gt < end - 1) {
          return gt + 1;
        } else if (colon > 0 && colon < end - 1
            && s.substring(inner + 1, colon).matches("[a-zA-Z-]*")) {
          return colon + 1;
        }
        return -1;
      }
      return inner;
    }

    /** Whether the atom at {@code i} is a zero-width assertion: ^, $, \b, \B, \A or \z. */
    private boolean isAssertion(int i) {
      char c = s.charAt(i);
      return c == '^' || c == '$' || (c == '\\' && "bBAz".indexOf(s.charAt(i + 1)) >= 0);
    }

    private static boolean isQuantifier(char c) {
      return c == '*' || c == '+' || c == '?' || c == '{';
    }

    /** The index after one atom starting at {@code i} (quantifiers not included). */
    int skipAtom(int i, int to) throws Unreadable {
      char c = s.charAt(i);
      switch (c) {
        case '\\':
          if (i + 1 >= to) {
            throw new Unreadable();
          }
          char e = s.charAt(i + 1);
          if (Character.isLetterOrDigit(e) && "dDwWsSbBAznrtfva".indexOf(e) < 0) {
            throw new Unreadable(); // \Q, \x, \p, octal, back-references
          }
          return i + 2;
        case '[':
          return skipClass(i, to);
        case '(':
          return skipGroup(i, to);
        case ')':
          throw new Unreadable();
        case '{':
          return repeatEnd(i, to); // a repeat with nothing before it: let RE2 decide
        default:
          return i + 1;
      }
    }

    /** The index after the class starting at {@code i}. */
    private int skipClass(int i, int to) throws Unreadable {
      int j = i + 1;
      if (j < to && s.charAt(j) == '^') {
        j++;
      }
      if (j < to && s.charAt(j) == ']') {
        j++;
      }
      while (j < to) {
        char c = s.charAt(j);
        if (c == '\\') {
          j += 2;
        } else if (c == '[' && j + 1 < to && s.charAt(j + 1) == ':') {
          int end = s.indexOf(":]", j + 2);
          if (end < 0 || end >= to) {
            throw new Unreadable();
          }
          j = end + 2;
        } else if (c == ']') {
          return j + 1;
        } else {
          j++;
        }
      }
      throw new Unreadable();
    }

    /** The index after the group starting at {@code i}. */
    private int skipGroup(int i, int to) throws Unreadable {
      int depth = 0;
      int j = i;
      while (j < to) {
        char c = s.charAt(j);
        if (c == '\\') {
          j += 2;
          continue;
        }
        if (c == '[') {
          j = skipClass(j, to);
          continue;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')' && --depth == 0) {
          return j + 1;
        }
        j++;
      }
      throw new Unreadable();
    }

    /** The index after a {@code {n}}, {@code {n,}} or {@code {n,m}} repeat at {@code i}. */
    private int repeatEnd(int i, int to) throws Unreadable {
      int j = i + 1;
      int digits = 0;
      while (j < to && (Character.isDigit(s.charAt(j)) || s.charAt(j) == ',')) {
        digits += Character.isDigit(s.charAt(j)) ? 1 : 0;
        j++;
      }
      if (digits == 0 || j >= to || s.charAt(j) != '}' || !Character.isDigit(s.charAt(i + 1))) {
        throw new Unreadable(); // RE2 reads a brace that is no repeat as a literal: not followed here
      }
      return j + 1;
    }
  }
}
