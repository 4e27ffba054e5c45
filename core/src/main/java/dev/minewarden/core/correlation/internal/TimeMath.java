package dev.minewarden.core.correlation.internal;

/**
 * Saturating arithmetic on epoch milliseconds: event times come from logs, so any value is
 * possible and must not wrap around. Not part of the API.
 */
public final class TimeMath {
  private TimeMath() {}

  /** {@code a - b}, clamped to the range of {@code long}. */
  public static long minus(long a, long b) {
    long r = a - b;
    // Overflow happened iff the operands have different signs and the result's sign differs
    // from a's (Hacker's Delight 2-13).
    if (((a ^ b) & (a ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  /** {@code a + b} for {@code b >= 0}, clamped to {@link Long#MAX_VALUE}. */
  public static long plus(long a, long b) {
    long r = a + b;
    return r < a ? Long.MAX_VALUE : r;
  }
}
