package dev.minewarden.core.sigma.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the {@code detection} section of a rule (or the {@code filter} section of a Sigma filter)
 * into one {@link Expr}: search identifiers are maps (AND of their entries), lists of maps (OR) or
 * lists of keywords (OR), and the condition combines them. A list of conditions is OR-ed.
 */
public final class DetectionParser {
  private final FieldParser fields;

  /**
   * Makes a parser.
   *
   * @param placeholders values of {@code %name%} placeholders for the {@code expand} modifier
   */
  public DetectionParser(Map<String, List<String>> placeholders) {
    this.fields = new FieldParser(Map.copyOf(placeholders));
  }

  /**
   * Parses a detection section.
   *
   * @param detection the section as parsed YAML
   * @param ignoredKeys keys that are not search identifiers (besides {@code condition}), such as a
   *     filter's {@code rules} or the legacy {@code timeframe}
   */
  public Expr parse(Map<?, ?> detection, Set<String> ignoredKeys) throws InvalidRuleException {
    Map<String, Expr> ids = new LinkedHashMap<>();
    Object condition = null;
    for (Map.Entry<?, ?> e : detection.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (key.equals("condition")) {
        condition = e.getValue();
      } else if (!ignoredKeys.contains(key)) {
        ids.put(key, searchIdentifier(key, e.getValue()));
      }
    }
    return condition(condition, ids);
  }

  private static Expr condition(Object condition, Map<String, Expr> ids)
      throws InvalidRuleException {
    if (condition == null) {
      throw new InvalidRuleException("detection has no condition");
    }
    if (condition instanceof List<?> list) {
      if (list.isEmpty()) {
        throw new InvalidRuleException("condition list is empty");
      }
      List<Expr> items = new ArrayList<>();
      for (Object c : list) {
        items.add(ConditionParser.parse(String.valueOf(c), ids));
      }
      return Expr.or(items);
    }
    if (condition instanceof Map<?, ?>) {
      throw new InvalidRuleException("condition must be a string or a list of strings");
    }
    return ConditionParser.parse(String.valueOf(condition), ids);
  }

  private Expr searchIdentifier(String name, Object value) throws InvalidRuleException {
    try {
      return search(value);
    } catch (InvalidRuleException e) {
      throw new InvalidRuleException("search identifier '" + name + "': " + e.getMessage());
    }
  }

  private Expr search(Object value) throws InvalidRuleException {
    if (value instanceof Map<?, ?> map) {
      return map(map);
    }
    if (value instanceof List<?> list) {
      return list(list);
    }
    if (value == null) {
      throw new InvalidRuleException("is empty");
    }
    return keywords(List.of(value));
  }

  private Expr map(Map<?, ?> map) throws InvalidRuleException {
    if (map.isEmpty()) {
      throw new InvalidRuleException("is an empty map");
    }
    List<Expr> items = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      items.add(fields.parse(String.valueOf(e.getKey()), e.getValue()));
    }
    return Expr.and(items);
  }

  private Expr list(List<?> list) throws InvalidRuleException {
    if (list.isEmpty()) {
      throw new InvalidRuleException("is an empty list");
    }
    List<Expr> items = new ArrayList<>();
    List<Object> words = new ArrayList<>();
    for (Object o : list) {
      if (o instanceof Map<?, ?> m) {
        items.add(map(m));
      } else if (o instanceof List<?> l) {
        items.add(list(l));
      } else if (o != null) {
        words.add(o);
      }
    }
    if (!words.isEmpty()) {
      items.add(keywords(words));
    }
    if (items.isEmpty()) {
      throw new InvalidRuleException("holds only null");
    }
    return Expr.or(items);
  }

  /** Keywords are found anywhere in a string value: plain ones get stars around them. */
  private Expr keywords(List<Object> words) throws InvalidRuleException {
    return fields.parse("|contains", words);
  }
}
