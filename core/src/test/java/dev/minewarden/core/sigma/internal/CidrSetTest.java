package dev.minewarden.core.sigma.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CidrSetTest {
  private static final int BASE = 128;

  @Test
  void setsTheBitsOfExactlyTheNetworksEachTestAccepts() {
    Random rnd = new Random(11);
    for (int round = 0; round < 200; round++) {
      List<CidrPred> nets = new ArrayList<>();
      int n = 1 + rnd.nextInt(40);
      for (int i = 0; i < n; i++) {
        nets.add(CidrPred.parse(rnd.nextInt(6) == 0 ? randomV6Network(rnd) : randomV4Network(rnd)));
      }
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = i * 3 + 1; // ids need not be dense or start at zero
      }
      CidrSet set = new CidrSet(nets, ids);
      for (int k = 0; k < 300; k++) {
        String value = randomAddressNear(rnd, nets.get(rnd.nextInt(n)));
        long[] bits = new long[8];
        set.scan(value, bits, BASE);
        BitSet expected = new BitSet();
        for (int i = 0; i < n; i++) {
          if (nets.get(i).test(value, null)) {
            expected.set(BASE + ids[i]);
          }
        }
        assertThat(BitSet.valueOf(bits)).as("%s in %s", value, nets).isEqualTo(expected);
        long v4 = IpAddresses.plainV4(value);
        if (v4 >= 0) {
          long[] fast = new long[8];
          set.scanV4((int) v4, fast, BASE);
          assertThat(fast).as(value).isEqualTo(bits);
        }
      }
    }
  }

  @Test
  void equalNetworksWrittenDifferentlyAreOneTest() {
    assertThat(CidrPred.parse("10.1.2.3/8")).isEqualTo(CidrPred.parse("10.0.0.0/8"))
        .hasSameHashCodeAs(CidrPred.parse("10.0.0.0/8"));
    assertThat(CidrPred.parse("10.0.0.0/8")).isNotEqualTo(CidrPred.parse("10.0.0.0/9"));
    assertThat(CidrPred.parse("203.0.113.0/24").chance())
        .isLessThan(CidrPred.parse("10.0.0.0/8").chance());
  }

  private static String randomV4Network(Random rnd) {
    return rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "."
        + rnd.nextInt(256) + "/" + rnd.nextInt(33);
  }

  private static String randomV6Network(Random rnd) {
    return "2001:db8:" + Integer.toHexString(rnd.nextInt(0x10000)) + "::/" + (16 + rnd.nextInt(113));
  }

  /** An address inside or just outside a network, in the many spellings values come in. */
  private static String randomAddressNear(Random rnd, CidrPred net) {
    if (!net.isV4()) {
      return "2001:db8:" + Integer.toHexString(rnd.nextInt(0x10000)) + "::" + rnd.nextInt(9);
    }
    int a = net.net4() | (rnd.nextInt() & ~net.mask4());
    if (rnd.nextInt(4) == 0) {
      a ^= 1 << rnd.nextInt(32);
    }
    String quad = (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
    return switch (rnd.nextInt(8)) {
      case 0 -> "::ffff:" + quad;
      case 1 -> quad.replaceFirst("^(\\d)\\.", "00$1.");
      case 2 -> " " + quad;
      case 3 -> quad + ".1";
      case 4 -> "";
      default -> quad;
    };
  }
}
