package dev.minewarden.core.correlation;

import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.rules.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Turns one YAML document (as maps) into a {@link CorrelationRule}. Pure; one per document. */
final class CorrelationRuleParser {
  private static final Set<String> CONDITION_KEYS =
      Set.of("gt", "gte", "lt", "lte", "eq", "neq", "field");
  private static final Set<String> CORRELATION_KEYS =
      Set.of("type", "rules", "group-by", "timespan", "condition", "aliases", "generate");
  /** Longest timespan accepted: ten years, far beyond any sensible window, safe from overflow. */
  private static final long MAX_TIMESPAN_MILLIS = 10L * 366 * 86_400_000L;

  private final String path;

  CorrelationRuleParser(String path) {
    this.path = path;
  }

  CorrelationRule parse(Map<String, Object> doc) {
    if (doc == null) {
      throw fail("document is empty");
    }
    Map<String, Object> c = map(doc.get("correlation"), "correlation");
    if (c == null) {
      throw fail("missing 'correlation' section");
    }
    for (String key : c.keySet()) {
      if (!CORRELATION_KEYS.contains(key)) {
        throw fail("unknown attribute 'correlation." + key + "'");
      }
    }
    CorrelationType type = type(c.get("type"));
    List<String> rules = stringList(c.get("rules"), "correlation.rules");
    if (rules.isEmpty()) {
      throw fail("'correlation.rules' is missing or empty");
    }
    if (new LinkedHashSet<>(rules).size() != rules.size()) {
      throw fail("'correlation.rules' lists a rule twice: " + rules);
    }
    List<String> groupBy = stringList(c.get("group-by"), "correlation.group-by");
    if (new LinkedHashSet<>(groupBy).size() != groupBy.size()) {
      throw fail("'correlation.group-by' lists a field twice: " + groupBy);
    }
    long timespan = timespan(c.get("timespan"));
    Map<String, Object> cond = map(c.get("condition"), "correlation.condition");
    List<String> fields = valueFields(type, cond);
    Condition condition = condition(type, cond, rules.size());
    Map<String, Map<String, String>> aliases = aliases(c.get("aliases"));
    boolean generate = bool(c.get("generate"), "correlation.generate");
    return new CorrelationRule(
        info(doc), type, rules, groupBy, timespan, condition, fields, aliases, generate);
  }

  private RuleInfo info(Map<String, Object> doc) {
    String title = string(doc.get("title"), "title");
    if (title == null || title.isBlank()) {
      throw fail("'title' is missing");
    }
    String name = string(doc.get("name"), "name");
    String id = string(doc.get("id"), "id");
    if (id == null || id.isBlank()) {
      String seed = (path == null ? "" : path) + "\n" + title;
      id = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
    Object levelValue = doc.get("level");
    Severity level;
    try {
      level = levelValue == null ? Severity.MEDIUM : Severity.fromName(levelValue.toString());
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
    List<String> tags = stringList(doc.get("tags"), "tags");
    List<String> fps = stringList(doc.get("falsepositives"), "falsepositives");
    return new RuleInfo(id, name, title, level, tags, fps, path);
  }

  private CorrelationType type(Object value) {
    if (value == null) {
      throw fail("'correlation.type' is missing");
    }
    CorrelationType t = CorrelationType.fromSigmaName(value.toString());
    if (t == null) {
      throw fail(
          "unknown correlation type '"
              + value
              + "' (expected event_count, value_count, temporal, temporal_ordered, value_sum,"
              + " value_avg or value_percentile)");
    }
    return t;
  }

  /**
   * Parses {@code number + unit} with unit s, m, h or d. Hand-written rather than a regex: the
   * input is short, but this keeps rule parsing free of regex engines entirely.
   */
  long timespan(Object value) {
    if (value == null) {
      throw fail("'correlation.timespan' is missing");
    }
    String s = value.toString().trim();
    if (s.length() < 2 || s.length() > 12) {
      throw fail("bad timespan '" + s + "' (expected a number and s, m, h or d, e.g. 10m)");
    }
    long unit = unitMillis(s.charAt(s.length() - 1));
    long n = 0;
    for (int i = 0; i < s.length() - 1; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9' || unit == 0) {
        throw fail("bad timespan '" + s + "' (expected a number and s, m, h or d, e.g. 10m)");
      }
      n = n * 10 + (ch - '0');
    }
    if (n == 0 || n > MAX_TIMESPAN_MILLIS / unit) {
      throw fail("timespan '" + s + "' must be positive and at most 10 years");
    }
    return n * unit;
  }

  private static long unitMillis(char unit) {
    switch (unit) {
      case 's':
        return 1_000L;
      case 'm':
        return 60_000L;
      case 'h':
        return 3_600_000L;
      case 'd':
        return 86_400_000L;
      default:
        return 0;
    }
  }

  private List<String> valueFields(CorrelationType type, Map<String, Object> cond) {
    Object field = cond == null ? null : cond.get("field");
    if (!type.usesField()) {
      if (field != null) {
        throw fail("'correlation.condition.field' is only used by value_* types");
      }
      return List.of();
    }
    List<String> fields = stringList(field, "correlation.condition.field");
    if (fields.isEmpty()) {
      throw fail("'correlation.condition.field' is required for " + type.sigmaName());
    }
    if (fields.size() > 1 && type != CorrelationType.VALUE_COUNT) {
      throw fail("'correlation.condition.field' must name one field for " + type.sigmaName());
    }
    return fields;
  }

  private Condition condition(CorrelationType type, Map<String, Object> cond, int ruleCount) {
    if (cond == null) {
      if (type.isTemporal()) {
        return Condition.atLeast(ruleCount);
      }
      throw fail("'correlation.condition' is required for " + type.sigmaName());
    }
    for (String key : cond.keySet()) {
      if (!CONDITION_KEYS.contains(key)) {
        throw fail("unknown condition operator '" + key + "' (expected gt, gte, lt, lte, eq, neq)");
      }
    }
    Double gt = number(cond, "gt");
    Double gte = number(cond, "gte");
    Double lt = number(cond, "lt");
    Double lte = number(cond, "lte");
    Double eq = number(cond, "eq");
    Double neq = number(cond, "neq");
    if (gt == null && gte == null && lt == null && lte == null && eq == null && neq == null) {
      if (type.isTemporal()) {
        return Condition.atLeast(ruleCount);
      }
      throw fail("'correlation.condition' states no comparison (gt, gte, lt, lte, eq, neq)");
    }
    return new Condition(gt, gte, lt, lte, eq, neq);
  }

  private Double number(Map<String, Object> cond, String op) {
    Object v = cond.get(op);
    if (v == null) {
      return null;
    }
    if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      if (!Double.isNaN(d) && !Double.isInfinite(d)) {
        return d;
      }
    }
    throw fail("'correlation.condition." + op + "' must be a number, was '" + v + "'");
  }

  private Map<String, Map<String, String>> aliases(Object value) {
    Map<String, Object> raw = map(value, "correlation.aliases");
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      Map<String, Object> perRule = map(e.getValue(), "correlation.aliases." + e.getKey());
      if (perRule == null || perRule.isEmpty()) {
        throw fail("alias '" + e.getKey() + "' maps no rule to a field");
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (Map.Entry<String, Object> f : perRule.entrySet()) {
        String field = string(f.getValue(), "correlation.aliases." + e.getKey() + "." + f.getKey());
        if (field == null || field.isBlank()) {
          throw fail("alias '" + e.getKey() + "' gives no field for rule '" + f.getKey() + "'");
        }
        fields.put(f.getKey(), field);
      }
      out.put(e.getKey(), fields);
    }
    return out;
  }

  private boolean bool(Object value, String what) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    throw fail("'" + what + "' must be true or false, was '" + value + "'");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object value, String what) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map)) {
      throw fail("'" + what + "' must be a mapping, was " + describe(value));
    }
    for (Object k : ((Map<?, ?>) value).keySet()) {
      if (!(k instanceof String)) {
        throw fail("'" + what + "' has a non-text key '" + k + "'");
      }
    }
    return (Map<String, Object>) value;
  }

  private String string(Object value, String what) {
    if (value == null) {
      return null;
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw fail("'" + what + "' must be text, was " + describe(value));
  }

  /** A list of text, or a single text value as a one-element list; empty when absent. */
  private List<String> stringList(Object value, String what) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value instanceof List) {
      for (Object item : (List<?>) value) {
        String s = string(item, what);
        if (s == null || s.isBlank()) {
          throw fail("'" + what + "' has an empty entry");
        }
        out.add(s);
      }
      return out;
    }
    out.add(string(value, what));
    return out;
  }

  private static String describe(Object value) {
    if (value instanceof Map) {
      return "a mapping";
    }
    if (value instanceof List) {
      return "a list";
    }
    return "'" + value + "'";
  }

  private CorrelationRuleException fail(String problem) {
    return new CorrelationRuleException(path, problem);
  }
}
