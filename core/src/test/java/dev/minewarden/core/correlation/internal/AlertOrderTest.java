package dev.minewarden.core.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.rules.Severity;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlertOrderTest {
  private static final LogSource SSHD = LogSource.of("linux", null, "sshd");

  private static RuleInfo rule(String id) {
    return new RuleInfo(id, null, id, Severity.LOW, List.of(), List.of(), "r.yml");
  }

  private static Event event(Random rnd) {
    Event.Builder b = Event.builder(SSHD).time(rnd.nextInt(3)).host(rnd.nextBoolean() ? "a" : null);
    if (rnd.nextInt(4) > 0) {
      b.source(rnd.nextBoolean() ? "auth.log" : "secure", rnd.nextInt(3));
    }
    return b.field("User", "u" + rnd.nextInt(2)).build();
  }

  @Test
  void alertsOfOneEventCompareAsAlertsOfEqualEventsDo() {
    // The order takes a shortcut for two alerts of one event object; it must agree with the full
    // comparison of the same content held in two event objects.
    Random rnd = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      Event e = event(rnd);
      Event copy = e.toBuilder().build();
      RuleInfo r1 = rule("rule-" + rnd.nextInt(4));
      RuleInfo r2 = rule("rule-" + rnd.nextInt(4));
      int shared = AlertOrder.INSTANCE.compare(Alert.of(r1, e), Alert.of(r2, e));
      int separate = AlertOrder.INSTANCE.compare(Alert.of(r1, e), Alert.of(r2, copy));
      assertThat(Integer.signum(shared)).as("%s %s", r1.id(), r2.id()).isEqualTo(Integer.signum(separate));
    }
  }

  @Test
  void orderIsTimeThenSourceThenLineThenRule() {
    Random rnd = new Random(9);
    for (int i = 0; i < 20_000; i++) {
      Alert a = Alert.of(rule("rule-" + rnd.nextInt(3)), event(rnd));
      Alert b = Alert.of(rule("rule-" + rnd.nextInt(3)), event(rnd));
      int c = AlertOrder.INSTANCE.compare(a, b);
      assertThat(Integer.signum(c)).isEqualTo(-Integer.signum(AlertOrder.INSTANCE.compare(b, a)));
      Event x = a.event();
      Event y = b.event();
      if (x.timestampMillis() != y.timestampMillis()) {
        assertThat(Integer.signum(c)).isEqualTo(Long.signum(x.timestampMillis() - y.timestampMillis()));
      } else if (x.sourcePath() == null && y.sourcePath() != null) {
        assertThat(c).as("no source sorts first").isNegative();
      } else if (java.util.Objects.equals(x.sourcePath(), y.sourcePath())
          && x.sourceLine() == y.sourceLine() && !a.rule().id().equals(b.rule().id())) {
        assertThat(Integer.signum(c)).isEqualTo(Integer.signum(a.rule().id().compareTo(b.rule().id())));
      }
    }
  }
}
