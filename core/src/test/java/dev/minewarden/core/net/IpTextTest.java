package dev.minewarden.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IpTextTest {

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  @Test
  void ipv4_fromIntAndBytes() {
    assertThat(IpText.ipv4(0xC0A80105)).isEqualTo("192.168.1.5");
    assertThat(IpText.ipv4(0xFFFFFFFF)).isEqualTo("255.255.255.255");
    assertThat(IpText.ipv4(0)).isEqualTo("0.0.0.0");
    assertThat(IpText.ipv4(bytes("00c0a80105"), 1)).isEqualTo("192.168.1.5");
    assertThat(IpText.ipv4(bytes("ff000a00"), 0)).isEqualTo("255.0.10.0");
  }

  @Test
  void ipv6_rfc5952Forms() {
    assertThat(IpText.ipv6(bytes("00000000000000000000000000000000"), 0)).isEqualTo("::");
    assertThat(IpText.ipv6(bytes("00000000000000000000000000000001"), 0)).isEqualTo("::1");
    assertThat(IpText.ipv6(bytes("20010db8000000000000000000000001"), 0)).isEqualTo("2001:db8::1");
    assertThat(IpText.ipv6(bytes("20010db8000000000000000000000000"), 0)).isEqualTo("2001:db8::");
    // A single zero group is not shortened.
    assertThat(IpText.ipv6(bytes("20010db8000000010001000100010001"), 0))
        .isEqualTo("2001:db8:0:1:1:1:1:1");
    // Of two equally long runs the first one is shortened.
    assertThat(IpText.ipv6(bytes("20010db8000000000001000000000001"), 0))
        .isEqualTo("2001:db8::1:0:0:1");
    // The longer run wins even when it comes second.
    assertThat(IpText.ipv6(bytes("20010000000000010000000000000001"), 0))
        .isEqualTo("2001:0:0:1::1");
    assertThat(IpText.ipv6(bytes("FE80000000000000ABCDEF0012345678"), 0))
        .isEqualTo("fe80::abcd:ef00:1234:5678");
  }

  @Test
  void ipv6_atOffsetAndFromLongs() {
    byte[] b = bytes("aaaa20010db8000000000000000000000001");
    assertThat(IpText.ipv6(b, 2)).isEqualTo("2001:db8::1");
    ByteBuffer buf = ByteBuffer.wrap(b, 2, 16);
    assertThat(IpText.ipv6(buf.getLong(), buf.getLong())).isEqualTo("2001:db8::1");
  }

  @Test
  void ipv6_mappedKeptInHexButShownAsIpv4WhenAsked() {
    byte[] mapped = bytes("00000000000000000000ffffc0000201");
    assertThat(IpText.ipv6(mapped, 0)).isEqualTo("::ffff:c000:201");
    assertThat(IpText.ipv6OrMappedIpv4(mapped, 0)).isEqualTo("192.0.2.1");
    // IPv4-compatible (::a.b.c.d) and near-miss prefixes are not mapped addresses.
    assertThat(IpText.ipv6OrMappedIpv4(bytes("000000000000000000000000c0000201"), 0))
        .isEqualTo("::c000:201");
    assertThat(IpText.ipv6OrMappedIpv4(bytes("00000000000000000001ffffc0000201"), 0))
        .isEqualTo("::1:ffff:c000:201");
    assertThat(IpText.ipv6OrMappedIpv4(bytes("0000000000000000000000ffc0000201"), 0))
        .isEqualTo("::ff:c000:201");
  }

  @Test
  void procNetHex_littleEndianWords() {
    assertThat(IpText.procNetHex("0100007F")).isEqualTo("127.0.0.1");
    assertThat(IpText.procNetHex("00000000")).isEqualTo("0.0.0.0");
    assertThat(IpText.procNetHex("00000000000000000000000001000000")).isEqualTo("::1");
    assertThat(IpText.procNetHex("B80D0120000000000100000000000000")).isEqualTo("2001:db8::1:0:0");
    assertThat(IpText.procNetHex("b80d0120000000000000000001000000")).isEqualTo("2001:db8::1");
    assertThat(IpText.procNetHex("0000000000000000FFFF00000100007F")).isEqualTo("127.0.0.1");
  }

  @Test
  void procNetHex_rejectsWrongLengthsAndNonHex() {
    assertThat(IpText.procNetHex("")).isNull();
    assertThat(IpText.procNetHex("0100007")).isNull();
    assertThat(IpText.procNetHex("0100007F0")).isNull();
    assertThat(IpText.procNetHex("0100007G")).isNull();
    assertThat(IpText.procNetHex("-100007F")).isNull();
    assertThat(IpText.procNetHex("0000000000000000FFFF00000100007")).isNull();
    assertThat(IpText.procNetHex("0000000000000000FFFF0000 100007F")).isNull();
  }

  /** Random addresses, heavy in zero groups, read back as literals give the same bytes. */
  @Test
  void ipv6_roundTripsThroughTheJdkLiteralParser() throws Exception {
    Random random = new Random(5952);
    for (int n = 0; n < 20_000; n++) {
      byte[] b = new byte[16];
      for (int g = 0; g < 8; g++) {
        if (random.nextInt(3) != 0) {
          int v = random.nextBoolean() ? random.nextInt(16) : random.nextInt(0x10000);
          b[2 * g] = (byte) (v >>> 8);
          b[2 * g + 1] = (byte) v;
        }
      }
      String text = IpText.ipv6(b, 0);
      // A literal never triggers a lookup; getByName returns IPv4 for mapped literals.
      byte[] back = InetAddress.getByName(text).getAddress();
      if (back.length == 4) {
        assertThat(b).startsWith(bytes("00000000000000000000ffff")).endsWith(back);
      } else {
        assertThat(back).as(text).isEqualTo(b);
      }
      assertThat(text).as("at most one ::").doesNotContain(":::");
      assertThat(text.indexOf("::")).isEqualTo(text.lastIndexOf("::"));
      assertThat(text).as("no leading zeros").doesNotMatch(".*(^|:)0[0-9a-f].*");
    }
  }
}
