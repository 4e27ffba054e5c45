package dev.minewarden.core.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minewarden.core.rules.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CorrelationRuleTest {

  private static CorrelationRule parse(String yaml) {
    return CorrelationRule.parse(Yaml.doc(yaml), "rules/test.yml");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "event_count.yml", "event_count_ecs.yml", "value_count.yml", "temporal.yml",
        "temporal_ordered.yml", "value_sum.yml", "value_avg.yml", "value_percentile.yml"
      })
  void parse_specificationExamples(String file) {
    Map<String, Object> doc = Yaml.resource(file).get(0);
    CorrelationRule rule = CorrelationRule.parse(doc, file);
    @SuppressWarnings("unchecked")
    Map<String, Object> c = (Map<String, Object>) doc.get("correlation");
    assertThat(rule.type().sigmaName()).isEqualTo(c.get("type"));
    assertThat(rule.rules()).isEqualTo(c.get("rules"));
    assertThat(rule.groupBy()).isEqualTo(c.get("group-by"));
    assertThat(rule.info().title()).isEqualTo(doc.get("title"));
    assertThat(rule.info().path()).isEqualTo(file);
    assertThat(rule.generate()).isFalse();
  }

  @Test
  void parse_eventCountExample() {
    CorrelationRule rule = CorrelationRule.parse(Yaml.resource("event_count.yml").get(0), "x");
    assertThat(rule.info().id()).isEqualTo("0e95725d-7320-415d-80f7-004da920fc11");
    assertThat(rule.timespanMillis()).isEqualTo(3_600_000L);
    assertThat(rule.condition().test(99)).isFalse();
    assertThat(rule.condition().test(100)).isTrue();
    assertThat(rule.condition().isLowerBoundOnly()).isTrue();
    assertThat(rule.info().level()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void parse_valueCountExampleHasField() {
    CorrelationRule rule = CorrelationRule.parse(Yaml.resource("value_count.yml").get(0), "x");
    assertThat(rule.valueFields()).containsExactly("User");
    assertThat(rule.timespanMillis()).isEqualTo(86_400_000L);
  }

  @Test
  void parse_temporalWithoutConditionNeedsAllRules() {
    CorrelationRule rule = CorrelationRule.parse(Yaml.resource("temporal.yml").get(0), "t.yml");
    assertThat(rule.condition().test(2)).isFalse();
    assertThat(rule.condition().test(3)).isTrue();
    assertThat(rule.timespanMillis()).isEqualTo(300_000L);
  }

  @Test
  void parse_missingIdGivesStableNameBasedId() {
    Map<String, Object> doc = Yaml.resource("temporal.yml").get(0);
    String a = CorrelationRule.parse(doc, "t.yml").info().id();
    assertThat(CorrelationRule.parse(doc, "t.yml").info().id()).isEqualTo(a);
    assertThat(CorrelationRule.parse(doc, "other.yml").info().id()).isNotEqualTo(a);
  }

  @Test
  void parse_specExampleMultiDocument() {
    List<Map<String, Object>> docs = Yaml.resource("spec_failed_logins_then_success.yml");
    assertThat(docs).hasSize(4);
    assertThat(docs.stream().filter(CorrelationRule::isCorrelation)).hasSize(2);
    CorrelationRule outer = CorrelationRule.parse(docs.get(0), "mr.yml");
    assertThat(outer.type()).isEqualTo(CorrelationType.TEMPORAL_ORDERED);
    assertThat(outer.info().level()).isEqualTo(Severity.HIGH);
    assertThat(outer.info().falsePositives()).containsExactly("Unlikely");
    CorrelationRule inner = CorrelationRule.parse(docs.get(1), "mr.yml");
    assertThat(inner.info().name()).isEqualTo("multiple_failed_login");
    assertThat(inner.condition().minimumCount()).isEqualTo(10);
  }

  @Test
  void parse_metadataAliasesAndGenerate() {
    CorrelationRule rule =
        parse(
            """
            title: Pool after failed logins
            id: 11111111-2222-3333-4444-555555555555
            name: pool_after_bruteforce
            level: critical
            tags: [attack.t1496, attack.impact]
            falsepositives: Admins
            correlation:
              type: temporal
              rules: [internal_error, new_network_connection]
              group-by: [internal_ip]
              timespan: 10s
              generate: true
              aliases:
                internal_ip:
                  internal_error: destination.ip
                  new_network_connection: source.ip
            """);
    assertThat(rule.info().name()).isEqualTo("pool_after_bruteforce");
    assertThat(rule.info().level()).isEqualTo(Severity.CRITICAL);
    assertThat(rule.info().tags()).containsExactly("attack.t1496", "attack.impact");
    assertThat(rule.info().falsePositives()).containsExactly("Admins");
    assertThat(rule.generate()).isTrue();
    assertThat(rule.timespanMillis()).isEqualTo(10_000L);
    assertThat(rule.aliases().get("internal_ip"))
        .containsEntry("internal_error", "destination.ip")
        .containsEntry("new_network_connection", "source.ip");
  }

  @Test
  void parse_rangeCondition() {
    CorrelationRule rule =
        parse(
            """
            title: Range
            correlation:
              type: event_count
              rules: [a]
              group-by: [User]
              timespan: 1h
              condition: {gt: 100, lte: 200}
            """);
    assertThat(rule.condition().test(100)).isFalse();
    assertThat(rule.condition().test(101)).isTrue();
    assertThat(rule.condition().test(200)).isTrue();
    assertThat(rule.condition().test(201)).isFalse();
    assertThat(rule.condition().isLowerBoundOnly()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10s|10000",
        "5m|300000",
        "1h|3600000",
        "1d|86400000",
        "90m|5400000",
      })
  void parse_timespanUnits(String span, long millis) {
    assertThat(parse(eventCount("timespan: " + span)).timespanMillis()).isEqualTo(millis);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "10x", "0s", "1H", "-5m", "m", "1.5h", "99999999999d", "'1 h'"})
  void parse_badTimespan(String span) {
    assertThatThrownBy(() -> parse(eventCount("timespan: " + span)))
        .isInstanceOf(CorrelationRuleException.class)
        .hasMessageStartingWith("rules/test.yml: ")
        .hasMessageContaining("timespan");
  }

  @Test
  void parse_errorsNameThePathAndProblem() {
    assertProblem(
        "title: x\ncorrelation: {rules: [a], group-by: [U], timespan: 1h, condition: {gte: 1}}",
        "'correlation.type' is missing");
    assertProblem(
        "title: x\ncorrelation: {type: event_sum, rules: [a], timespan: 1h, condition: {gte: 1}}",
        "unknown correlation type 'event_sum'");
    assertProblem(
        "title: x\ncorrelation: {type: event_count, timespan: 1h, condition: {gte: 1}}",
        "'correlation.rules' is missing or empty");
    assertProblem(
        "title: x\ncorrelation: {type: event_count, rules: [a], timespan: 1h}",
        "'correlation.condition' is required for event_count");
    assertProblem(
        "title: x\ncorrelation: {type: value_count, rules: [a], timespan: 1h, condition: {gte: 1}}",
        "'correlation.condition.field' is required for value_count");
    assertProblem(
        "title: x\ncorrelation: {type: event_count, rules: [a], timespan: 1h, condition: {gte: many}}",
        "'correlation.condition.gte' must be a number");
    assertProblem(
        "title: x\ncorrelation: {type: event_count, rules: [a], timespan: 1h, condition: {more: 1}}",
        "unknown condition operator 'more'");
    assertProblem(
        "title: x\ncorrelation: {type: event_count, rules: [a, a], timespan: 1h, condition: {gte: 1}}",
        "lists a rule twice");
    assertProblem(
        "title: x\ncorrelation: {type: temporal, rules: [a, b], timespan: 1h, aliases: {ip: x}}",
        "'correlation.aliases.ip' must be a mapping");
    assertProblem(
        "title: x\nlevel: severe\ncorrelation: {type: temporal, rules: [a, b], timespan: 1h}",
        "unknown level 'severe'");
    assertProblem("correlation: {type: temporal, rules: [a, b], timespan: 1h}", "'title' is missing");
    assertProblem("title: x\ncorrelation: [1, 2]", "'correlation' must be a mapping");
    assertProblem(
        "title: x\ncorrelation: {type: temporal, rules: [a], timespan: 1h, generate: yes please}",
        "'correlation.generate' must be true or false");
  }

  private static void assertProblem(String yaml, String problem) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOfSatisfying(
            CorrelationRuleException.class,
            e -> {
              assertThat(e.path()).isEqualTo("rules/test.yml");
              assertThat(e.problem()).contains(problem);
            })
        .hasMessageStartingWith("rules/test.yml: ");
  }

  private static String eventCount(String timespanLine) {
    return "title: x\ncorrelation:\n  type: event_count\n  rules: [a]\n  group-by: [User]\n  "
        + timespanLine
        + "\n  condition: {gte: 2}\n";
  }
}
