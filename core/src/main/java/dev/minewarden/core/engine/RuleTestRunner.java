package dev.minewarden.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.correlation.CorrelationEngine;
import dev.minewarden.core.correlation.CorrelationRule;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.sigma.CompiledRules;
import dev.minewarden.core.sigma.LoadResult;
import dev.minewarden.core.sigma.RawDocument;
import dev.minewarden.core.sigma.SigmaLoader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a rule file's test cases: every {@code match} entry (an event, or for correlations a
 * sequence of events) must raise the file's first rule, and no {@code nomatch} entry may. A rule
 * file runs on its own, with the helper rules its correlation refers to, so one rule cannot mask
 * another. Test-case documents look like:
 *
 * <pre>
 * match:
 *   - logsource: {product: linux, category: process_creation}
 *     time: '2026-11-27T10:00:00Z'
 *     host: web-1
 *     fields: {Image: /tmp/x, CommandLine: "x --donate-level 1"}
 * nomatch:
 *   - ...
 * </pre>
 */
public final class RuleTestRunner {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One failed expectation. */
  public record Failure(String file, String kind, int index, String problem) {
    @Override
    public String toString() {
      return file + ": " + kind + " #" + index + ": " + problem;
    }
  }

  /** What a run found: how many entries were checked, and which failed. */
  public record Result(int checked, List<Failure> failures) {}

  private RuleTestRunner() {}

  /** Runs the test cases of every built-in rule. */
  public static Result runBuiltin() throws IOException {
    List<String[]> rules = new ArrayList<>();
    BuiltinRules.read(BuiltinRules.ROOT, (rel, text) -> rules.add(new String[] {rel, text}));
    List<String[]> cases = new ArrayList<>();
    BuiltinRules.read(BuiltinRules.TESTS_ROOT, (rel, text) -> cases.add(new String[] {rel, text}));
    int checked = 0;
    List<Failure> failures = new ArrayList<>();
    for (String[] rule : rules) {
      String text = cases.stream().filter(c -> c[0].equals(rule[0])).map(c -> c[1])
          .findFirst().orElse(null);
      if (text == null) {
        failures.add(new Failure("builtin:" + rule[0], "cases", 0, "no test cases"));
        continue;
      }
      Result r = run(rule[1], "builtin:" + rule[0], text);
      checked += r.checked();
      failures.addAll(r.failures());
    }
    return new Result(checked, failures);
  }

  /**
   * Runs one rule file's test cases.
   *
   * @param ruleYaml the rule file (the rule under test first, helper rules after it)
   * @param origin how failures name the file
   * @param casesYaml the test-case document
   */
  public static Result run(String ruleYaml, String origin, String casesYaml) throws IOException {
    LoadResult loaded = new SigmaLoader().loadString(ruleYaml, origin);
    List<Failure> failures = new ArrayList<>();
    if (!loaded.errors().isEmpty() || (loaded.rules().isEmpty() && loaded.correlations().isEmpty())) {
      failures.add(new Failure(origin, "load", 0, "does not load: " + loaded.errors()));
      return new Result(0, failures);
    }
    String id = firstId(ruleYaml);
    JsonNode cases = YAML.readTree(casesYaml);
    int checked = 0;
    for (String kind : List.of("match", "nomatch")) {
      int i = 0;
      for (JsonNode entry : cases.path(kind)) {
        checked++;
        boolean fired = fired(loaded, entry).contains(id);
        if (fired != kind.equals("match")) {
          failures.add(new Failure(origin, kind, i,
              fired ? "raised the rule but should not" : "did not raise the rule"));
        }
        i++;
      }
    }
    return new Result(checked, failures);
  }

  /** The id of a rule file's first document: the rule under test. */
  private static String firstId(String ruleYaml) throws IOException {
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(ruleYaml)) {
      return docs.hasNext() ? docs.next().path("id").asText() : "";
    }
  }

  /** Ids of the rules one entry raises: detections not suppressed, and correlations. */
  static Set<String> fired(LoadResult loaded, JsonNode entry) {
    CompiledRules rules = CompiledRules.compile(loaded.rules(), loaded.filters());
    List<CorrelationRule> corr = new ArrayList<>();
    for (RawDocument raw : loaded.correlations()) {
      corr.add(CorrelationRule.parse(raw.document(), raw.path()));
    }
    CorrelationEngine engine = CorrelationEngine.builder(corr).build();
    Set<String> ids = new HashSet<>();
    Consumer<Alert> correlated = a -> ids.add(a.rule().id());
    List<Event> events = new ArrayList<>();
    if (entry.isArray()) {
      entry.forEach(e -> events.add(event(e)));
    } else {
      events.add(event(entry));
    }
    events.sort(Comparator.comparingLong(Event::timestampMillis));
    for (Event e : events) {
      rules.match(e, a -> {
        if (!engine.isSuppressed(a.rule())) {
          ids.add(a.rule().id());
        }
        engine.accept(a, correlated);
      });
    }
    engine.flush(correlated);
    return ids;
  }

  /** Builds an event from a test-case entry; integral numbers become Long, lists stay lists. */
  public static Event event(JsonNode e) {
    JsonNode ls = e.path("logsource");
    Event.Builder b = Event.builder(
            LogSource.of(text(ls, "product"), text(ls, "category"), text(ls, "service")))
        .host(text(e, "host"));
    if (e.hasNonNull("time")) {
      b.time(Instant.parse(e.get("time").asText()));
    }
    Iterator<Map.Entry<String, JsonNode>> it = e.path("fields").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      b.field(f.getKey(), value(f.getValue()));
    }
    return b.build();
  }

  private static Object value(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isArray()) {
      List<Object> out = new ArrayList<>();
      v.forEach(x -> out.add(value(x)));
      return out;
    }
    return v.asText();
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }
}
