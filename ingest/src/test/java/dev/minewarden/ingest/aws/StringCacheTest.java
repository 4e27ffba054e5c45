package dev.minewarden.ingest.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringCacheTest {
  @Test
  void get_givesTheDecodedTextOfEveryKey_andTheSameStringForARepeatedOne() {
    StringCache cache = new StringCache();
    Random r = new Random(20261127);
    // Interface ids of every length around the word size, thousands of them in turn, so slots
    // collide and are replaced; now and then a byte that is no valid UTF-8.
    byte[][] keys = new byte[5000][];
    for (int i = 0; i < keys.length; i++) {
      String id = "eni-" + String.format("%016x", r.nextLong()).substring(0, 1 + r.nextInt(16));
      byte[] k = id.getBytes(StandardCharsets.US_ASCII);
      if (r.nextInt(50) == 0) {
        k[k.length - 1] = (byte) 0xC3;
      }
      keys[i] = k;
    }
    for (int round = 0; round < 50_000; round++) {
      byte[] k = keys[r.nextInt(round < 25_000 ? 300 : keys.length)];
      byte[] line = new byte[k.length + 6]; // the key inside a longer line
      System.arraycopy(k, 0, line, 3, k.length);
      String s = cache.get(line, 3, 3 + k.length);
      assertThat(s).as("round %s", round).isEqualTo(new String(k, StandardCharsets.UTF_8));
      assertThat(cache.get(line, 3, 3 + k.length)).as("again, round %s", round).isSameAs(s);
    }
  }
}
