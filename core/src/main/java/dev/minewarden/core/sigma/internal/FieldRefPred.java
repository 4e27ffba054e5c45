package dev.minewarden.core.sigma.internal;

import dev.minewarden.core.event.Event;
import java.util.List;

/**
 * Compares a value with the value of another field of the same event ({@code fieldref}); equality
 * unless {@code startswith}, {@code endswith} or {@code contains} is given. An absent or null
 * referenced field matches nothing; a list-valued one matches when any element does.
 *
 * @param field the referenced field
 * @param kind the comparison
 * @param cased whether it is case-sensitive
 */
public record FieldRefPred(String field, StrPred.Kind kind, boolean cased) implements Pred {
  @Override
  public boolean test(Object value, Event event) {
    Object other = event.get(field);
    if (other instanceof List<?> list) {
      for (Object o : list) {
        if (o != null && compare(value, o)) {
          return true;
        }
      }
      return false;
    }
    return other != null && compare(value, other);
  }

  private boolean compare(Object value, Object other) {
    String o = Pred.text(other);
    return new StrPred(kind, cased ? o : Fold.fold(o), cased).test(Pred.text(value));
  }
}
