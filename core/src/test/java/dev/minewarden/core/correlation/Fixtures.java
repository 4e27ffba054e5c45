package dev.minewarden.core.correlation;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.rules.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Stand-ins for detection-rule matches: real RuleInfo, Event and Alert objects. */
final class Fixtures {
  static final LogSource SSHD = LogSource.of("linux", null, "sshd");

  private long line;

  /** A detection rule with id {@code id-<name>}. */
  static RuleInfo base(String name) {
    return new RuleInfo(
        "id-" + name, name, "Title of " + name, Severity.LOW, List.of(), List.of(), name + ".yml");
  }

  /**
   * A detection alert at {@code seconds} (event time, s) with field name/value pairs; each gets the
   * next line number of {@code auth.log}.
   */
  Alert alert(RuleInfo rule, double seconds, Object... fields) {
    Event.Builder b =
        Event.builder(SSHD).time(Math.round(seconds * 1000)).source("auth.log", ++line);
    for (int i = 0; i < fields.length; i += 2) {
      b.field((String) fields[i], fields[i + 1]);
    }
    return Alert.of(rule, b.build());
  }

  static CorrelationRule rule(String yaml) {
    return CorrelationRule.parse(Yaml.doc(yaml), "mr_test.yml");
  }

  static CorrelationEngine engine(CorrelationRule... rules) {
    return CorrelationEngine.builder(List.of(rules)).build();
  }

  /** Feeds all alerts in the given order, flushes, and returns the correlation alerts. */
  static List<Alert> run(CorrelationEngine engine, Collection<Alert> alerts) {
    List<Alert> out = new ArrayList<>();
    Consumer<Alert> sink = out::add;
    alerts.forEach(a -> engine.accept(a, sink));
    engine.flush(sink);
    return out;
  }

  /** Everything observable about an alert, as text, for comparing runs. */
  static String describe(Alert a) {
    return a.rule().id()
        + " @"
        + a.event().timestampMillis()
        + " line "
        + a.event().sourceLine()
        + " count "
        + a.count()
        + " related "
        + a.related().stream().map(e -> e.sourceLine() + "").collect(Collectors.joining(","))
        + " "
        + a.attributes();
  }

  static List<String> describe(List<Alert> alerts) {
    return alerts.stream().map(Fixtures::describe).collect(Collectors.toList());
  }

  /** Event times (s) of the alerts' triggering events. */
  static List<Double> triggerSeconds(List<Alert> alerts) {
    return alerts.stream()
        .map(a -> a.event().timestampMillis() / 1000.0)
        .collect(Collectors.toList());
  }
}
