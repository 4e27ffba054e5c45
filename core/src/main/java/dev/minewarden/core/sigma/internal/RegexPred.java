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

  /** Wraps a compiled expression. */
  public RegexPred(Pattern pattern) {
    this.pattern = pattern;
    boolean ci = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0;
    this.mustContain = ci ? new String[0][]
        : RegexLiterals.allRequired(pattern.pattern()).stream()
            .map(set -> set.toArray(String[]::new))
            .toArray(String[][]::new);
  }

  /** The compiled expression. */
  public Pattern pattern() {
    return pattern;
  }

  @Override
  public boolean test(Object value, Event event) {
    String s = Pred.text(value);
    for (String[] any : mustContain) {
      if (!containsAny(s, any)) {
        return false;
      }
    }
    return pattern.matcher(s).find();
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
