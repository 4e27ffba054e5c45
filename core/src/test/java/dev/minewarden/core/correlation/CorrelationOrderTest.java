package dev.minewarden.core.correlation;

import static dev.minewarden.core.correlation.Fixtures.base;
import static dev.minewarden.core.correlation.Fixtures.describe;
import static dev.minewarden.core.correlation.Fixtures.rule;
import static dev.minewarden.core.correlation.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.rules.RuleInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same alerts in any arrival order give the same correlation alerts. */
class CorrelationOrderTest {
  private static final RuleInfo FAILED = base("failed_login");
  private static final RuleInfo OK = base("successful_login");
  private static final RuleInfo WEB = base("website_access");
  private static final long HOUR_MS = 3_600_000;

  private static List<CorrelationRule> rules() {
    return List.of(
        rule("""
            title: brute force
            name: bruteforce
            correlation: {type: event_count, rules: [failed_login], group-by: [SourceIp],
                          timespan: 10m, condition: {gte: 5}}
            """),
        rule("""
            title: spraying
            correlation: {type: value_count, rules: [failed_login], group-by: [SourceIp],
                          timespan: 10m, condition: {field: User, gte: 3}}
            """),
        rule("""
            title: quiet source
            correlation: {type: event_count, rules: [failed_login], group-by: [SourceIp],
                          timespan: 2m, condition: {gte: 2, lte: 3}}
            """),
        rule("""
            title: login after failures
            correlation: {type: temporal_ordered, rules: [bruteforce, successful_login],
                          group-by: [SourceIp], timespan: 30m, generate: true}
            """),
        rule("""
            title: failure and login
            correlation: {type: temporal, rules: [failed_login, successful_login],
                          group-by: [User], timespan: 1m}
            """),
        rule("""
            title: exfil
            correlation: {type: value_sum, rules: [website_access], group-by: [User],
                          timespan: 5m, condition: {field: bytes, gt: 50000}}
            """));
  }

  /** Three hours of mixed alerts, times on whole seconds so many share a millisecond. */
  private static List<Alert> alerts() {
    Random rnd = new Random(20260822);
    Fixtures f = new Fixtures();
    List<Alert> out = new ArrayList<>();
    String[] users = {"root", "admin", "ubuntu", "oracle", "git"};
    for (int i = 0; i < 3000; i++) {
      int sec = rnd.nextInt(3 * 3600);
      String ip = "198.51.100." + rnd.nextInt(6);
      String user = users[rnd.nextInt(users.length)];
      int kind = rnd.nextInt(10);
      if (kind < 7) {
        out.add(f.alert(FAILED, sec, "SourceIp", ip, "User", user));
      } else if (kind < 8) {
        out.add(f.alert(OK, sec, "SourceIp", ip, "User", user));
      } else {
        out.add(f.alert(WEB, sec, "User", user, "bytes", (long) rnd.nextInt(20_000)));
      }
    }
    return out;
  }

  private static List<String> runWith(List<Alert> alerts, long lateness) {
    CorrelationEngine e =
        CorrelationEngine.builder(rules()).maxLatenessMillis(lateness).build();
    List<String> out = describe(run(e, alerts));
    assertThat(e.stats().lateAlerts()).isZero();
    return out;
  }

  private static List<Alert> timeOrdered(List<Alert> alerts) {
    List<Alert> sorted = new ArrayList<>(alerts);
    sorted.sort(Comparator.comparingLong((Alert a) -> a.event().timestampMillis())
        .thenComparingLong(a -> a.event().sourceLine()));
    return sorted;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void shuffled_sameAlertsAsTimeOrdered(long seed) {
    List<Alert> alerts = alerts();
    List<String> expected = runWith(timeOrdered(alerts), CorrelationEngine.UNBOUNDED_LATENESS);
    // Every rule contributes, so the comparison is not between empty lists.
    assertThat(expected.stream().map(s -> s.substring(0, s.indexOf(' '))).distinct())
        .hasSize(rules().size());
    List<Alert> shuffled = new ArrayList<>(alerts);
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(runWith(shuffled, CorrelationEngine.UNBOUNDED_LATENESS)).isEqualTo(expected);
    Collections.reverse(shuffled);
    assertThat(runWith(shuffled, CorrelationEngine.UNBOUNDED_LATENESS)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void disorderWithinLateness_sameAlertsAsTimeOrdered(long seed) {
    List<Alert> alerts = alerts();
    long lateness = HOUR_MS / 4;
    List<String> expected = runWith(timeOrdered(alerts), lateness);
    // Each alert arrives up to `lateness` after its event time, in arrival order.
    Random rnd = new Random(seed);
    List<long[]> keyed = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      long arrival = alerts.get(i).event().timestampMillis() + (long) (rnd.nextDouble() * lateness);
      keyed.add(new long[] {arrival, i});
    }
    keyed.sort(Comparator.comparingLong(k -> k[0]));
    List<Alert> arriving = keyed.stream().map(k -> alerts.get((int) k[1])).collect(Collectors.toList());
    assertThat(arriving).isNotEqualTo(timeOrdered(alerts));
    assertThat(runWith(arriving, lateness)).isEqualTo(expected);
  }
}
