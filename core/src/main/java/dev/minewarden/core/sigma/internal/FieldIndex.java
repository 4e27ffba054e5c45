package dev.minewarden.core.sigma.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every case-insensitive literal test that the compiled rules make on one field (or on all string
 * values, for keywords), merged: one hash table for equality, one trie for prefixes, one for
 * suffixes and one Aho-Corasick automaton for substrings. Scanning a value once sets a bit for each
 * test it passes, which the rules then read. Built once; scans allocate nothing.
 */
final class FieldIndex {
  final String field;
  final int slot;
  private final Map<StrPred, Integer> atoms = new LinkedHashMap<>();
  private int base;
  /** The shortest test text: a shorter value passes no test, so it is not scanned. */
  private int minLength;
  private EqTable equals;
  private CharTrie prefixes;
  private CharTrie suffixes;
  private CharTrie contains;

  FieldIndex(String field, int slot) {
    this.field = field;
    this.slot = slot;
  }

  /** The id of a test, registering it on first use. */
  int atom(StrPred p) {
    return atoms.computeIfAbsent(p, k -> atoms.size());
  }

  int size() {
    return atoms.size();
  }

  /** Builds the matchers; bits of this field start at {@code base} (a multiple of 64). */
  void build(int base) {
    this.base = base;
    this.minLength = atoms.keySet().stream().mapToInt(p -> p.text().length()).min().orElse(0);
    CharClasses classes = new CharClasses(atoms.keySet().stream().map(StrPred::text).toList());
    equals = kind(StrPred.Kind.EQUALS, (keys, ids) -> new EqTable(keys, ids));
    prefixes = kind(StrPred.Kind.PREFIX, (keys, ids) -> CharTrie.trie(classes, keys, ids));
    suffixes =
        kind(StrPred.Kind.SUFFIX, (keys, ids) -> CharTrie.trie(classes, CharTrie.reversed(keys), ids));
    contains = kind(StrPred.Kind.CONTAINS, (keys, ids) -> CharTrie.automaton(classes, keys, ids));
  }

  private <T> T kind(StrPred.Kind kind, java.util.function.BiFunction<List<String>, int[], T> make) {
    List<String> keys = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    atoms.forEach(
        (p, id) -> {
          if (p.kind() == kind) {
            keys.add(p.text());
            ids.add(id);
          }
        });
    return keys.isEmpty() ? null : make.apply(keys, ids.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The first bit of this field. */
  int base() {
    return base;
  }

  /** Words of the bit array this field uses. */
  int words() {
    return (atoms.size() + 63) >>> 6;
  }

  /** Whether every test is an equality, so a number can be looked up by value. */
  boolean equalsOnly() {
    return prefixes == null && suffixes == null && contains == null;
  }

  /**
   * Sets the bits of every test the decimal text of {@code n} passes; only for an {@link
   * #equalsOnly} field.
   */
  void scanNumber(long n, long[] bits) {
    if (equals != null) {
      equals.lookup(n, bits, base);
    }
  }

  /** Sets the bits of every test {@code s} passes; {@code buf} is scratch space of any length. */
  void scan(String s, long[] bits, char[] buf) {
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
  }
}
