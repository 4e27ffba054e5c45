package dev.minewarden.core.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.rules.RuleInfo;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** State stays within the group cap under a flood of distinct keys. */
class CorrelationCapTest {
  private static final RuleInfo FAILED = Fixtures.base("failed_login");

  @Test
  void flood_tenMillionDistinctKeysStayWithinCap() {
    // Below the default (100,000) only to keep the test quick: with fewer survivors per young
    // collection the run needs about half the CPU. The cap logic is the same at any size.
    int cap = 10_000;
    int keys = 10_000_000;
    CorrelationRule rule =
        Fixtures.rule(
            """
            title: brute force
            correlation: {type: event_count, rules: [failed_login], group-by: [SourceIp],
                          timespan: 1d, condition: {gte: 2}}
            """);
    CorrelationEngine engine =
        CorrelationEngine.builder(List.of(rule)).maxGroupsPerRule(cap).maxLatenessMillis(0).build();
    long[] fired = new long[1];
    Consumer<Alert> out = a -> fired[0]++;
    int maxOpen = 0;
    for (int i = 0; i < keys; i++) {
      // One key per millisecond: 10,000 s in all, inside one window, so only the cap can help.
      Event e = Event.builder(Fixtures.SSHD).time(i).field("SourceIp", Integer.toString(i)).build();
      engine.accept(Alert.of(FAILED, e), out);
      if (i % 100_000 == 0) {
        maxOpen = Math.max(maxOpen, engine.stats().openGroups());
      }
    }
    CorrelationStats stats = engine.stats();
    assertThat(maxOpen).isLessThanOrEqualTo(cap);
    assertThat(stats.openGroups()).isEqualTo(cap);
    assertThat(stats.expiredGroups()).isZero();
    // Every key beyond the cap evicted one group; the newest alert is still buffered.
    assertThat(stats.evictedGroups() + stats.openGroups() + stats.bufferedAlerts()).isEqualTo(keys);
    assertThat(engine.evictions(rule.info().id())).isEqualTo(stats.evictedGroups());
    engine.flush(out);
    assertThat(fired[0]).isZero();
    assertThat(engine.stats().openGroups()).isZero();
  }

  @Test
  void flood_expiryKeepsStateToOneWindow() {
    CorrelationRule rule =
        Fixtures.rule(
            """
            title: brute force
            correlation: {type: event_count, rules: [failed_login], group-by: [SourceIp],
                          timespan: 10s, condition: {gte: 2}}
            """);
    CorrelationEngine engine =
        CorrelationEngine.builder(List.of(rule)).maxGroupsPerRule(1_000_000).maxLatenessMillis(0)
            .build();
    Consumer<Alert> out = a -> {};
    for (int i = 0; i < 1_000_000; i++) {
      // One key per millisecond and a 10 s window: at most 10,000 groups can be live.
      Event e = Event.builder(Fixtures.SSHD).time(i).field("SourceIp", Integer.toString(i)).build();
      engine.accept(Alert.of(FAILED, e), out);
    }
    assertThat(engine.stats().openGroups()).isEqualTo(10_000);
    assertThat(engine.stats().evictedGroups()).isZero();
    assertThat(engine.stats().expiredGroups()).isEqualTo(1_000_000 - 10_000 - 1);
  }
}
