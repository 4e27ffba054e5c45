package dev.minewarden.core.sigma.internal;

import com.google.re2j.Pattern;
import dev.minewarden.core.event.Event;

/**
 * A regular expression of a rule, run with RE2J (linear time, so a hostile value cannot make it
 * hang). Matches when the expression is found anywhere in the value, as Sigma backends do.
 *
 * @param pattern the compiled expression
 */
public record RegexPred(Pattern pattern) implements Pred {
  @Override
  public boolean test(Object value, Event event) {
    return pattern.matcher(Pred.text(value)).find();
  }

  /**
   * Literals (folded for case-insensitive testing) of which every match contains one, or an empty
   * list when none are known.
   */
  java.util.List<String> requiredLiterals() {
    boolean ci = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0;
    return RegexLiterals.required(pattern.pattern(), ci).stream().map(Fold::fold).distinct().toList();
  }
}
