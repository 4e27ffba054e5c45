package dev.minewarden.core.sigma.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CidrPredTest {
  @Test
  void plainV4_agreesWithTheGeneralParser() {
    Random rnd = new Random(7);
    String alphabet = "0123456789.:x";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + rnd.nextInt(17);
      for (int k = 0; k < n; k++) {
        sb.append(alphabet.charAt(rnd.nextInt(rnd.nextInt(4) == 0 ? alphabet.length() : 11)));
      }
      String s = sb.toString();
      long fast = IpAddresses.plainV4(s);
      byte[] bytes = ("x" + s + "y").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(dev.minewarden.core.event.DottedQuad.parse(bytes, 1, bytes.length - 1))
          .as("bytes of %s", s).isEqualTo(fast);
      // A parser reading the address as it splits the line: the whole token, exactly when plain.
      byte[] line = ("x" + s + " y").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      long prefix = dev.minewarden.core.event.DottedQuad.prefix(line, 1, line.length);
      boolean whole = prefix >= 0 && (int) (prefix >>> 32) == s.length();
      assertThat(whole ? prefix & 0xFFFF_FFFFL : -1L).as("prefix of %s", s).isEqualTo(fast);
      byte[] slow = IpAddresses.parse(s);
      if (fast >= 0) {
        assertThat(slow).as(s).isNotNull().hasSize(4);
        long v = (slow[0] & 0xFFL) << 24 | (slow[1] & 0xFF) << 16 | (slow[2] & 0xFF) << 8 | (slow[3] & 0xFF);
        assertThat(fast).as(s).isEqualTo(v);
      } else if (s.length() >= 7 && s.length() <= 15 && s.chars().allMatch(c -> c == '.' || Character.isDigit(c))
          && !s.matches("(.*\\.)?0[0-9].*")) {
        assertThat(slow).as(s).isNull(); // refused for another reason than a leading zero
      }
    }
  }

  @Test
  void test_networksOfEveryPrefixLength() {
    List<String> values = List.of("203.0.113.7", "203.0.112.255", "10.1.2.3", "0.0.0.0", "255.255.255.255",
        "203.000.113.007", "::ffff:203.0.113.7", "::ffff:cb00:7107", "2001:db8::1", "not an ip", "1.2.3");
    for (int prefix = 0; prefix <= 32; prefix++) {
      CidrPred p = CidrPred.parse("203.0.113.7/" + prefix);
      for (String v : values) {
        byte[] a = IpAddresses.parse(v);
        boolean expected = false;
        if (a != null) {
          byte[] four = a.length == 4 ? a : IpAddresses.unmapV4(a, 4);
          if (four != null) {
            long x = (four[0] & 0xFFL) << 24 | (four[1] & 0xFF) << 16 | (four[2] & 0xFF) << 8 | (four[3] & 0xFF);
            long net = 203L << 24 | 113 << 8 | 7;
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            expected = (x & mask) == (net & mask);
          }
        }
        assertThat(p.test(v, null)).as(v + " in /" + prefix).isEqualTo(expected);
      }
    }
  }
}
