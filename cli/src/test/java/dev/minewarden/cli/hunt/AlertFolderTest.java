package dev.minewarden.cli.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.rules.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFolderTest {
  private static final RuleInfo RULE =
      new RuleInfo("r1", null, "Rule", Severity.HIGH, List.of(), List.of(), null);
  private static final long MINUTE = 60_000;

  private static Alert alert(long minute, String ip, long line) {
    Event e = Event.builder(LogSource.ANY).time(minute * MINUTE).host("h").field("SourceIp", ip)
        .source("f", line).build();
    return Alert.of(RULE, e);
  }

  @Test
  void fold_repeatsOnOneKeyWithinTheWindowBecomeOneAlertWithACount() {
    List<Alert> in = new ArrayList<>(List.of(alert(0, "1.1.1.1", 1), alert(10, "1.1.1.1", 2),
        alert(59, "1.1.1.1", 3), alert(61, "1.1.1.1", 4), alert(5, "2.2.2.2", 5)));
    Collections.shuffle(in, new java.util.Random(7));
    List<Alert> out = new AlertFolder(60 * MINUTE).fold(in);
    assertThat(out).extracting(a -> a.event().sourceLine(), Alert::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 3L),
            org.assertj.core.groups.Tuple.tuple(5L, 1L), org.assertj.core.groups.Tuple.tuple(4L, 1L));
  }

  @Test
  void fold_zeroWindowKeepsEveryAlertInTimeOrder() {
    List<Alert> out = new AlertFolder(0).fold(List.of(alert(2, "a", 2), alert(1, "a", 1)));
    assertThat(out).extracting(a -> a.event().sourceLine()).containsExactly(1L, 2L);
    assertThat(out).allSatisfy(a -> assertThat(a.count()).isEqualTo(1));
  }

  @Test
  void order_isTimeThenRuleThenFileThenLine_withNoFileFirst() {
    java.util.Random r = new java.util.Random(11);
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      RuleInfo rule = new RuleInfo("r" + r.nextInt(3), null, "Rule", Severity.LOW, List.of(),
          List.of(), null);
      Event.Builder b = Event.builder(LogSource.ANY).time(r.nextInt(3));
      int file = r.nextInt(4);
      if (file > 0) {
        b.source("file" + file, r.nextInt(3));
      }
      alerts.add(Alert.of(rule, b.build()));
    }
    java.util.Comparator<Alert> byKeys = java.util.Comparator
        .<Alert>comparingLong(a -> a.event().timestampMillis())
        .thenComparing(a -> a.rule().id())
        .thenComparing(a -> java.util.Objects.toString(a.event().sourcePath(), ""))
        .thenComparingLong(a -> a.event().sourceLine());
    for (Alert a : alerts) {
      for (Alert b : alerts.subList(0, 100)) {
        assertThat(Integer.signum(AlertFolder.ORDER.compare(a, b)))
            .isEqualTo(Integer.signum(byKeys.compare(a, b)));
      }
    }
  }
}
