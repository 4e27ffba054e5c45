package dev.minewarden.core.sigma.internal;

import java.util.List;

/**
 * A parsed detection: the condition with every search identifier replaced by its tests. It is the
 * form rules and filters keep until {@link RuleEngine} compiles it. Immutable.
 */
public sealed interface Expr {

  /** All items hold. */
  record And(List<Expr> items) implements Expr {
    /** Copies the items. */
    public And {
      items = List.copyOf(items);
    }
  }

  /** Some item holds. */
  record Or(List<Expr> items) implements Expr {
    /** Copies the items. */
    public Or {
      items = List.copyOf(items);
    }
  }

  /** The item does not hold. */
  record Not(Expr item) implements Expr {}

  /** A constant. */
  record Const(boolean value) implements Expr {}

  /**
   * Tests of a field's value. Each group holds the alternatives one rule value expanded into
   * (base64offset, windash...); without {@code all} some group must match, with it every group must
   * be matched by the value or by some element of a list value.
   *
   * @param field the field, or {@code null} for a keyword search over every string value
   * @param groups the alternatives of each rule value
   * @param all whether every group must match
   */
  record ValueTest(String field, List<List<Pred>> groups, boolean all) implements Expr {
    /** Copies the groups. */
    public ValueTest {
      groups = groups.stream().map(List::copyOf).toList();
    }
  }

  /**
   * The field is absent or null (a rule value {@code null}).
   *
   * @param field the field
   */
  record NullTest(String field) implements Expr {}

  /**
   * The field is present (with any value, even null) or absent ({@code exists}).
   *
   * @param field the field
   * @param exists which of the two is wanted
   */
  record ExistsTest(String field, boolean exists) implements Expr {}

  /** Some item holds, collapsing the trivial cases. */
  static Expr or(List<Expr> items) {
    return items.size() == 1 ? items.get(0) : new Or(items);
  }

  /** All items hold, collapsing the trivial cases. */
  static Expr and(List<Expr> items) {
    return items.size() == 1 ? items.get(0) : new And(items);
  }
}
