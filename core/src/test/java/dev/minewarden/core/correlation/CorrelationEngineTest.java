package dev.minewarden.core.correlation;

import static dev.minewarden.core.correlation.Fixtures.base;
import static dev.minewarden.core.correlation.Fixtures.engine;
import static dev.minewarden.core.correlation.Fixtures.rule;
import static dev.minewarden.core.correlation.Fixtures.run;
import static dev.minewarden.core.correlation.Fixtures.triggerSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.rules.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelationEngineTest {
  private static final RuleInfo FAILED = base("failed_login");
  private static final RuleInfo OK = base("successful_login");
  private static final RuleInfo A = base("recon_a");
  private static final RuleInfo B = base("recon_b");
  private static final RuleInfo C = base("recon_c");

  private static final String FIVE_IN_TEN_MINUTES =
      """
      title: SSH brute force
      id: bf000000-0000-0000-0000-000000000001
      name: ssh_bruteforce
      level: high
      correlation:
        type: event_count
        rules: [failed_login]
        group-by: [SourceIp]
        timespan: 10m
        condition: {gte: 5}
      """;

  private final Fixtures f = new Fixtures();

  private List<Alert> failures(String ip, double... seconds) {
    List<Alert> alerts = new ArrayList<>();
    for (double s : seconds) {
      alerts.add(f.alert(FAILED, s, "SourceIp", ip, "User", "root"));
    }
    return alerts;
  }

  /* ------ event_count ------ */

  @Test
  void eventCount_fiveWithinWindowFiresAtFifth() {
    List<Alert> out =
        run(engine(rule(FIVE_IN_TEN_MINUTES)), failures("203.0.113.7", 0, 10, 20, 30, 40));
    assertThat(out).hasSize(1);
    Alert a = out.get(0);
    assertThat(a.rule().name()).isEqualTo("ssh_bruteforce");
    assertThat(a.event().timestampMillis()).isEqualTo(40_000);
    assertThat(a.related()).hasSize(5);
    assertThat(a.related().get(0).timestampMillis()).isEqualTo(0);
    assertThat(a.attributes().get("correlation.count")).isEqualTo(5L);
    assertThat(a.attributes())
        .containsEntry("correlation.group_by", Map.of("SourceIp", "203.0.113.7"))
        .containsEntry("correlation.count", 5L)
        .containsEntry("correlation.value", 5L)
        .containsEntry("correlation.type", "event_count")
        .containsEntry("correlation.window.start", 0L);
  }

  @Test
  void eventCount_fourIsNotEnough() {
    assertThat(run(engine(rule(FIVE_IN_TEN_MINUTES)), failures("203.0.113.7", 0, 10, 20, 30)))
        .isEmpty();
  }

  @Test
  void eventCount_spreadWiderThanWindowDoesNotFire() {
    // Five events, but any 600 s span holds at most four of them.
    assertThat(
            run(engine(rule(FIVE_IN_TEN_MINUTES)), failures("203.0.113.7", 0, 200, 400, 590, 800)))
        .isEmpty();
  }

  @Test
  void eventCount_windowIsExclusiveAtTheOldEnd() {
    // 0 and 600 are exactly one timespan apart: not in one window. 0.001 s less and they are.
    assertThat(run(engine(rule(FIVE_IN_TEN_MINUTES)), failures("x", 0, 100, 200, 300, 600)))
        .isEmpty();
    assertThat(run(engine(rule(FIVE_IN_TEN_MINUTES)), failures("x", 0, 100, 200, 300, 599.999)))
        .hasSize(1);
  }

  @Test
  void eventCount_slidingWindowFiresAcrossBucketBoundary() {
    // Tumbling 10-minute buckets [0,600) and [600,1200) would each see only 2 and 3 events.
    List<Alert> out =
        run(engine(rule(FIVE_IN_TEN_MINUTES)), failures("x", 100, 590, 595, 605, 610, 1500));
    assertThat(triggerSeconds(out)).containsExactly(610.0);
    assertThat(out.get(0).attributes()).containsEntry("correlation.window.start", 100_000L);
  }

  @Test
  void eventCount_groupsAreSeparate() {
    List<Alert> alerts = new ArrayList<>(failures("10.0.0.1", 0, 1, 2));
    alerts.addAll(failures("10.0.0.2", 3, 4, 5));
    assertThat(run(engine(rule(FIVE_IN_TEN_MINUTES)), alerts)).isEmpty();
  }

  @Test
  void eventCount_oneAlertPerBurstThenAgainAfterQuietPeriod() {
    double[] times = new double[60];
    for (int i = 0; i < times.length; i++) {
      times[i] = i * 20; // one failure every 20 s for 20 minutes
    }
    List<Alert> out = run(engine(rule(FIVE_IN_TEN_MINUTES)), failures("x", times));
    // Fires at the fifth (80 s); absorbed until 680 s; counts 680..760 and fires again at 760.
    assertThat(triggerSeconds(out)).containsExactly(80.0, 760.0);
  }

  @Test
  void eventCount_relatedIsCappedAndOmissionReported() {
    CorrelationRule r =
        rule(FIVE_IN_TEN_MINUTES.replace("{gte: 5}", "{gte: 150}").replace("name: ssh_bf", "x"));
    double[] times = new double[150];
    for (int i = 0; i < times.length; i++) {
      times[i] = i;
    }
    CorrelationEngine e = CorrelationEngine.builder(List.of(r)).maxRelatedEvents(100).build();
    List<Alert> out = run(e, failures("x", times));
    assertThat(out).hasSize(1);
    assertThat(out.get(0).attributes().get("correlation.count")).isEqualTo(150L);
    assertThat(out.get(0).related()).hasSize(100);
    assertThat(out.get(0).related().get(0).timestampMillis()).isEqualTo(50_000);
    assertThat(out.get(0).related().get(99)).isSameAs(out.get(0).event());
    assertThat(out.get(0).attributes()).containsEntry("correlation.related.omitted", 50L);
  }

  @Test
  void eventCount_rangeConditionFiresOnlyWhenBurstStaysInRange() {
    CorrelationRule r =
        rule(FIVE_IN_TEN_MINUTES.replace("{gte: 5}", "{gt: 10, lte: 20}"));
    double[] fifteen = new double[15];
    double[] forty = new double[40];
    for (int i = 0; i < forty.length; i++) {
      forty[i] = 5000 + i;
      if (i < fifteen.length) {
        fifteen[i] = i;
      }
    }
    List<Alert> alerts = new ArrayList<>(failures("small", fifteen));
    alerts.addAll(failures("big", forty));
    List<Alert> out = run(engine(r), alerts);
    // The 40-event burst passes 11..20 on its way up but its window holds 40: no alert.
    assertThat(out).hasSize(1);
    assertThat(out.get(0).attributes()).containsEntry("correlation.count", 15L);
    assertThat(out.get(0).event().timestampMillis()).isEqualTo(14_000);
  }

  @Test
  void eventCount_ltConditionDecidedWhenWindowCloses() {
    CorrelationRule r = rule(FIVE_IN_TEN_MINUTES.replace("{gte: 5}", "{lt: 3}"));
    List<Alert> alerts = new ArrayList<>(failures("quiet", 0, 30));
    alerts.addAll(failures("busy", 0, 1, 2, 3));
    // A later event of another group moves time past both windows before the input ends.
    alerts.addAll(failures("late", 5000));
    List<Alert> out = new ArrayList<>();
    CorrelationEngine e = engine(r);
    alerts.forEach(a -> e.accept(a, out::add));
    e.flush(out::add);
    assertThat(out)
        .extracting(a -> a.attributes().get("correlation.group_by"))
        .containsExactly(Map.of("SourceIp", "quiet"), Map.of("SourceIp", "late"));
  }

  @Test
  void eventCount_windowCapRaisedToThresholdButBoundsUpperConditions() {
    double[] times = new double[50];
    for (int i = 0; i < times.length; i++) {
      times[i] = i;
    }
    CorrelationRule fifty = rule(FIVE_IN_TEN_MINUTES.replace("{gte: 5}", "{gte: 50}"));
    CorrelationEngine e = CorrelationEngine.builder(List.of(fifty)).maxWindowEvents(10).build();
    assertThat(run(e, failures("x", times))).hasSize(1);
    // With an upper bound the window is cut at 10 events, so 50 events look like 10.
    CorrelationRule upTo = rule(FIVE_IN_TEN_MINUTES.replace("{gte: 5}", "{lte: 10}"));
    e = CorrelationEngine.builder(List.of(upTo)).maxWindowEvents(10).build();
    List<Alert> out = run(e, failures("x", times));
    assertThat(out).hasSize(1);
    assertThat(out.get(0).attributes().get("correlation.count")).isEqualTo(10L);
  }

  /* ------ value types ------ */

  @Test
  void valueCount_distinctUsersPerSource() {
    CorrelationRule r =
        rule(
            """
            title: Password spraying
            correlation:
              type: value_count
              rules: [failed_login]
              group-by: [SourceIp]
              timespan: 5m
              condition: {field: User, gte: 3}
            """);
    List<Alert> spray = new ArrayList<>();
    spray.add(f.alert(FAILED, 0, "SourceIp", "s", "User", "root"));
    spray.add(f.alert(FAILED, 1, "SourceIp", "s", "User", "root"));
    spray.add(f.alert(FAILED, 2, "SourceIp", "s", "User", "admin"));
    spray.add(f.alert(FAILED, 3, "SourceIp", "s", "User", "admin"));
    spray.add(f.alert(FAILED, 4, "SourceIp", "t", "User", "oracle"));
    assertThat(run(engine(r), spray)).isEmpty();
    spray.add(f.alert(FAILED, 5, "SourceIp", "s", "User", "ubuntu"));
    List<Alert> out = run(engine(r), spray);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).attributes()).containsEntry("correlation.value", 3L);
    assertThat(out.get(0).attributes().get("correlation.count")).isEqualTo(5L);
  }

  @Test
  void valueSum_bytesOverThresholdAndNonNumbersSkipped() {
    RuleInfo web = base("website_access");
    CorrelationRule r = rule(
        """
        title: Exfiltration
        correlation:
          type: value_sum
          rules: [website_access]
          group-by: [User]
          timespan: 1h
          condition: {field: bytes_sent, gt: 1000000}
        """);
    CorrelationEngine e = engine(r);
    List<Alert> out = run(e, List.of(
        f.alert(web, 0, "User", "u", "bytes_sent", 600_000L),
        f.alert(web, 10, "User", "u", "bytes_sent", "lots"),
        f.alert(web, 20, "User", "u", "bytes_sent", "400000"),
        f.alert(web, 30, "User", "u", "bytes_sent", 1L)));
    assertThat(triggerSeconds(out)).containsExactly(30.0);
    assertThat(out.get(0).attributes()).containsEntry("correlation.value", 1_000_001.0);
    assertThat(e.stats().skippedAlerts()).isEqualTo(1);
  }

  @Test
  void valueAvg_checkedOnClosedWindow() {
    RuleInfo net = base("rule_a_id");
    CorrelationRule r = rule(
        """
        title: Average traffic
        correlation:
          type: value_avg
          rules: [rule_a_id]
          group-by: [SourceIP]
          timespan: 1m
          condition: {field: BytesOut, gt: 500}
        """);
    // Group a starts high (avg 1000 after one event) but its window averages 400: no alert.
    // Group b averages 700.
    List<Alert> out = run(engine(r), List.of(
        f.alert(net, 0, "SourceIP", "a", "BytesOut", 1000),
        f.alert(net, 1, "SourceIP", "a", "BytesOut", 100),
        f.alert(net, 2, "SourceIP", "a", "BytesOut", 100),
        f.alert(net, 0, "SourceIP", "b", "BytesOut", 900),
        f.alert(net, 3, "SourceIP", "b", "BytesOut", 500)));
    assertThat(out).hasSize(1);
    assertThat(out.get(0).attributes())
        .containsEntry("correlation.group_by", Map.of("SourceIP", "b"))
        .containsEntry("correlation.value", 700.0);
  }

  @Test
  void valuePercentile_rareProcessNameFires() {
    RuleInfo proc = base("process_creation");
    CorrelationRule r = rule(
        """
        title: Rare process
        correlation:
          type: value_percentile
          rules: [process_creation]
          group-by: [ComputerName]
          timespan: 24h
          condition: {field: Image, lte: 10}
        """);
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      alerts.add(f.alert(proc, i, "ComputerName", "h", "Image", i % 2 == 0 ? "/bin/sh" : "/bin/ls"));
    }
    assertThat(run(engine(r), alerts)).isEmpty();
    alerts.add(f.alert(proc, 40, "ComputerName", "h", "Image", "/tmp/.x/xmrig"));
    List<Alert> out = run(engine(r), alerts);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).event().get("Image")).isEqualTo("/tmp/.x/xmrig");
    assertThat((Double) out.get(0).attributes().get("correlation.value")).isCloseTo(100.0 / 31,
        org.assertj.core.data.Offset.offset(1e-9));
  }

  /* ------ temporal ------ */

  private static final String RECON =
      """
      title: Recon
      correlation:
        type: %s
        rules: [recon_a, recon_b, recon_c]
        group-by: [ComputerName, User]
        timespan: 5m
      """;

  @Test
  void temporal_allRulesInAnyOrderWithinWindow() {
    CorrelationRule r = rule(RECON.formatted("temporal"));
    List<Alert> out = run(engine(r), List.of(
        f.alert(C, 0, "ComputerName", "h", "User", "u"),
        f.alert(A, 100, "ComputerName", "h", "User", "u"),
        f.alert(B, 200, "ComputerName", "h", "User", "u")));
    assertThat(triggerSeconds(out)).containsExactly(200.0);
    assertThat(out.get(0).related()).extracting(Event::timestampMillis)
        .containsExactly(0L, 100_000L, 200_000L);
    assertThat(out.get(0).attributes())
        .containsEntry("correlation.group_by", Map.of("ComputerName", "h", "User", "u"));
  }

  @Test
  void temporal_missingRuleOrTooFarApartOrOtherUserDoesNotFire() {
    CorrelationRule r = rule(RECON.formatted("temporal"));
    assertThat(run(engine(r), List.of(
        f.alert(A, 0, "ComputerName", "h", "User", "u"),
        f.alert(B, 10, "ComputerName", "h", "User", "u"),
        f.alert(A, 20, "ComputerName", "h", "User", "u")))).isEmpty();
    assertThat(run(engine(r), List.of(
        f.alert(A, 0, "ComputerName", "h", "User", "u"),
        f.alert(B, 10, "ComputerName", "h", "User", "u"),
        f.alert(C, 300, "ComputerName", "h", "User", "u")))).isEmpty();
    assertThat(run(engine(r), List.of(
        f.alert(A, 0, "ComputerName", "h", "User", "u"),
        f.alert(B, 10, "ComputerName", "h", "User", "u"),
        f.alert(C, 20, "ComputerName", "h", "User", "v")))).isEmpty();
  }

  @Test
  void temporalOrdered_firesOnlyInListedOrder() {
    CorrelationRule r = rule(RECON.formatted("temporal_ordered"));
    assertThat(run(engine(r), List.of(
        f.alert(C, 0, "ComputerName", "h", "User", "u"),
        f.alert(B, 10, "ComputerName", "h", "User", "u"),
        f.alert(A, 20, "ComputerName", "h", "User", "u")))).isEmpty();
    List<Alert> out = run(engine(r), List.of(
        f.alert(A, 0, "ComputerName", "h", "User", "u"),
        f.alert(C, 5, "ComputerName", "h", "User", "u"),
        f.alert(B, 10, "ComputerName", "h", "User", "u"),
        f.alert(C, 20, "ComputerName", "h", "User", "u")));
    assertThat(triggerSeconds(out)).containsExactly(20.0);
    assertThat(out.get(0).related()).extracting(Event::timestampMillis)
        .containsExactly(0L, 10_000L, 20_000L);
  }

  @Test
  void temporalOrdered_usesLatestStartSoChainFitsWindow() {
    CorrelationRule r = rule(RECON.formatted("temporal_ordered"));
    // The first a is too old for c at 400 s, but the a at 200 s starts a chain that fits.
    List<Alert> out = run(engine(r), List.of(
        f.alert(A, 0, "ComputerName", "h", "User", "u"),
        f.alert(B, 50, "ComputerName", "h", "User", "u"),
        f.alert(A, 200, "ComputerName", "h", "User", "u"),
        f.alert(B, 250, "ComputerName", "h", "User", "u"),
        f.alert(C, 400, "ComputerName", "h", "User", "u")));
    assertThat(out).hasSize(1);
    assertThat(out.get(0).related()).extracting(Event::timestampMillis)
        .containsExactly(200_000L, 250_000L, 400_000L);
  }

  /* ------ aliases, missing fields ------ */

  @Test
  void aliases_groupAcrossDifferentFieldNames() {
    RuleInfo err = base("internal_error");
    RuleInfo conn = base("new_network_connection");
    CorrelationRule r = rule(
        """
        title: Error then connection back
        correlation:
          type: temporal
          rules: [internal_error, new_network_connection]
          group-by: [internal_ip, remote_ip]
          timespan: 10s
          aliases:
            internal_ip:
              internal_error: destination.ip
              new_network_connection: source.ip
            remote_ip:
              internal_error: source.ip
              new_network_connection: destination.ip
        """);
    List<Alert> out = run(engine(r), List.of(
        f.alert(err, 0, "destination.ip", "10.0.0.5", "source.ip", "198.51.100.9"),
        f.alert(conn, 3, "source.ip", "10.0.0.6", "destination.ip", "198.51.100.9"),
        f.alert(conn, 4, "source.ip", "10.0.0.5", "destination.ip", "198.51.100.9")));
    assertThat(triggerSeconds(out)).containsExactly(4.0);
    assertThat(out.get(0).attributes()).containsEntry("correlation.group_by",
        Map.of("internal_ip", "10.0.0.5", "remote_ip", "198.51.100.9"));
  }

  @Test
  void groupBy_aliasOfOneCorrelationLeavesAnotherWithTheSameNameAlone() {
    // Three correlations on one rule: two group by the field ip, one by the alias of ip, which is
    // destination.ip: each groups the same alerts its own way.
    RuleInfo probe = base("probe");
    String byIp = """
        title: %s
        correlation:
          type: event_count
          rules: [probe]
          group-by: [ip]
          timespan: 10s
          condition: {gte: %d}
        """;
    CorrelationRule twoPerIp = rule(byIp.formatted("two per ip", 2));
    CorrelationRule onePerIp = rule(byIp.formatted("one per ip", 1));
    CorrelationRule twoPerDestination = rule("""
        title: two per destination
        correlation:
          type: event_count
          rules: [probe]
          group-by: [ip]
          timespan: 10s
          condition: {gte: 2}
          aliases:
            ip:
              probe: destination.ip
        """);
    List<Alert> out = run(engine(twoPerIp, onePerIp, twoPerDestination), List.of(
        f.alert(probe, 0, "ip", "10.0.0.1", "destination.ip", "203.0.113.7"),
        f.alert(probe, 1, "ip", "10.0.0.2", "destination.ip", "203.0.113.7")));
    assertThat(out).extracting(a -> a.rule().title() + " " + a.attributes().get("correlation.group_by"))
        .containsExactlyInAnyOrder("one per ip {ip=10.0.0.1}", "one per ip {ip=10.0.0.2}",
            "two per destination {ip=203.0.113.7}");
  }

  @Test
  void groupBy_missingOrNullFieldIsSkippedAndCounted() {
    CorrelationEngine e = engine(rule(FIVE_IN_TEN_MINUTES));
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      alerts.add(f.alert(FAILED, i, "User", "root")); // no SourceIp
      alerts.add(f.alert(FAILED, i, "SourceIp", null));
    }
    alerts.addAll(failures("10.1.1.1", 10, 11, 12, 13, 14));
    List<Alert> out = run(e, alerts);
    assertThat(out).hasSize(1);
    assertThat(e.stats().skippedAlerts()).isEqualTo(10);
  }

  @Test
  void groupBy_numbersAndTextOfTheSameValueShareAGroup() {
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      alerts.add(f.alert(FAILED, i, "SourceIp", i % 2 == 0 ? (Object) 42L : "42"));
    }
    assertThat(run(engine(rule(FIVE_IN_TEN_MINUTES)), alerts)).hasSize(1);
  }

  @Test
  void accept_untimedAndUnreferencedAlertsIgnored() {
    CorrelationEngine e = engine(rule(FIVE_IN_TEN_MINUTES));
    List<Alert> out = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      e.accept(Alert.of(FAILED, Event.builder(Fixtures.SSHD).field("SourceIp", "x").build()),
          out::add);
      e.accept(f.alert(OK, i, "SourceIp", "x"), out::add);
    }
    e.flush(out::add);
    assertThat(out).isEmpty();
    assertThat(e.stats().untimedAlerts()).isEqualTo(6);
  }

  /* ------ chaining and generate ------ */

  @Test
  void chain_specExampleFailedLoginsThenSuccess() {
    List<CorrelationRule> rules = new ArrayList<>();
    for (Map<String, Object> doc : Yaml.resource("spec_failed_logins_then_success.yml")) {
      if (CorrelationRule.isCorrelation(doc)) {
        rules.add(CorrelationRule.parse(doc, "spec_failed_logins_then_success.yml"));
      }
    }
    CorrelationEngine e = CorrelationEngine.builder(rules).build();
    RuleInfo failed = new RuleInfo("53ba33fd-3a50-4468-a5ef-c583635cfa92", "failed_login",
        "Single failed login", dev.minewarden.core.rules.Severity.LOW, List.of(), List.of(), "x");
    RuleInfo success = new RuleInfo("4d0a2c83-c62c-4ed4-b475-c7e23a9269b8", "successful_login",
        "Successful login", dev.minewarden.core.rules.Severity.LOW, List.of(), List.of(), "x");
    assertThat(e.baseRuleReferences()).containsExactlyInAnyOrder("failed_login", "successful_login");
    assertThat(e.isSuppressed(failed)).isTrue();
    assertThat(e.isSuppressed(success)).isTrue();

    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      alerts.add(f.alert(failed, i * 10, "User", "admin"));
      alerts.add(f.alert(failed, i * 10, "User", "guest"));
    }
    alerts.add(f.alert(success, 200, "User", "admin"));
    alerts.add(f.alert(success, 50, "User", "guest")); // before the tenth failure: not in order
    List<Alert> out = run(e, alerts);
    // Only the outer correlation is output: the inner one is referenced without generate.
    assertThat(out).hasSize(1);
    Alert a = out.get(0);
    assertThat(a.rule().id()).isEqualTo("b180ead8-d58f-40b2-ae54-c8940995b9b6");
    assertThat(a.event().timestampMillis()).isEqualTo(200_000);
    assertThat(a.attributes()).containsEntry("correlation.group_by", Map.of("User", "admin"));
    assertThat(a.related()).extracting(Event::timestampMillis).containsExactly(90_000L, 200_000L);
  }

  @Test
  void generate_trueKeepsReferencedRulesAlerts() {
    CorrelationRule inner = rule(FIVE_IN_TEN_MINUTES);
    CorrelationRule outer = rule(
        """
        title: Brute force then login
        generate: true
        correlation:
          type: temporal_ordered
          rules: [ssh_bruteforce, successful_login]
          group-by: [SourceIp]
          timespan: 1h
          generate: true
        """);
    CorrelationEngine e = engine(inner, outer);
    assertThat(e.isSuppressed(FAILED)).isTrue();
    assertThat(e.isSuppressed(OK)).isFalse();
    assertThat(e.isSuppressed(inner.info())).isFalse();
    List<Alert> alerts = new ArrayList<>(failures("9.9.9.9", 0, 1, 2, 3, 4));
    alerts.add(f.alert(OK, 60, "SourceIp", "9.9.9.9"));
    List<Alert> out = run(e, alerts);
    assertThat(out).extracting(a -> a.rule().title())
        .containsExactly("SSH brute force", "Brute force then login");
  }

  @Test
  void build_refusesCyclesAndLateChains() {
    CorrelationRule x = rule("title: x\nname: x\ncorrelation: {type: temporal, rules: [y, a], "
        + "group-by: [U], timespan: 1h}");
    CorrelationRule y = rule("title: y\nname: y\ncorrelation: {type: temporal, rules: [x, b], "
        + "group-by: [U], timespan: 1h}");
    assertThatThrownBy(() -> engine(x, y))
        .isInstanceOf(CorrelationRuleException.class)
        .hasMessageContaining("refers to itself");
    CorrelationRule low = rule("title: low\nname: low\ncorrelation: {type: event_count, "
        + "rules: [a], group-by: [U], timespan: 1h, condition: {lt: 3}}");
    CorrelationRule up = rule("title: up\ncorrelation: {type: temporal, rules: [low, b], "
        + "group-by: [U], timespan: 1h}");
    assertThatThrownBy(() -> engine(low, up))
        .isInstanceOf(CorrelationRuleException.class)
        .hasMessageContaining("fires only when its window closes");
    assertThatThrownBy(() -> engine(low, low)).hasMessageContaining("also defined");
  }

  /* ------ expiry ------ */

  @Test
  void expiry_groupsDroppedOnceWindowPassed() {
    CorrelationEngine e = CorrelationEngine.builder(List.of(rule(FIVE_IN_TEN_MINUTES)))
        .maxLatenessMillis(0).build();
    List<Alert> out = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      e.accept(f.alert(FAILED, i, "SourceIp", "10.0.0." + i), out::add);
    }
    // With no lateness everything before the newest time (999 s, still held) is processed, up to
    // 998 s. Groups whose event is at or before 998 - 600 = 398 s have expired: 0..398.
    assertThat(e.stats().openGroups()).isEqualTo(600);
    assertThat(e.stats().expiredGroups()).isEqualTo(399);
    e.accept(f.alert(FAILED, 5000, "SourceIp", "10.9.9.9"), out::add);
    e.accept(f.alert(FAILED, 5001, "SourceIp", "10.9.9.8"), out::add);
    assertThat(e.stats().openGroups()).isEqualTo(1); // 5000 s processed, 5001 s held
    assertThat(e.stats().expiredGroups()).isEqualTo(1000);
    e.flush(out::add);
    assertThat(e.stats().openGroups()).isZero();
    assertThat(out).isEmpty();
  }

  @Test
  void lateness_alertBehindProcessedTimeIsRefused() {
    CorrelationEngine e = CorrelationEngine.builder(List.of(rule(FIVE_IN_TEN_MINUTES)))
        .maxLatenessMillis(60_000).build();
    List<Alert> out = new ArrayList<>();
    e.accept(f.alert(FAILED, 0, "SourceIp", "x"), out::add);
    e.accept(f.alert(FAILED, 100, "SourceIp", "x"), out::add);
    assertThat(e.stats().bufferedAlerts()).isEqualTo(1); // 0 s was released, 100 s is held
    e.accept(f.alert(FAILED, 50, "SourceIp", "x"), out::add); // within 60 s of 100: in order
    e.accept(f.alert(FAILED, -1, "SourceIp", "x"), out::add); // behind the released 0 s
    assertThat(e.stats().lateAlerts()).isEqualTo(1);
    assertThat(e.stats().bufferedAlerts()).isEqualTo(2); // 50 s and 100 s
  }
}
