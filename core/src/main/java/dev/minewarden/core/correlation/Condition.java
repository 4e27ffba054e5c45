package dev.minewarden.core.correlation;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code condition} of a correlation: a conjunction of comparisons ({@code gt}, {@code gte},
 * {@code lt}, {@code lte}, {@code eq}, {@code neq}) against the aggregated value. Immutable.
 */
public final class Condition {
  private final Double gt;
  private final Double gte;
  private final Double lt;
  private final Double lte;
  private final Double eq;
  private final Double neq;

  /**
   * Creates a condition; each bound may be {@code null} for "not stated", at least one must be set.
   *
   * @throws IllegalArgumentException when every bound is null
   */
  public Condition(Double gt, Double gte, Double lt, Double lte, Double eq, Double neq) {
    if (gt == null && gte == null && lt == null && lte == null && eq == null && neq == null) {
      throw new IllegalArgumentException("condition states no comparison");
    }
    this.gt = gt;
    this.gte = gte;
    this.lt = lt;
    this.lte = lte;
    this.eq = eq;
    this.neq = neq;
  }

  /** The condition {@code gte: n}. */
  public static Condition atLeast(double n) {
    return new Condition(null, n, null, null, null, null);
  }

  /** Whether the value satisfies every stated comparison. */
  public boolean test(double value) {
    return (gt == null || value > gt)
        && (gte == null || value >= gte)
        && (lt == null || value < lt)
        && (lte == null || value <= lte)
        && (eq == null || value == eq)
        && (neq == null || value != neq);
  }

  /**
   * Whether the condition only bounds the value from below ({@code gt}/{@code gte}): then, for an
   * aggregate that only grows as events arrive, it can be decided the moment it first holds.
   */
  public boolean isLowerBoundOnly() {
    return lt == null && lte == null && eq == null && neq == null;
  }

  /**
   * The smallest count that can satisfy the lower bounds ({@code gte: 5} and {@code gt: 4} both
   * give 5), or 0 when no lower bound is stated.
   */
  public long minimumCount() {
    double min = 0;
    if (gte != null) {
      min = Math.max(min, Math.ceil(gte));
    }
    if (gt != null) {
      min = Math.max(min, Math.floor(gt) + 1);
    }
    return min >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) min;
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    add(parts, "gt", gt);
    add(parts, "gte", gte);
    add(parts, "lt", lt);
    add(parts, "lte", lte);
    add(parts, "eq", eq);
    add(parts, "neq", neq);
    return String.join(" and ", parts);
  }

  private static void add(List<String> parts, String op, Double v) {
    if (v != null) {
      parts.add(op + " " + (v == Math.rint(v) ? String.valueOf(v.longValue()) : v.toString()));
    }
  }
}
