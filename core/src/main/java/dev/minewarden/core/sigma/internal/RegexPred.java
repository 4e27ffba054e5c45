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
}
