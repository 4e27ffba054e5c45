package dev.minewarden.core.sigma;

import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.rules.Severity;
import dev.minewarden.core.sigma.internal.DetectionParser;
import dev.minewarden.core.sigma.internal.Expr;
import dev.minewarden.core.sigma.internal.InvalidRuleException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Interprets one merged YAML document as a detection rule or a Sigma filter. */
final class DocumentParser {
  private static final Set<String> DETECTION_EXTRAS = Set.of("timeframe");
  private static final Set<String> FILTER_EXTRAS = Set.of("rules");
  private final DetectionParser detection;

  DocumentParser(Map<String, List<String>> placeholders) {
    this.detection = new DetectionParser(placeholders);
  }

  SigmaRule rule(Map<String, Object> doc, String path, int index) throws InvalidRuleException {
    String title = requiredString(doc, "title");
    String id = optionalString(doc, "id");
    if (id == null) {
      byte[] seed = (path + "#" + index + "#" + title).getBytes(StandardCharsets.UTF_8);
      id = UUID.nameUUIDFromBytes(seed).toString();
    }
    RuleInfo info =
        new RuleInfo(
            id,
            optionalString(doc, "name"),
            title,
            level(doc.get("level")),
            strings(doc, "tags"),
            strings(doc, "falsepositives"),
            path);
    LogSource ls = logSource(doc);
    Object det = doc.get("detection");
    if (!(det instanceof Map<?, ?> detMap)) {
      throw new InvalidRuleException("'detection' is missing or not a map");
    }
    Expr e = detection.parse(detMap, DETECTION_EXTRAS);
    return new SigmaRule(info, ls, Collections.unmodifiableMap(doc), e);
  }

  SigmaFilter filter(Map<String, Object> doc, String path) throws InvalidRuleException {
    String title = requiredString(doc, "title");
    LogSource ls = logSource(doc);
    if (!(doc.get("filter") instanceof Map<?, ?> f)) {
      throw new InvalidRuleException("'filter' is not a map");
    }
    Object rules = f.get("rules");
    List<String> names = new ArrayList<>();
    if (rules instanceof List<?> l) {
      l.forEach(r -> names.add(String.valueOf(r)));
    } else if (rules != null) {
      names.add(String.valueOf(rules));
    }
    if (names.isEmpty()) {
      throw new InvalidRuleException("filter names no rules ('filter.rules' is missing or empty)");
    }
    Expr e = detection.parse(f, FILTER_EXTRAS);
    return new SigmaFilter(
        optionalString(doc, "id"), title, ls, names, path, Collections.unmodifiableMap(doc), e);
  }

  private static String requiredString(Map<String, Object> doc, String key)
      throws InvalidRuleException {
    Object v = doc.get(key);
    if (v == null || v instanceof Map<?, ?> || v instanceof List<?> || v.toString().isBlank()) {
      throw new InvalidRuleException("'" + key + "' is missing or not a string");
    }
    return v.toString();
  }

  static String optionalString(Map<String, Object> doc, String key) {
    Object v = doc.get(key);
    return v == null || v instanceof Map<?, ?> || v instanceof List<?> ? null : v.toString();
  }

  private static Severity level(Object level) throws InvalidRuleException {
    if (level == null) {
      return Severity.MEDIUM;
    }
    try {
      return Severity.fromName(level.toString());
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(e.getMessage());
    }
  }

  private static List<String> strings(Map<String, Object> doc, String key) {
    Object v = doc.get(key);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object o : l) {
        if (o != null) {
          out.add(o.toString());
        }
      }
    } else if (v != null) {
      out.add(v.toString());
    }
    return out;
  }

  private static LogSource logSource(Map<String, Object> doc) throws InvalidRuleException {
    if (!(doc.get("logsource") instanceof Map<?, ?> m)) {
      throw new InvalidRuleException("'logsource' is missing or not a map");
    }
    return LogSource.of(part(m, "product"), part(m, "category"), part(m, "service"));
  }

  private static String part(Map<?, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? null : v.toString();
  }
}
