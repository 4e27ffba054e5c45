package dev.minewarden.core.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.rules.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
  private static final LogSource SSHD = LogSource.of("linux", null, "sshd");

  private static Alert alert(String ruleId, long millis, long line) {
    RuleInfo r = new RuleInfo(ruleId, null, ruleId, Severity.LOW, List.of(), List.of(), "r.yml");
    return Alert.of(r, Event.builder(SSHD).time(millis).source("auth.log", line).build());
  }

  /** Alerts in file order, several per event in any rule order, some far out of order. */
  private static List<Alert> input(long seed) {
    Random rnd = new Random(seed);
    List<Alert> in = new ArrayList<>();
    for (int line = 1; line <= 3000; line++) {
      long t = line * 1000L + (rnd.nextInt(50) == 0 ? -rnd.nextInt(200_000) : 0);
      List<Alert> same = new ArrayList<>();
      for (int r = 0; r < 1 + rnd.nextInt(4); r++) {
        same.add(alert("rule-" + rnd.nextInt(30), t, line));
      }
      Collections.shuffle(same, rnd);
      in.addAll(same);
    }
    return in;
  }

  @Test
  void drain_releasesInAlertOrder() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Alert> in = input(seed);
      ReorderBuffer buffer = new ReorderBuffer(Long.MAX_VALUE, 1_000_000);
      List<Alert> out = new ArrayList<>();
      for (Alert a : in) {
        assertThat(buffer.offer(a, out::add)).isTrue();
      }
      buffer.drain(out::add);
      List<Alert> sorted = new ArrayList<>(in);
      sorted.sort(AlertOrder.INSTANCE);
      assertThat(out).hasSize(in.size());
      for (int i = 0; i < out.size(); i++) {
        assertThat(AlertOrder.INSTANCE.compare(out.get(i), sorted.get(i))).as("position " + i).isZero();
      }
    }
  }

  @Test
  void offer_fullBufferReleasesEarliestAndRefusesLaterLateAlerts() {
    ReorderBuffer buffer = new ReorderBuffer(Long.MAX_VALUE, 100);
    List<Alert> out = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      buffer.offer(alert("r", 10_000L + i * 1000L, i + 1), out::add);
    }
    assertThat(buffer.size()).isEqualTo(100);
    assertThat(buffer.forcedReleases()).isEqualTo(50);
    assertThat(out).extracting(a -> a.event().sourceLine()).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
    assertThat(buffer.offer(alert("r", 1_000L, 9999), out::add)).isFalse();
  }

  @Test
  void offer_boundedLatenessReleasesWhatIsDue() {
    ReorderBuffer buffer = new ReorderBuffer(5_000, 1000);
    List<Alert> out = new ArrayList<>();
    buffer.offer(alert("b", 3_000, 2), out::add);
    buffer.offer(alert("a", 1_000, 1), out::add);
    buffer.offer(alert("c", 7_000, 3), out::add);
    assertThat(out).extracting(a -> a.event().sourceLine()).containsExactly(1L);
    buffer.offer(alert("d", 9_000, 4), out::add);
    assertThat(out).extracting(a -> a.event().sourceLine()).containsExactly(1L, 2L);
  }
}
