package dev.minewarden.core.sigma.internal;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.rules.RuleInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A set of detection conditions compiled together: the case-insensitive literal tests of all of
 * them are merged per field into {@link FieldIndex}es, so one event scans each field at most once
 * however many rules look at it, and each rule then reads a few bits. Everything else (regular
 * expressions, wildcard patterns, CIDR, numbers...) is tested on the value directly.
 *
 * <p>Thread-safe: each thread gets its own {@link MatchContext}.
 */
public final class RuleEngine {
  private static final String KEYWORDS = "\u0000keywords";
  private final Map<String, FieldIndex> fields = new LinkedHashMap<>();
  private final Node[] nodes;
  private final RuleInfo[] infos;
  private final FieldIndex[] slots;
  private final int words;
  private final ThreadLocal<MatchContext> contexts;

  private RuleEngine(List<Expr> conditions, List<RuleInfo> infos) {
    for (Expr e : conditions) {
      register(e);
    }
    int bit = 0;
    for (FieldIndex f : fields.values()) {
      f.build(bit);
      bit += f.words() * 64;
    }
    this.words = bit >>> 6;
    this.slots = fields.values().toArray(FieldIndex[]::new);
    List<Node> compiled = new ArrayList<>(conditions.size());
    for (Expr e : conditions) {
      compiled.add(node(e));
    }
    this.nodes = compiled.toArray(Node[]::new);
    this.infos = infos.toArray(RuleInfo[]::new);
    this.contexts = ThreadLocal.withInitial(() -> new MatchContext(slots, words));
  }

  /**
   * Compiles conditions; condition {@code i} raises alerts of rule {@code infos.get(i)}.
   *
   * @param conditions the conditions, with any filters already folded in
   * @param infos the rule of each condition
   */
  public static RuleEngine compile(List<Expr> conditions, List<RuleInfo> infos) {
    if (conditions.size() != infos.size()) {
      throw new IllegalArgumentException(
          conditions.size() + " conditions but " + infos.size() + " rules");
    }
    return new RuleEngine(conditions, infos);
  }

  /** Emits an alert for every condition the event satisfies, in compile order. */
  public void match(Event event, Consumer<Alert> out) {
    MatchContext c = contexts.get();
    c.start(event);
    try {
      for (int i = 0; i < nodes.length; i++) {
        if (nodes[i].test(c)) {
          out.accept(Alert.of(infos[i], event));
        }
      }
    } finally {
      c.event = null; // do not keep the last event reachable from a thread-local
    }
  }

  /** How many conditions were compiled. */
  public int size() {
    return nodes.length;
  }

  private FieldIndex index(String field) {
    String key = field == null ? KEYWORDS : field;
    return fields.computeIfAbsent(key, k -> new FieldIndex(field, fields.size()));
  }

  private static boolean indexable(Pred p) {
    return p instanceof StrPred s && !s.cased();
  }

  private void register(Expr e) {
    if (e instanceof Expr.And a) {
      a.items().forEach(this::register);
    } else if (e instanceof Expr.Or o) {
      o.items().forEach(this::register);
    } else if (e instanceof Expr.Not n) {
      register(n.item());
    } else if (e instanceof Expr.ValueTest v) {
      for (List<Pred> g : v.groups()) {
        for (Pred p : g) {
          if (indexable(p)) {
            index(v.field()).atom((StrPred) p);
          }
        }
      }
    }
  }

  private Node node(Expr e) {
    if (e instanceof Expr.And a) {
      return new Node.And(a.items().stream().map(this::node).toList());
    } else if (e instanceof Expr.Or o) {
      return new Node.Or(o.items().stream().map(this::node).toList());
    } else if (e instanceof Expr.Not n) {
      return new Node.Not(node(n.item()));
    } else if (e instanceof Expr.Const k) {
      return new Node.Const(k.value());
    } else if (e instanceof Expr.NullTest t) {
      return new Node.IsNull(t.field());
    } else if (e instanceof Expr.ExistsTest t) {
      return new Node.Exists(t.field(), t.exists());
    }
    return valueTest((Expr.ValueTest) e);
  }

  private Node valueTest(Expr.ValueTest v) {
    if (!v.all()) {
      return anyOf(v.field(), v.groups().stream().flatMap(List::stream).toList());
    }
    List<Node> each = new ArrayList<>();
    for (List<Pred> g : v.groups()) {
      each.add(anyOf(v.field(), g));
    }
    return each.size() == 1 ? each.get(0) : new Node.And(each);
  }

  private Node anyOf(String field, List<Pred> preds) {
    List<Pred> generic = new ArrayList<>();
    List<Integer> atoms = new ArrayList<>();
    FieldIndex f = null;
    for (Pred p : preds) {
      if (indexable(p)) {
        f = index(field);
        atoms.add(f.atom((StrPred) p));
      } else {
        generic.add(p);
      }
    }
    List<Node> parts = new ArrayList<>(2);
    if (f != null) {
      parts.add(new Node.AnyBits(f.slot, f.base(), atoms.stream().mapToInt(i -> i).toArray()));
    }
    if (!generic.isEmpty()) {
      parts.add(new Node.Generic(field, generic));
    }
    return parts.size() == 1 ? parts.get(0) : new Node.Or(parts);
  }
}
