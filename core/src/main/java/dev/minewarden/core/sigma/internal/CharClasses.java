package dev.minewarden.core.sigma.internal;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Maps the folded chars that occur in a set of patterns to dense class numbers 1..n, every other
 * char to 0, so automata can use small transition tables. Lookups allocate nothing.
 */
final class CharClasses {
  private final int[] ascii = new int[128];
  /** The class of each ASCII char before folding; read directly by hot loops. */
  final int[] rawAscii = new int[128];
  private final char[] others;
  private final int[] otherClass;
  private final int count;

  CharClasses(Iterable<String> foldedPatterns) {
    TreeSet<Character> chars = new TreeSet<>();
    for (String p : foldedPatterns) {
      for (int i = 0; i < p.length(); i++) {
        chars.add(p.charAt(i));
      }
    }
    int next = 1;
    int nonAscii = (int) chars.stream().filter(c -> c >= 128).count();
    others = new char[nonAscii];
    otherClass = new int[nonAscii];
    int k = 0;
    for (char c : chars) {
      if (c < 128) {
        ascii[c] = next++;
      } else {
        others[k] = c;
        otherClass[k++] = next++;
      }
    }
    count = next;
    for (char c = 0; c < 128; c++) {
      rawAscii[c] = ascii[Fold.fold(c)];
    }
  }

  /** Number of classes, including class 0 for chars in no pattern. */
  int count() {
    return count;
  }

  /** The class of a char not yet folded: one table read for ASCII. */
  int ofRaw(char c) {
    return c < 128 ? rawAscii[c] : of(Character.toLowerCase(c));
  }

  /** The class of an already folded char. */
  int of(char folded) {
    if (folded < 128) {
      return ascii[folded];
    }
    int i = Arrays.binarySearch(others, folded);
    return i >= 0 ? otherClass[i] : 0;
  }
}
