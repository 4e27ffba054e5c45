package dev.minewarden.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a detection rule's alerts go: to the output unless a correlation refers to the rule
 * without {@code generate: true}, and to the correlations that refer to it; the same whether
 * events are matched one by one or in a batch committed later.
 */
class DetectionEngineRoutingTest {
  private static String rule(String id, String action) {
    return """
        title: %s
        id: %s
        status: test
        level: low
        logsource: {product: linux, service: sshd}
        detection:
          sel: {event.action: %s}
          condition: sel
        """.formatted(id, id, action);
  }

  private static String twoInAMinute(String id, String base, boolean generate) {
    return """
        title: two %s
        id: %s
        status: test
        level: medium
        correlation:
          type: event_count
          rules: [%s]
          group-by: [SourceIp]
          timespan: 1m
          generate: %s
          condition: {gte: 2}
        """.formatted(base, id, base, generate);
  }

  private static Event event(String action, int second) {
    return Event.builder(LogSource.exact("linux", null, "sshd"))
        .time(1_700_000_000_000L + second * 1000L).source("auth.log", second + 1)
        .field("event.action", action).field("SourceIp", "203.0.113.9").build();
  }

  @Test
  void baseAlerts_suppressedUnlessGenerated_andCorrelationsFedEitherWay(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("quiet.yml"), rule("quiet-base", "quiet"));
    Files.writeString(dir.resolve("loud.yml"), rule("loud-base", "loud"));
    Files.writeString(dir.resolve("alone.yml"), rule("alone-base", "alone"));
    Files.writeString(dir.resolve("c-quiet.yml"), twoInAMinute("c-quiet", "quiet-base", false));
    Files.writeString(dir.resolve("c-loud.yml"), twoInAMinute("c-loud", "loud-base", true));
    DetectionEngine engine = DetectionEngine.builder().includeBuiltin(false).addRules(dir).build();
    assertThat(engine.loadErrors()).isEmpty();

    for (boolean batched : new boolean[] {false, true}) {
      List<Alert> out = new ArrayList<>();
      DetectionEngine.Session s = engine.session(out::add);
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        events.add(event("quiet", i));
        events.add(event("loud", i));
        events.add(event("alone", i));
      }
      if (batched) {
        DetectionEngine.Session.Batch b = s.batch();
        events.forEach(b);
        s.commit(b);
      } else {
        events.forEach(s);
      }
      s.finish();
      assertThat(out).as("batched %s", batched).extracting(a -> a.rule().id())
          .containsExactlyInAnyOrder("loud-base", "loud-base", "alone-base", "alone-base",
              "c-quiet", "c-loud");
    }
  }
}
