package dev.minewarden.core.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds one-rule engines from a detection section and events from field lists. */
final class SigmaTestSupport {
  private SigmaTestSupport() {}

  /** A rule document with the given detection section (indented by the caller's text block). */
  static String rule(String id, String logsource, String detection) {
    return "title: rule " + id + "\nid: " + id + "\nlogsource:\n" + indent(logsource)
        + "detection:\n" + indent(detection);
  }

  static String indent(String block) {
    StringBuilder b = new StringBuilder();
    for (String line : block.strip().split("\n")) {
      b.append("    ").append(line).append('\n');
    }
    return b.toString();
  }

  static CompiledRules compile(String yaml) {
    LoadResult r = new SigmaLoader().loadString(yaml, "test.yml");
    assertThat(r.errors()).as("load errors").isEmpty();
    return CompiledRules.compile(r.rules(), r.filters());
  }

  /** A compiled single rule with product linux. */
  static CompiledRules detection(String detection) {
    return compile(rule("r1", "product: linux", detection));
  }

  static Event event(Object... kv) {
    return event(LogSource.ANY, kv);
  }

  static Event event(LogSource ls, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    Event.Builder b = Event.builder(ls);
    m.forEach(b::field);
    return b.build();
  }

  static List<String> alerts(CompiledRules rules, Event e) {
    List<String> ids = new ArrayList<>();
    rules.match(e, (Alert a) -> ids.add(a.rule().id()));
    return ids;
  }

  static boolean matches(CompiledRules rules, Event e) {
    return !alerts(rules, e).isEmpty();
  }

  /** The error messages of loading a one-rule document. */
  static List<String> errors(String detection) {
    return new SigmaLoader()
        .loadString(rule("bad", "product: linux", detection), "bad.yml")
        .errors()
        .stream()
        .map(RuleError::message)
        .toList();
  }
}
