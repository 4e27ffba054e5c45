package dev.minewarden.core.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.rules.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttributorTest {
  private final IntelStore store = IntelStore.bundled();
  private final IntelEnricher enricher = new IntelEnricher(store.matcher(Ageing.defaults()), null);
  private final Attributor attributor = new Attributor(store);

  @Test
  void attribute_characteristicBehaviourNamesTheGroup() {
    Alert a = alert("54c2aed8-8a8b-4838-bc92-ac290f19ddc9", "/tmp/kdevtmpfsi", "/tmp/kdevtmpfsi -B");
    Attribution x = attributor.attribute(a).orElseThrow();
    assertThat(x.actor()).isEqualTo("Kinsing");
    assertThat(x.confidence()).isEqualTo(Confidence.MEDIUM);
    assertThat(x.reasons()).anySatisfy(r -> assertThat(r).contains("behaviour", "kdevtmpfsi"));
  }

  @Test
  void attribute_commodityMinerOnAPublicPoolNamesNobody() {
    Alert a = alert("7c438a3e-080a-4561-95e1-ab5aaf279dfa", "/tmp/xmrig",
        "/tmp/xmrig -o stratum+tcp://pool.supportxmr.com:3333 --donate-level 1 -a rx/0");
    assertThat(attributor.evidence(a).isEmpty()).isTrue();
    assertThat(attributor.attribute(a)).isEmpty();
  }

  @Test
  void attribute_tradecraftSharedByGroupsNamesNobody() {
    // ld.so.preload hiding: Kinsing and Rocke both do it, and both list the path
    Alert a = alert("45f2cd32-2b15-4b2b-85bc-13647ebdb5c9", "/usr/bin/bash",
        "bash -c echo /usr/local/lib/libhide.so > /etc/ld.so.preload");
    assertThat(attributor.evidence(a).actors()).contains("Kinsing", "Rocke");
    assertThat(attributor.attribute(a)).isEmpty();
  }

  @Test
  void attribute_infrastructureSharedBetween8220AndTeamTntIsAtMostLow() {
    IntelStore shared = store.toBuilder()
        .add(new Indicator(IndicatorType.DOMAIN, "irc.do-dear.com", "TeamTNT", "infrastructure",
            "maltrail lists it under TeamTNT", List.of("test"), Indicator.UNBOUNDED_START, Indicator.UNBOUNDED_END))
        .build();
    IntelEnricher e = new IntelEnricher(shared.matcher(Ageing.defaults()), null);
    Event flow = e.apply(Event.builder(LogSource.of("linux", "network_connection", null))
        .time(Instant.parse("2026-11-24T03:00:00Z")).host("h").field("DestinationHostname", "irc.do-dear.com")
        .field("DestinationPort", 6667L).build());
    assertThat(flow.get("intel.actor")).isEqualTo(List.of("8220", "TeamTNT"));
    Alert a = Alert.of(rule("0be0b9f3-9166-4e42-8fd7-02a294d5a3aa"), flow);
    Optional<Attribution> x = new Attributor(shared).attribute(a);
    assertThat(x).isEmpty();
  }

  @Test
  void attribute_infrastructureAloneIsNeverMoreThanLow() {
    Event flow = enricher.apply(Event.builder(LogSource.of("linux", "network_connection", null))
        .time(Instant.parse("2020-06-01T00:00:00Z")).host("h").field("DestinationHostname", "givemexyz.in")
        .field("DestinationIp", "205.185.113.151").build());
    Attribution x = attributor.attribute(Alert.of(rule("0be0b9f3-9166-4e42-8fd7-02a294d5a3aa"), flow)).orElseThrow();
    assertThat(x.actor()).isEqualTo("8220");
    assertThat(x.confidence()).isEqualTo(Confidence.LOW);
    assertThat(x.score()).isEqualTo(Attributor.INFRA_CAP);
  }

  @Test
  void attribute_victimsArtefactsInAKillCommandCountForTheEvictorNotTheVictim() {
    Alert a = alert("e8d86825-ee2f-43e1-90af-24de79f88d79", "/usr/bin/pkill",
        "pkill -f kdevtmpfsi; pkill -f kinsing; rm -rf /tmp/kdevtmpfsi /tmp/kinsing /etc/kinsing");
    assertThat(a.event().get("intel.evicts")).isEqualTo(List.of("Kinsing"));
    assertThat(attributor.attribute(a).orElseThrow().actor()).isEqualTo("8220");
  }

  @Test
  void attributeEach_contextFromTheSameHostIsOneStepLessSure() {
    Alert strong = alert("54c2aed8-8a8b-4838-bc92-ac290f19ddc9", "/tmp/kdevtmpfsi", "/tmp/kdevtmpfsi");
    Alert plain = alert("81ad133c-d035-4039-95f8-10ffb84dcae5", "/usr/bin/chattr", "chattr +i /etc/hosts");
    List<Optional<Attribution>> x = attributor.attributeEach(List.of(strong, plain));
    assertThat(x.get(1)).hasValueSatisfying(at -> {
      assertThat(at.actor()).isEqualTo("Kinsing");
      assertThat(at.confidence()).isEqualTo(Confidence.LOW);
      assertThat(at.reasons().get(0)).startsWith("context");
    });
  }

  private Alert alert(String ruleId, String image, String cmd) {
    Event e = enricher.apply(Event.builder(LogSource.of("linux", "process_creation", null))
        .time(Instant.parse("2026-11-24T03:00:00Z")).host("h").field("Image", image)
        .field("CommandLine", cmd).build());
    return Alert.of(rule(ruleId), e);
  }

  private static RuleInfo rule(String id) {
    return new RuleInfo(id, null, "rule " + id, Severity.HIGH, List.of("attack.t1496"), List.of(), null);
  }
}
