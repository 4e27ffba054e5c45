package dev.minewarden.core.sigma.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CharTrieTest {
  /** A small alphabet, so patterns overlap and share prefixes and the failure links matter. */
  private static final String ALPHABET = "abAB/-. 0é";

  @Test
  void automaton_findsWhatANaiveSearchFinds() {
    Random r = new Random(20261127);
    for (int round = 0; round < 400; round++) {
      List<String> patterns = new ArrayList<>();
      int count = 1 + r.nextInt(round < 200 ? 8 : 150);
      for (int i = 0; i < count; i++) {
        patterns.add(Fold.fold(random(r, 1 + r.nextInt(6))));
      }
      // Ids spread over several 64-bit words, some shared by two patterns, from a base past word 0.
      int[] ids = IntStream.range(0, count).map(i -> (i * 37) % (count + 70)).toArray();
      CharTrie trie = CharTrie.automaton(new CharClasses(patterns), patterns, ids);
      for (int t = 0; t < 20; t++) {
        String text = random(r, r.nextInt(t == 0 ? 9000 : 60));
        long[] bits = new long[6];
        trie.contained(text, new char[4096], bits, 64);
        long[] expected = new long[6];
        int firstEnd = -1;
        String folded = Fold.fold(text);
        for (int i = 0; i < count; i++) {
          int at = folded.indexOf(patterns.get(i));
          if (at >= 0) {
            int id = 64 + ids[i];
            expected[id >>> 6] |= 1L << id;
            int end = at + patterns.get(i).length();
            firstEnd = firstEnd < 0 ? end : Math.min(firstEnd, end);
          }
        }
        assertThat(bits).as("round %d, %s in %s", round, patterns, text).isEqualTo(expected);
        assertThat(trie.firstEnd(text)).as("first end, round %d", round).isEqualTo(firstEnd);
      }
    }
  }

  private static String random(Random r, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
