package dev.minewarden.core.sigma.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScanCacheTest {
  private static final String ALPHABET = "abAB/-. 0";

  @Test
  void scan_setsWhatAnUncachedScanSets_onTopOfTheBitsAlreadySet() {
    Random r = new Random(20261127);
    for (int round = 0; round < 40; round++) {
      FieldIndex f = new FieldIndex("CommandLine", 0);
      int tests = 1 + r.nextInt(150);
      for (int i = 0; i < tests; i++) {
        String text = Fold.fold(random(r, 1 + r.nextInt(5)));
        StrPred.Kind kind = StrPred.Kind.values()[r.nextInt(4)];
        f.atom(new StrPred(i % 3 == 0 ? StrPred.Kind.CONTAINS : kind, text, false));
      }
      f.atom(new StrPred(StrPred.Kind.CONTAINS, "aaaa", false));
      f.atom(new StrPred(StrPred.Kind.CONTAINS, "bbbb", false));
      f.place(64); // the field's bits start in the second word
      f.build(id -> id % 2 == 0);
      // One cache per set of matchers, as each thread's MatchContext keeps them.
      ScanCache triggerCache = new ScanCache(f.words());
      ScanCache fullCache = new ScanCache(f.words());
      // Few distinct values, so they come back, and more than the cache holds, so slots are
      // taken over and values that share a slot must not be mistaken for one another.
      List<String> values = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        values.add(random(r, r.nextInt(40)));
      }
      // Strings of the blocks "Aa" and "BB" all have one hash for each length: only their text
      // tells them apart.
      for (int i = 0; i < 100; i++) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 6; k++) {
          sb.append(r.nextBoolean() ? "Aa" : "BB");
        }
        values.add(sb.toString());
      }
      for (int t = 0; t < 3_000; t++) {
        String s = values.get(r.nextInt(values.size()));
        String copy = new String(s.toCharArray()); // equal, another object, as a parser makes it
        boolean all = r.nextBoolean();
        long[] before = new long[1 + f.words() + 1];
        for (int w = 1; w <= f.words(); w++) {
          before[w] = r.nextInt(4) == 0 ? r.nextLong() : 0;
        }
        long[] expected = before.clone();
        f.scan(copy, expected, new char[16], all);
        long[] actual = before.clone();
        (all ? fullCache : triggerCache).scan(f, t % 2 == 0 ? s : copy, actual, new char[16], all);
        assertThat(actual).as("round %d, value %s, all %s", round, s, all)
            .containsExactly(expected);
      }
    }
  }

  private static String random(Random r, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
