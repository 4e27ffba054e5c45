package dev.minewarden.core.sigma.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Every case-insensitive literal test and every {@code cidr} test that the compiled rules make on
 * one field (or the literal tests on all string values, for keywords), merged: one hash table for
 * equality, one trie for prefixes, one for suffixes, one Aho-Corasick automaton for substrings and
 * one {@link CidrSet} for networks. Scanning a value once sets a bit for each test it passes, which
 * the rules then read. Built once; scans allocate nothing.
 *
 * <p>The matchers come twice. The <em>trigger</em> set holds only the tests that select candidate
 * rules and is scanned on every event; the <em>full</em> set holds every test and is scanned only
 * when a candidate rule needs a test outside the trigger set. Tests such as {@code ':'} or {@code
 * '-s'}, which nearly every value passes and which only ever narrow a rule down, then cost nothing
 * on the events no rule is interested in.
 */
final class FieldIndex {
  final String field;
  final int slot;
  private final Map<Pred, Integer> atoms = new LinkedHashMap<>();
  private Pred[] byId;
  private int base = -1;
  private Matchers trigger;
  private Matchers full;
  private BitSet triggerAtoms;

  FieldIndex(String field, int slot) {
    this.field = field;
    this.slot = slot;
  }

  /**
   * The id of a test, registering it on first use (before {@link #place}): a case-insensitive
   * {@link StrPred} or a {@link CidrPred}.
   */
  int atom(Pred p) {
    if (!indexable(p)) {
      throw new IllegalArgumentException("not an indexable test: " + p);
    }
    Integer id = atoms.get(p);
    if (id != null) {
      return id;
    }
    if (base >= 0) {
      throw new IllegalStateException("test added after its field was placed: " + p);
    }
    atoms.put(p, atoms.size());
    return atoms.size() - 1;
  }

  /** Whether a test can be an atom: a case-insensitive literal test or a {@code cidr} test. */
  static boolean indexable(Pred p) {
    return p instanceof StrPred s && !s.cased() || p instanceof CidrPred;
  }

  int size() {
    return atoms.size();
  }

  /** The test with an id. */
  Pred atomAt(int id) {
    return byId[id];
  }

  /** Fixes the bits: those of this field start at {@code base} (a multiple of 64). */
  void place(int base) {
    this.base = base;
    byId = new Pred[atoms.size()];
    atoms.forEach((p, i) -> byId[i] = p);
  }

  /** Builds the matchers, given which tests are triggers. */
  void build(IntPredicate isTrigger) {
    triggerAtoms = new BitSet(byId.length);
    for (int i = 0; i < byId.length; i++) {
      if (isTrigger.test(i)) {
        triggerAtoms.set(i);
      }
    }
    full = new Matchers(byId, i -> true);
    trigger = triggerAtoms.cardinality() == byId.length
        ? full
        : new Matchers(byId, triggerAtoms::get);
  }

  /** Whether the trigger scan sets every one of these tests' bits, so no full scan is needed. */
  boolean triggerCovers(int[] ids) {
    for (int id : ids) {
      if (!triggerAtoms.get(id)) {
        return false;
      }
    }
    return true;
  }

  /** The first bit of this field. */
  int base() {
    return base;
  }

  /** Words of the bit array this field uses. */
  int words() {
    return (atoms.size() + 63) >>> 6;
  }

  /** Whether every test is a literal equality, so a number can be looked up by value. */
  boolean equalsOnly() {
    return full.equalsOnly;
  }

  /** Sets the bits of the tests the decimal text of {@code n} passes ({@link #equalsOnly} only). */
  void scanNumber(long n, long[] bits, boolean all) {
    (all ? full : trigger).scanNumber(n, bits, base);
  }

  /**
   * Sets the bits of the tests {@code s} passes: every test, or only the triggers; {@code buf} is
   * scratch space of any length.
   */
  void scan(String s, long[] bits, char[] buf, boolean all) {
    (all ? full : trigger).scan(s, bits, buf, base);
  }

  /**
   * Whether a scan walks an Aho-Corasick automaton over the whole value (the field has substring
   * tests, among all tests or among the triggers): the one scan whose cost grows with the value
   * and is worth remembering.
   */
  boolean scansSubstrings(boolean all) {
    return (all ? full : trigger).contains != null;
  }

  /** Whether every test is a {@code cidr} test, so a value read as an address is all it needs. */
  boolean cidrOnly() {
    return full.cidrOnly;
  }

  /**
   * Sets the bits of the tests that the plain dotted quad with this value passes ({@link
   * #cidrOnly} only): the same bits as {@link #scan} of its text.
   */
  void scanV4(int address, long[] bits, boolean all) {
    (all ? full : trigger).scanV4(address, bits, base);
  }

  /** One set of merged matchers. */
  private static final class Matchers {
    /** The shortest test text: a shorter value passes no test, so it is not scanned. */
    private final int minLength;
    private final EqTable equals;
    private final CharTrie prefixes;
    private final CharTrie suffixes;
    private final CharTrie contains;
    private final CidrSet networks;

    Matchers(Pred[] tests, IntPredicate use) {
      List<StrPred> used = new ArrayList<>();
      List<CidrPred> nets = new ArrayList<>();
      List<Integer> netIds = new ArrayList<>();
      for (int i = 0; i < tests.length; i++) {
        if (use.test(i) && tests[i] instanceof StrPred p) {
          used.add(p);
        } else if (use.test(i) && tests[i] instanceof CidrPred c) {
          nets.add(c);
          netIds.add(i);
        }
      }
      // The shortest address text is "::".
      this.minLength = Math.min(nets.isEmpty() ? Integer.MAX_VALUE : 2,
          used.stream().mapToInt(p -> p.text().length()).min().orElse(Integer.MAX_VALUE));
      this.networks = nets.isEmpty()
          ? null
          : new CidrSet(nets, netIds.stream().mapToInt(Integer::intValue).toArray());
      CharClasses classes = new CharClasses(used.stream().map(StrPred::text).toList());
      equals = kind(tests, use, StrPred.Kind.EQUALS, (keys, ids) -> new EqTable(keys, ids));
      prefixes = kind(tests, use, StrPred.Kind.PREFIX,
          (keys, ids) -> CharTrie.trie(classes, keys, ids));
      suffixes = kind(tests, use, StrPred.Kind.SUFFIX,
          (keys, ids) -> CharTrie.trie(classes, CharTrie.reversed(keys), ids));
      contains = kind(tests, use, StrPred.Kind.CONTAINS,
          (keys, ids) -> CharTrie.automaton(classes, keys, ids));
      boolean noText = prefixes == null && suffixes == null && contains == null;
      equalsOnly = noText && networks == null;
      cidrOnly = noText && equals == null && networks != null;
    }

    private static <T> T kind(Pred[] tests, IntPredicate use, StrPred.Kind kind,
        java.util.function.BiFunction<List<String>, int[], T> make) {
      List<String> keys = new ArrayList<>();
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < tests.length; i++) {
        if (use.test(i) && tests[i] instanceof StrPred p && p.kind() == kind) {
          keys.add(p.text());
          ids.add(i);
        }
      }
      return keys.isEmpty()
          ? null
          : make.apply(keys, ids.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Whether every test is a literal equality (decided once: asked on every scan). */
    final boolean equalsOnly;
    /** Whether every test is a {@code cidr} test. */
    final boolean cidrOnly;

    void scanV4(int address, long[] bits, int base) {
      if (networks != null) {
        networks.scanV4(address, bits, base);
      }
    }

    void scanNumber(long n, long[] bits, int base) {
      if (equals != null) {
        equals.lookup(n, bits, base);
      }
    }

    void scan(String s, long[] bits, char[] buf, int base) {
      if (s.length() < minLength) {
        return;
      }
      if (equals != null) {
        equals.lookup(s, bits, base);
      }
      if (prefixes != null) {
        prefixes.prefixes(s, bits, base);
      }
      if (suffixes != null) {
        suffixes.suffixes(s, bits, base);
      }
      if (contains != null) {
        contains.contained(s, buf, bits, base);
      }
      if (networks != null) {
        networks.scan(s, bits, base);
      }
    }
  }
}
