package dev.minewarden.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A live session: bounded lateness and a clock that releases held correlation alerts. */
class DetectionEngineLatenessTest {
  private static final String BRUTE_FORCE = "bb61703e-a46d-4587-825c-16830b451c2e";
  private static final long T0 = 1_700_000_000_000L;

  private static Event failedLogin(long time) {
    return Event.builder(LogSource.of("linux", null, "sshd")).time(time).host("web-1")
        .source("/var/log/auth.log", 1).field("event.action", "ssh_failed_password")
        .field("SourceIp", "203.0.113.9").field("Hostname", "web-1").field("User", "root").build();
  }

  private static List<String> bruteForces(List<Alert> alerts) {
    return alerts.stream().map(a -> a.rule().id()).filter(BRUTE_FORCE::equals).toList();
  }

  @Test
  void advanceTo_releasesHeldCorrelationOnceLatenessHasPassed() {
    List<Alert> alerts = new ArrayList<>();
    DetectionEngine.Session s = DetectionEngine.builder().maxLatenessMillis(10_000).build()
        .session(alerts::add);
    for (int i = 0; i < 5; i++) {
      s.accept(failedLogin(T0 + i * 1000));
    }
    assertThat(bruteForces(alerts)).as("held within the lateness").isEmpty();

    s.advanceTo(T0 + 4000 + 10_000);
    assertThat(bruteForces(alerts)).as("not yet more than the lateness behind").isEmpty();

    s.advanceTo(T0 + 4000 + 10_001);
    assertThat(bruteForces(alerts)).hasSize(1);
  }

  /**
   * A log line read after the clock has passed its second (an agent following auth.log): each
   * failure raises the alerts of several helper rules, in rule order, and the first is released
   * at once. The others, which sort before it by rule id, must still feed their correlations.
   */
  @Test
  void eventsReadAfterTheClockPassedThem_feedEveryCorrelationOfTheirAlerts() {
    List<Alert> alerts = new ArrayList<>();
    DetectionEngine.Session s = DetectionEngine.builder().maxLatenessMillis(500).build()
        .session(alerts::add);
    s.advanceTo(T0 + 900);
    for (int line = 1; line <= 6; line++) {
      s.accept(Event.builder(LogSource.of("linux", null, "sshd")).time(T0).host("web-1")
          .source("/var/log/auth.log", line).field("event.action", "ssh_failed_password")
          .field("SourceIp", "203.0.113.9").field("Hostname", "web-1").field("User", "root")
          .build());
      s.advanceTo(T0 + 900);
    }
    assertThat(bruteForces(alerts)).hasSize(1);
    assertThat(s.correlationStats().lateAlerts()).isZero();

    // A line of an earlier second, read after them, is late and refused.
    s.accept(failedLogin(T0 - 1000));
    assertThat(s.correlationStats().lateAlerts()).isPositive();
  }

  @Test
  void advanceTo_unboundedLatenessHoldsUntilFinish() {
    List<Alert> alerts = new ArrayList<>();
    DetectionEngine.Session s = DetectionEngine.builder().build().session(alerts::add);
    for (int i = 0; i < 5; i++) {
      s.accept(failedLogin(T0 + i * 1000));
    }

    s.advanceTo(T0 + 3_600_000);
    assertThat(bruteForces(alerts)).isEmpty();

    s.finish();
    assertThat(bruteForces(alerts)).hasSize(1);
  }

  @Test
  void maxLatenessMillis_negativeIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DetectionEngine.builder().maxLatenessMillis(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
