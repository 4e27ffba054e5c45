package dev.minewarden.core.correlation;

import dev.minewarden.core.rules.RuleInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed Sigma correlation rule (specification 2.1.0): which rules it correlates, how events
 * are grouped, over what timespan, and the condition that makes it fire. Immutable and
 * thread-safe.
 *
 * <p>Build one with {@link #parse(Map, String)} from a YAML document already read into maps and
 * lists (Jackson's default mapping); run a set of them with {@link CorrelationEngine}.
 */
public final class CorrelationRule {
  private final RuleInfo info;
  private final CorrelationType type;
  private final List<String> rules;
  private final List<String> groupBy;
  private final long timespanMillis;
  private final Condition condition;
  private final List<String> valueFields;
  private final Map<String, Map<String, String>> aliases;
  private final boolean generate;

  CorrelationRule(
      RuleInfo info,
      CorrelationType type,
      List<String> rules,
      List<String> groupBy,
      long timespanMillis,
      Condition condition,
      List<String> valueFields,
      Map<String, Map<String, String>> aliases,
      boolean generate) {
    this.info = info;
    this.type = type;
    this.rules = List.copyOf(rules);
    // Field names are interned, as detection rules' are: every alert looks them up in its event,
    // whose names are mostly constants, and the look-up then succeeds on identity.
    this.groupBy = List.copyOf(groupBy.stream().map(String::intern).toList());
    this.timespanMillis = timespanMillis;
    this.condition = condition;
    this.valueFields = List.copyOf(valueFields.stream().map(String::intern).toList());
    Map<String, Map<String, String>> a = new LinkedHashMap<>();
    aliases.forEach((k, v) -> {
      Map<String, String> fields = new LinkedHashMap<>();
      v.forEach((rule, field) -> fields.put(rule, field.intern()));
      a.put(k, Collections.unmodifiableMap(fields));
    });
    this.aliases = Collections.unmodifiableMap(a);
    this.generate = generate;
  }

  /**
   * Parses one correlation document.
   *
   * @param document the YAML document as maps, lists, strings, numbers and booleans; must hold a
   *     {@code correlation} map
   * @param path the file it came from (used in error messages and {@link RuleInfo#path()}), or
   *     {@code null}
   * @return the rule
   * @throws CorrelationRuleException naming the path and the problem when the document is malformed
   */
  public static CorrelationRule parse(Map<String, Object> document, String path) {
    return new CorrelationRuleParser(path).parse(document);
  }

  /** Whether a YAML document is a correlation rule (it has a {@code correlation} attribute). */
  public static boolean isCorrelation(Map<String, ?> document) {
    return document != null && document.containsKey("correlation");
  }

  /**
   * The rule's metadata. When the document has no {@code id}, the id is a name-based UUID of the
   * path and title, so it is stable across runs.
   */
  public RuleInfo info() {
    return info;
  }

  /** The correlation type. */
  public CorrelationType type() {
    return type;
  }

  /** The referenced rules, by {@code id} or {@code name}, in the order written (never empty). */
  public List<String> rules() {
    return rules;
  }

  /** The group-by fields or alias names, in the order written; empty means one global group. */
  public List<String> groupBy() {
    return groupBy;
  }

  /** The timespan in milliseconds (positive). */
  public long timespanMillis() {
    return timespanMillis;
  }

  /**
   * The condition; for {@link CorrelationType#isTemporal() temporal} types without one, {@code gte}
   * the number of referenced rules.
   */
  public Condition condition() {
    return condition;
  }

  /** The {@code condition.field} names for value_* types (several are combined), else empty. */
  public List<String> valueFields() {
    return valueFields;
  }

  /** The aliases: alias name to (rule name or id to field name). Unmodifiable. */
  public Map<String, Map<String, String>> aliases() {
    return aliases;
  }

  /**
   * Whether the referenced rules should also produce their own alerts ({@code generate}, default
   * {@code false} as the specification says).
   */
  public boolean generate() {
    return generate;
  }

  /**
   * The event field that holds a group-by name for alerts of a given rule: the alias mapping for
   * that rule's name (or id) when the group-by name is an alias, else the name itself.
   *
   * @param groupByName one of {@link #groupBy()}
   * @param rule the rule whose alert is being grouped
   */
  public String fieldFor(String groupByName, RuleInfo rule) {
    Map<String, String> alias = aliases.get(groupByName);
    if (alias == null) {
      return groupByName;
    }
    String f = rule.name() == null ? null : alias.get(rule.name());
    if (f == null) {
      f = alias.get(rule.id());
    }
    return f == null ? groupByName : f;
  }

  @Override
  public String toString() {
    return "CorrelationRule{"
        + info.id()
        + ", "
        + type.sigmaName()
        + " of "
        + rules
        + " by "
        + groupBy
        + " in "
        + timespanMillis
        + " ms, "
        + condition
        + "}";
  }
}
