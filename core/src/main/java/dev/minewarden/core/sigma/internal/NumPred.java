package dev.minewarden.core.sigma.internal;

import dev.minewarden.core.event.Event;

/**
 * A numeric comparison ({@code lt}, {@code lte}, {@code gt}, {@code gte}); a text value is compared
 * when it parses as a number, anything else does not match.
 *
 * @param op the comparison
 * @param bound the rule's number
 */
public record NumPred(Op op, double bound) implements Pred {

  /** A comparison operator. */
  public enum Op {
    LT,
    LTE,
    GT,
    GTE,
    EQ;

    boolean apply(double v, double bound) {
      return switch (this) {
        case LT -> v < bound;
        case LTE -> v <= bound;
        case GT -> v > bound;
        case GTE -> v >= bound;
        case EQ -> v == bound;
      };
    }
  }

  @Override
  public boolean test(Object value, Event event) {
    double v = number(value);
    return !Double.isNaN(v) && op.apply(v, bound);
  }

  /** The numeric value of a scalar, or NaN. */
  static double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      return parse(s.trim());
    }
    return Double.NaN;
  }

  /** Parses a decimal or {@code 0x} hex number, NaN when it is none. */
  static double parse(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return Double.NaN;
    }
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseUnsignedLong(s.substring(2), 16);
      }
      char c = s.charAt(s.length() - 1);
      if (!Character.isDigit(c) && c != '.') {
        return Double.NaN; // Double.parseDouble would take "1d", "NaN", "Infinity"
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
