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
 * them, and their {@code cidr} tests, are merged per field into {@link FieldIndex}es, so one event
 * scans each field at most once however many rules look at it, and each rule then reads a few
 * bits. Everything else (regular expressions, wildcard patterns, numbers...) is tested on the
 * value directly.
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
  /** Rules with no trigger, evaluated on every event: one bit per rule. */
  private final long[] always;
  /** For each bit, the rules it triggers. */
  private final int[][] postings;
  /** Per word, the bits that trigger some rule. */
  private final long[] triggerMasks;
  private final int[] triggerSlots;
  /** Per bit: how many rules test it, for {@link #chance}. */
  private final int[] ruleUses;

  private RuleEngine(List<Expr> conditions, List<RuleInfo> infos) {
    for (Expr e : conditions) {
      register(e);
    }
    int bit = 0;
    for (FieldIndex f : fields.values()) {
      f.place(bit);
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
    this.always = new long[(nodes.length + 63) >>> 6];
    this.postings = new int[words * 64][];
    this.triggerMasks = new long[words];
    this.ruleUses = ruleUses();
    this.triggerSlots = indexTriggers();
    for (FieldIndex f : slots) {
      f.build(id -> postings[f.base() + id] != null);
    }
    for (Node n : nodes) {
      n.visit(x -> {
        if (x instanceof Node.AnyBits b) {
          b.bind(slots[b.slot()]);
        }
      });
    }
    this.contexts = ThreadLocal.withInitial(() -> new MatchContext(slots, words, nodes.length));
  }

  /** Per bit: how many rules test it anywhere in their condition. */
  private int[] ruleUses() {
    int[] uses = new int[words * 64];
    for (Node n : nodes) {
      java.util.BitSet seen = new java.util.BitSet();
      n.visit(x -> {
        if (x instanceof Node.AnyBits b) {
          for (int bit : b.trigger(i -> 1)) {
            if (!seen.get(bit)) {
              seen.set(bit);
              uses[bit]++;
            }
          }
        }
      });
    }
    return uses;
  }

  /**
   * How a rule's trigger is weighed when it is the only one to scan a field's text: scanning every
   * event's value for one rule costs about as much as evaluating that rule on a tenth of the
   * events. An sshd rule that asks for {@code event.action} (looked up in a table, as every other
   * sshd rule's trigger is) and {@code message|contains: '[preauth]'} is then selected by the
   * action, and no sshd message is scanned at all.
   */
  private static final double LONE_TEXT_SCAN = 0.1;

  /**
   * Each rule's trigger: the tests of which an event must pass one for the rule to be evaluated,
   * chosen by {@link #chance}; then, for a rule whose trigger is the only one to scan some field's
   * text (substring, prefix or suffix tests), chosen again with that scan weighed in.
   */
  private int[][] chooseTriggers() {
    int[][] chosen = new int[nodes.length][];
    int[] textTriggers = new int[slots.length];
    for (int r = 0; r < nodes.length; r++) {
      chosen[r] = nodes[r].trigger(this::chance);
      for (int slot : textSlots(chosen[r])) {
        textTriggers[slot]++;
      }
    }
    for (int r = 0; r < nodes.length; r++) {
      boolean lone = false;
      for (int slot : textSlots(chosen[r])) {
        lone |= textTriggers[slot] == 1;
      }
      if (lone) {
        chosen[r] = nodes[r].trigger(b -> chance(b)
            + (isText(b) && textTriggers[slotOf(b)] == 1 ? LONE_TEXT_SCAN : 0));
      }
    }
    return chosen;
  }

  /** The slots whose text a trigger's bits scan (none for a null trigger), each once. */
  private int[] textSlots(int[] trigger) {
    if (trigger == null) {
      return new int[0];
    }
    return java.util.Arrays.stream(trigger).filter(this::isText).map(this::slotOf).distinct()
        .toArray();
  }

  /** Whether a bit's test reads a value's text: a substring, prefix or suffix. */
  private boolean isText(int bit) {
    FieldIndex f = slots[slotOf(bit)];
    return f.atomAt(bit - f.base()) instanceof StrPred p && p.kind() != StrPred.Kind.EQUALS;
  }

  /** Fills the trigger postings; returns the slots holding trigger bits. */
  private int[] indexTriggers() {
    boolean[] slotUsed = new boolean[slots.length];
    int[][] triggers = chooseTriggers();
    for (int r = 0; r < nodes.length; r++) {
      int[] t = triggers[r];
      if (t == null) {
        always[r >>> 6] |= 1L << r;
        continue;
      }
      for (int b : t) {
        int[] p = postings[b];
        if (p == null || p[p.length - 1] != r) {
          postings[b] = p == null ? new int[] {r} : append(p, r);
        }
        triggerMasks[b >>> 6] |= 1L << b;
        slotUsed[slotOf(b)] = true;
      }
    }
    return java.util.stream.IntStream.range(0, slots.length).filter(i -> slotUsed[i]).toArray();
  }

  /**
   * A rough share of events whose value passes the test of a bit, from the test and its use: short
   * substrings are everywhere, long ones rare; anchored tests are rarer than substrings; whole
   * values rarer still, but a short one such as {@code EXECVE} may be a field's usual value;
   * networks by their size; and any test the more likely the more rules share it.
   */
  private double chance(int bit) {
    // A test that many rules share, such as auditd's type: EXECVE (28 SigmaHQ rules), tells the
    // kind of event more than it singles out a rare one: the more rules use it, the more events
    // it likely passes. A rule is then selected by the test of its own, a0: getcap say.
    return Math.min(1, testChance(bit) * Math.max(1, ruleUses[bit]));
  }

  private double testChance(int bit) {
    FieldIndex f = slots[slotOf(bit)];
    Pred atom = f.atomAt(bit - f.base());
    if (atom instanceof CidrPred c) {
      return c.chance();
    }
    StrPred p = (StrPred) atom;
    int n = p.text().length();
    return switch (p.kind()) {
      case CONTAINS -> n <= 1 ? 1 : Math.pow(0.25, n - 1);
      case PREFIX, SUFFIX -> n == 0 ? 1 : Math.pow(0.2, n);
      // A number of three digits or more (a port, an id) is one value among thousands, a
      // two-digit one less so, and the likes of 0 and 1 are everywhere. A short word may be a
      // field's usual value (ACCEPT, tty), more so when rules share it: a flow rule's six Stratum
      // ports must select it, not its Action: ACCEPT, which nine flows in ten pass.
      case EQUALS -> !isDigits(p.text()) || n < 2 ? (n <= 8 ? 0.05 : 0.02) : n >= 3 ? 0.002 : 0.01;
    };
  }

  private static boolean isDigits(String s) {
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static int[] append(int[] a, int v) {
    int[] b = java.util.Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }

  private int slotOf(int bit) {
    for (FieldIndex f : slots) {
      if (bit >= f.base() && bit < f.base() + f.words() * 64) {
        return f.slot;
      }
    }
    throw new IllegalStateException("bit " + bit + " belongs to no field");
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
      markCandidates(c);
      long[] cand = c.candidates;
      for (int w = 0; w < cand.length; w++) {
        long x = cand[w];
        while (x != 0) {
          int i = (w << 6) + Long.numberOfTrailingZeros(x);
          x &= x - 1;
          if (nodes[i].test(c)) {
            out.accept(Alert.of(infos[i], event));
          }
        }
      }
    } finally {
      c.event = null; // do not keep the last event reachable from a thread-local
    }
  }

  /** Scans the trigger fields and marks the rules whose trigger bits the event set. */
  private void markCandidates(MatchContext c) {
    long[] bits = c.bits;
    long[] cand = c.candidates;
    System.arraycopy(always, 0, cand, 0, cand.length);
    for (int s : c.present(triggerSlots)) {
      c.ensure(s);
      FieldIndex f = slots[s];
      int from = f.base() >>> 6;
      for (int w = from, end = from + f.words(); w < end; w++) {
        long x = bits[w] & triggerMasks[w];
        while (x != 0) {
          int b = (w << 6) + Long.numberOfTrailingZeros(x);
          x &= x - 1;
          for (int r : postings[b]) {
            cand[r >>> 6] |= 1L << r;
          }
        }
      }
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

  /**
   * Substring tests one of which must pass before a wildcard pattern or regular expression can
   * match, or an empty list. Most values pass none, so the pattern itself rarely runs.
   */
  private static List<StrPred> guard(Pred p) {
    if (p instanceof GlobPred g && !g.cased()) {
      String lit = g.requiredLiteral();
      if (lit.length() >= 2) {
        return List.of(new StrPred(StrPred.Kind.CONTAINS, lit, false));
      }
    }
    if (p instanceof RegexPred r) {
      List<String> lits = r.requiredLiterals();
      if (!lits.isEmpty() && lits.stream().allMatch(l -> l.length() >= 2)) {
        return lits.stream().map(l -> new StrPred(StrPred.Kind.CONTAINS, l, false)).toList();
      }
    }
    return List.of();
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
          if (FieldIndex.indexable(p)) {
            index(v.field()).atom(p);
          } else {
            guard(p).forEach(q -> index(v.field()).atom(q));
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
      if (FieldIndex.indexable(p)) {
        f = index(field);
        atoms.add(f.atom(p));
      } else {
        generic.add(p);
      }
    }
    List<Node> parts = new ArrayList<>(2);
    if (f != null) {
      parts.add(new Node.AnyBits(f.slot, f.base(), atoms.stream().mapToInt(i -> i).toArray()));
    }
    List<Pred> unguarded = new ArrayList<>();
    for (Pred p : generic) {
      List<StrPred> g = guard(p);
      if (g.isEmpty()) {
        unguarded.add(p);
      } else {
        FieldIndex gf = index(field);
        Node bit = new Node.AnyBits(gf.slot, gf.base(), g.stream().mapToInt(gf::atom).toArray());
        parts.add(new Node.And(List.of(bit, new Node.Generic(field, List.of(p)))));
      }
    }
    if (!unguarded.isEmpty()) {
      parts.add(new Node.Generic(field, unguarded));
    }
    return parts.size() == 1 ? parts.get(0) : new Node.Or(parts);
  }
}
