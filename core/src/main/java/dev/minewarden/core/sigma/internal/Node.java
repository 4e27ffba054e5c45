package dev.minewarden.core.sigma.internal;

import dev.minewarden.core.event.Event;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** A compiled condition node. Immutable; evaluation state lives in the {@link MatchContext}. */
abstract class Node {
  /** Whether the current event of the context satisfies the node. */
  abstract boolean test(MatchContext c);

  /** A rough relative cost, so cheap tests run first in AND and OR nodes. */
  abstract int cost();

  /**
   * Bits of which at least one must be set for this node to hold, or {@code null} when there is no
   * such set: the engine evaluates a rule only on events that set one of its trigger bits.
   *
   * @param chance the estimated share of values that set a bit, to pick the rarest trigger
   */
  int[] trigger(IntToDoubleFunction chance) {
    return null;
  }

  /** The estimated share of events that set at least one of the bits (a sum, capped at 1). */
  static double chance(int[] bits, IntToDoubleFunction chance) {
    double p = 0;
    for (int b : bits) {
      p += chance.applyAsDouble(b);
    }
    return Math.min(1, p);
  }

  /** The nodes directly below this one. */
  Node[] children() {
    return NONE;
  }

  private static final Node[] NONE = {};

  /** Calls {@code action} on this node and every node below it. */
  final void visit(java.util.function.Consumer<Node> action) {
    action.accept(this);
    for (Node n : children()) {
      n.visit(action);
    }
  }

  static Node[] byCost(List<Node> nodes) {
    Node[] a = nodes.toArray(Node[]::new);
    Arrays.sort(a, Comparator.comparingInt(Node::cost));
    return a;
  }

  static final class And extends Node {
    private final Node[] items;

    And(List<Node> items) {
      this.items = byCost(items);
    }

    @Override
    Node[] children() {
      return items;
    }

    @Override
    boolean test(MatchContext c) {
      for (Node n : items) {
        if (!n.test(c)) {
          return false;
        }
      }
      return true;
    }

    /**
     * Any conjunct's trigger will do; the one least likely to fire is best. Choosing by size
     * alone would trigger {@code tools and filter} on its filter {@code '@' or ':'}, which nearly
     * every value holds, instead of on the tool names.
     */
    @Override
    int[] trigger(IntToDoubleFunction chance) {
      int[] best = null;
      double bestChance = 2;
      for (Node n : items) {
        int[] t = n.trigger(chance);
        if (t != null) {
          double p = chance(t, chance);
          if (p < bestChance || (p == bestChance && t.length < best.length)) {
            best = t;
            bestChance = p;
          }
        }
      }
      return best;
    }

    @Override
    int cost() {
      return Arrays.stream(items).mapToInt(Node::cost).sum();
    }
  }

  static final class Or extends Node {
    private final Node[] items;

    Or(List<Node> items) {
      this.items = byCost(items);
    }

    @Override
    Node[] children() {
      return items;
    }

    @Override
    boolean test(MatchContext c) {
      for (Node n : items) {
        if (n.test(c)) {
          return true;
        }
      }
      return false;
    }

    /** Every alternative needs a trigger; the union is the node's. */
    @Override
    int[] trigger(IntToDoubleFunction chance) {
      int[] all = new int[0];
      for (Node n : items) {
        int[] t = n.trigger(chance);
        if (t == null) {
          return null;
        }
        int at = all.length;
        all = Arrays.copyOf(all, at + t.length);
        System.arraycopy(t, 0, all, at, t.length);
      }
      return all;
    }

    @Override
    int cost() {
      return Arrays.stream(items).mapToInt(Node::cost).sum();
    }
  }

  static final class Not extends Node {
    private final Node item;

    Not(Node item) {
      this.item = item;
    }

    @Override
    Node[] children() {
      return new Node[] {item};
    }

    @Override
    boolean test(MatchContext c) {
      return !item.test(c);
    }

    @Override
    int cost() {
      return item.cost();
    }
  }

  static final class Const extends Node {
    private final boolean value;

    Const(boolean value) {
      this.value = value;
    }

    @Override
    boolean test(MatchContext c) {
      return value;
    }

    @Override
    int cost() {
      return 0;
    }
  }

  /** Some of a set of literal tests of one field passed (bits set by the field's scan). */
  static final class AnyBits extends Node {
    private final int slot;
    private final int[] atoms;
    /** Whether some of the tests are outside the field's trigger set: set once after compiling. */
    private boolean needsFull = true;
    private final int[] words;
    private final long[] masks;
    private final int[] globalBits;

    AnyBits(int slot, int base, int[] atoms) {
      this.slot = slot;
      this.atoms = atoms.clone();
      this.globalBits = Arrays.stream(atoms).map(a -> base + a).toArray();
      long[] byWord = new long[0];
      int lo = Integer.MAX_VALUE;
      for (int a : atoms) {
        lo = Math.min(lo, (base + a) >>> 6);
      }
      for (int a : atoms) {
        int w = ((base + a) >>> 6) - lo;
        if (w >= byWord.length) {
          byWord = Arrays.copyOf(byWord, w + 1);
        }
        byWord[w] |= 1L << (base + a);
      }
      int n = (int) Arrays.stream(byWord).filter(m -> m != 0).count();
      words = new int[n];
      masks = new long[n];
      int k = 0;
      for (int w = 0; w < byWord.length; w++) {
        if (byWord[w] != 0) {
          words[k] = lo + w;
          masks[k++] = byWord[w];
        }
      }
    }

    int slot() {
      return slot;
    }

    /** Reads only the trigger scan when it covers every test of this node. */
    void bind(FieldIndex field) {
      needsFull = !field.triggerCovers(atoms);
    }

    @Override
    boolean test(MatchContext c) {
      if (needsFull) {
        c.ensureFull(slot);
      } else {
        c.ensure(slot);
      }
      long[] bits = c.bits;
      for (int i = 0; i < words.length; i++) {
        if ((bits[words[i]] & masks[i]) != 0) {
          return true;
        }
      }
      return false;
    }

    @Override
    int cost() {
      return 1;
    }

    @Override
    int[] trigger(IntToDoubleFunction chance) {
      return globalBits;
    }
  }

  /** Tests evaluated on the value itself: regex, wildcard patterns, CIDR, numbers, fieldref... */
  static final class Generic extends Node {
    private final String field;
    private final Pred[] preds;

    Generic(String field, List<Pred> preds) {
      this.field = field;
      this.preds = CidrPred.merged(preds).toArray(Pred[]::new);
    }

    @Override
    boolean test(MatchContext c) {
      Event e = c.event;
      if (field != null) {
        return value(e.get(field), e, false);
      }
      for (int i = 0, n = e.fieldCount(); i < n; i++) {
        if (value(e.fieldValue(i), e, true)) {
          return true;
        }
      }
      return false;
    }

    private boolean value(Object v, Event e, boolean stringsOnly) {
      // Strings and numbers first: they are final classes, tested by one compare, where a test
      // for an interface such as List scans the value's class's list of interfaces every time.
      if (v instanceof String || v instanceof Long) {
        return scalar(v, e, stringsOnly);
      }
      if (v instanceof List<?> list) {
        for (Object o : list) {
          if (o != null && !(o instanceof List<?>) && scalar(o, e, stringsOnly)) {
            return true;
          }
        }
        return false;
      }
      return v != null && scalar(v, e, stringsOnly);
    }

    private boolean scalar(Object v, Event e, boolean stringsOnly) {
      if (stringsOnly && !(v instanceof String)) {
        return false;
      }
      for (Pred p : preds) {
        if (p.test(v, e)) {
          return true;
        }
      }
      return false;
    }

    @Override
    int cost() {
      int cost = 0;
      for (Pred p : preds) {
        cost += p instanceof RegexPred ? 40 : 8;
      }
      return field == null ? cost * 10 : cost;
    }
  }

  /** The field is absent or null. */
  static final class IsNull extends Node {
    private final String field;

    IsNull(String field) {
      this.field = field;
    }

    @Override
    boolean test(MatchContext c) {
      return c.event.get(field) == null;
    }

    @Override
    int cost() {
      return 1;
    }
  }

  /** The field is present, or absent. */
  static final class Exists extends Node {
    private final String field;
    private final boolean wanted;

    Exists(String field, boolean wanted) {
      this.field = field;
      this.wanted = wanted;
    }

    @Override
    boolean test(MatchContext c) {
      return c.event.has(field) == wanted;
    }

    @Override
    int cost() {
      return 1;
    }
  }
}
