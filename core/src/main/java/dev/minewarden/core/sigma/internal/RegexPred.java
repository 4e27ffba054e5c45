package dev.minewarden.core.sigma.internal;

import com.google.re2j.Pattern;
import dev.minewarden.core.event.Event;
import java.util.List;

/**
 * A regular expression of a rule, run with RE2J (linear time, so a hostile value cannot make it
 * hang). Matches when the expression is found anywhere in the value, as Sigma backends do. A
 * case-sensitive expression first checks the literals its matches must contain ({@link
 * RegexLiterals#allRequired}) with plain substring searches, which are much cheaper than the
 * expression and rule most values out. Immutable.
 */
public final class RegexPred implements Pred {
  private final Pattern pattern;
  /** Each entry: strings one of which a match contains, exactly as written (case-sensitive). */
  private final String[][] mustContain;
  /**
   * When every match holds one of a few literals and is at most {@link #width} chars long: an
   * automaton of those literals (folded), to start the search just before the first of them.
   */
  private final CharTrie literals;
  private final int width;
  /** For a case-sensitive {@code ^...$} expression of a few known strings: those strings. */
  private final java.util.Set<String> wholeValues;

  /** Wraps a compiled expression. */
  public RegexPred(Pattern pattern) {
    this.pattern = pattern;
    boolean ci = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0;
    this.mustContain = ci ? new String[0][]
        : RegexLiterals.allRequired(pattern.pattern()).stream()
            .map(set -> set.toArray(String[]::new))
            .toArray(String[][]::new);
    // Only without flags: with |m, ^ and $ also match at line breaks inside the value.
    this.wholeValues = pattern.flags() == 0 ? RegexLiterals.wholeValues(pattern.pattern()) : null;
    List<String> lits = requiredLiterals();
    this.width = RegexLiterals.maxWidth(pattern.pattern());
    this.literals = width < 0 || lits.isEmpty()
        ? null
        : CharTrie.automaton(new CharClasses(lits), lits,
            java.util.stream.IntStream.range(0, lits.size()).toArray());
  }

  /** The compiled expression. */
  public Pattern pattern() {
    return pattern;
  }

  @Override
  public boolean test(Object value, Event event) {
    String s = Pred.text(value);
    if (wholeValues != null) {
      return wholeValues.contains(s);
    }
    for (String[] any : mustContain) {
      if (!containsAny(s, any)) {
        return false;
      }
    }
    return pattern.matcher(s).find(searchStart(s));
  }

  /**
   * Where a match can start at the earliest. RE2J's NFA costs tens of ns per char, and the text
   * before the literals a match must hold is often most of a command line. A match is at most
   * {@code width} chars and holds one of the literals, so it ends at or after the end of the
   * first literal found, and starts at most {@code width} before that. The search from there
   * still sees the text before it, so {@code ^} and {@code \b} mean what they mean in a whole
   * search.
   */
  private int searchStart(String s) {
    if (literals == null) {
      return 0;
    }
    int end = literals.firstEnd(s);
    return end < 0 ? 0 : Math.max(0, end - width);
  }

  private static boolean containsAny(String s, String[] any) {
    for (String lit : any) {
      if (s.contains(lit)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Literals (folded for case-insensitive testing) of which every match contains one, or an empty
   * list when none are known.
   */
  List<String> requiredLiterals() {
    boolean ci = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0;
    return RegexLiterals.required(pattern.pattern(), ci).stream().map(Fold::fold).distinct().toList();
  }

  @Override
  public String toString() {
    return "re(" + pattern.pattern() + ")";
  }
}
