package dev.minewarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.correlation.CorrelationEngine;
import dev.minewarden.core.correlation.CorrelationRule;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.sigma.CompiledRules;
import dev.minewarden.core.sigma.LoadResult;
import dev.minewarden.core.sigma.RawDocument;
import dev.minewarden.core.sigma.SigmaLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every built-in rule's test events through the Sigma engine and the correlation engine: each
 * {@code match} event or sequence must raise the rule, no {@code nomatch} one may. A rule file is
 * run on its own (with the parts its correlation refers to), so one rule cannot mask another.
 */
final class BuiltinRulePackEngineTest {

  static List<String> ruleFiles() {
    return BuiltinPack.ruleFiles();
  }

  @Test
  void wholePack_loadsWithoutErrorsAndBuildsOneEngine() {
    LoadResult pack = new SigmaLoader().load(BuiltinPack.resourceDir(BuiltinPack.RULES));
    assertThat(pack.errors()).isEmpty();
    assertThat(pack.rules()).isNotEmpty();
    List<CorrelationRule> correlations = correlations(pack);
    CorrelationEngine engine = CorrelationEngine.builder(correlations).build();
    assertThat(engine.rules()).hasSameSizeAs(pack.correlations());
    // every document of the pack is either a detection rule or a correlation
    long documents = ruleFiles().stream().mapToLong(f -> BuiltinPack.documents(f).size()).sum();
    assertThat(pack.rules().size() + pack.correlations().size()).isEqualTo((int) documents);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleFiles")
  void matchEvents_raiseTheRule(String file) {
    String id = BuiltinPack.documents(file).get(0).get("id").asText();
    List<JsonNode> entries = entries(file, "match");
    for (int i = 0; i < entries.size(); i++) {
      assertThat(fired(file, entries.get(i))).as("%s match #%d %s", file, i, note(entries.get(i))).contains(id);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleFiles")
  void nearMissEvents_doNotRaiseTheRule(String file) {
    String id = BuiltinPack.documents(file).get(0).get("id").asText();
    List<JsonNode> entries = entries(file, "nomatch");
    for (int i = 0; i < entries.size(); i++) {
      assertThat(fired(file, entries.get(i))).as("%s nomatch #%d %s", file, i, note(entries.get(i))).doesNotContain(id);
    }
  }

  private static List<JsonNode> entries(String file, String kind) {
    List<JsonNode> out = new ArrayList<>();
    BuiltinPack.testCases(file).path(kind).forEach(out::add);
    return out;
  }

  /** Ids of the rules (detections not suppressed, and correlations) one entry raises. */
  private static Set<String> fired(String file, JsonNode entry) {
    LoadResult loaded = new SigmaLoader().load(BuiltinPack.resourceDir(BuiltinPack.RULES).resolve(file));
    assertThat(loaded.errors()).as("%s loads", file).isEmpty();
    CompiledRules rules = CompiledRules.compile(loaded.rules(), loaded.filters());
    CorrelationEngine engine = CorrelationEngine.builder(correlations(loaded)).build();
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

  private static List<CorrelationRule> correlations(LoadResult loaded) {
    List<CorrelationRule> out = new ArrayList<>();
    for (RawDocument raw : loaded.correlations()) {
      out.add(CorrelationRule.parse(raw.document(), raw.path()));
    }
    return out;
  }

  /** Builds an event from a test-case entry; numbers become Long, lists stay lists. */
  static Event event(JsonNode e) {
    JsonNode ls = e.path("logsource");
    Event.Builder b = Event.builder(LogSource.of(text(ls, "product"), text(ls, "category"), text(ls, "service")))
        .time(Instant.parse(e.path("time").asText()))
        .host(text(e, "host"));
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

  private static String note(JsonNode entry) {
    JsonNode first = entry.isArray() ? entry.path(0) : entry;
    return first.path("note").asText("");
  }
}
