package dev.minewarden.core.sigma.internal;

import dev.minewarden.core.event.Event;

/**
 * Equality, prefix, suffix or substring test against a literal.
 *
 * @param kind the comparison
 * @param text the literal, folded unless {@code cased}
 * @param cased whether the comparison is case-sensitive
 */
public record StrPred(Kind kind, String text, boolean cased) implements Pred {
  // equals and hashCode written out: a record's generated ones are bootstrapped at their first
  // call, and rule compilation (which keys tables by these tests) makes that call at every start.

  @Override
  public boolean equals(Object o) {
    return o instanceof StrPred p && p.kind == kind && p.cased == cased && p.text.equals(text);
  }

  @Override
  public int hashCode() {
    return (kind.hashCode() * 31 + text.hashCode()) * 31 + Boolean.hashCode(cased);
  }

  /** The comparison a {@link StrPred} makes. */
  public enum Kind {
    EQUALS,
    PREFIX,
    SUFFIX,
    CONTAINS
  }

  @Override
  public boolean test(Object value, Event event) {
    return test(Pred.text(value));
  }

  /** Tests a text value. */
  public boolean test(String s) {
    if (cased) {
      return switch (kind) {
        case EQUALS -> s.equals(text);
        case PREFIX -> s.startsWith(text);
        case SUFFIX -> s.endsWith(text);
        case CONTAINS -> s.contains(text);
      };
    }
    return switch (kind) {
      case EQUALS -> s.length() == text.length() && Fold.regionEquals(s, 0, text);
      case PREFIX -> Fold.regionEquals(s, 0, text);
      case SUFFIX -> Fold.regionEquals(s, s.length() - text.length(), text);
      case CONTAINS -> Fold.indexOf(s, text, 0) >= 0;
    };
  }
}
