package dev.minewarden.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EndpointTest {

  private static Endpoint endpoint(String hex, int port) {
    byte[] b = HexFormat.of().parseHex(hex);
    return Endpoint.of(b, b.length, port);
  }

  @Test
  void address_ipv4AndIpv6Text() {
    assertThat(endpoint("cb007107", 3333)).hasToString("203.0.113.7:3333");
    assertThat(endpoint("ffffffff", 1).address()).isEqualTo("255.255.255.255");
    assertThat(endpoint("20010db8000000000000000000000007", 443)).hasToString("[2001:db8::7]:443");
    assertThat(endpoint("20010db8000000000001000000000000", 80).address())
        .isEqualTo("2001:db8:0:0:1::");
    assertThat(endpoint("00000000000000000000000000000000", 80).address()).isEqualTo("::");
  }

  @Test
  void address_ipv4MappedStaysIpv6() {
    // On the wire a mapped address is an IPv6 packet; it keeps its IPv6 form.
    assertThat(endpoint("00000000000000000000ffffcb007107", 3333).address())
        .isEqualTo("::ffff:cb00:7107");
  }
}
