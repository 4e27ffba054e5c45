package dev.minewarden.host.response;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {
  @Test
  void canonicalIp_acceptsLiteralsOnly() {
    assertThat(Addresses.canonicalIp("10.200.3.2")).isEqualTo("10.200.3.2");
    assertThat(Addresses.canonicalIp("2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
    assertThat(Addresses.canonicalIp("::ffff:1.2.3.4")).isEqualTo("1.2.3.4");
    for (String bad : new String[] {"1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.4 ", "example.com",
        "abc", "1.2.3.4;reboot", "fe80::1%eth0", "", "1.2.3.-4", "::g", "$(id)"}) {
      assertThat(Addresses.canonicalIp(bad)).as(bad).isNull();
    }
  }

  @Test
  void isBlockable_refusesLoopbackAndFriends() {
    assertThat(Addresses.isBlockable(Addresses.parseIp("45.9.148.1"))).isTrue();
    for (String s : new String[] {"127.0.0.1", "::1", "0.0.0.0", "224.0.0.1", "169.254.1.1", "fe80::1"}) {
      assertThat(Addresses.isBlockable(Addresses.parseIp(s))).as(s).isFalse();
    }
  }

  @Test
  void canonicalDomain_strictCharacters() {
    assertThat(Addresses.canonicalDomain("Pool.SupportXMR.com.")).isEqualTo("pool.supportxmr.com");
    assertThat(Addresses.canonicalDomain("xmr_eu.pool.example")).isEqualTo("xmr_eu.pool.example");
    for (String bad : new String[] {"localhost", "pool..example", "-pool.example", "pool.example\n0.0.0.0 x",
        "pool example.com", "pool.example;rm", "1.2.3.4", "a.b/c", "*.pool.example", "x".repeat(64) + ".com"}) {
      assertThat(Addresses.canonicalDomain(bad)).as(bad).isNull();
    }
  }

  @Test
  void inRange_cidrs() {
    assertThat(Addresses.inRange(Addresses.parseIp("10.1.2.3"), "10.0.0.0/8")).isTrue();
    assertThat(Addresses.inRange(Addresses.parseIp("11.1.2.3"), "10.0.0.0/8")).isFalse();
    assertThat(Addresses.inRange(Addresses.parseIp("2001:db8::5"), "2001:db8::/32")).isTrue();
    assertThat(Addresses.inRange(Addresses.parseIp("10.1.2.3"), "10.1.2.3")).isTrue();
    assertThat(Addresses.inRange(Addresses.parseIp("10.1.2.3"), "10.0.0.0/99")).isFalse();
  }

  @Test
  void poolEndpoints_fromMinerArguments() {
    assertThat(PoolEndpoints.from(java.util.List.of("xmrig", "-o", "pool.minexmr.com:4444", "-u", "4A",
        "--url=stratum+tcp://45.9.148.1:3333", "-o=[2001:db8::7]:443", "http://x@y.example/z")))
        .containsExactly("pool.minexmr.com", "45.9.148.1", "2001:db8::7", "y.example");
  }
}
