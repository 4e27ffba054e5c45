package dev.minewarden.core.sigma.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the rule-collection actions of a multi-document YAML file: {@code action: global} sets
 * content merged into every following document, {@code action: reset} clears it, and {@code action:
 * repeat} produces a new document from the previous one with this document's content merged over
 * it. Merging is deep for maps; anything else is replaced.
 */
public final class RuleCollections {
  private RuleCollections() {}

  /** One merged document and its position (0-based) in the file. */
  public record Doc(int index, Map<String, Object> content) {}

  /**
   * Resolves the actions.
   *
   * @param docs the documents of one file, in order ({@code null} entries are empty documents)
   * @return the documents to interpret, in order
   * @throws InvalidRuleException for an unknown action or a {@code repeat} with nothing before it;
   *     the message names the document position
   */
  public static List<Doc> resolve(List<Map<String, Object>> docs) throws InvalidRuleException {
    Map<String, Object> global = new LinkedHashMap<>();
    Map<String, Object> previous = null;
    List<Doc> out = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      Map<String, Object> doc = docs.get(i);
      if (doc == null || doc.isEmpty()) {
        continue;
      }
      Object action = doc.get("action");
      Map<String, Object> body = new LinkedHashMap<>(doc);
      body.remove("action");
      if (action == null) {
        previous = merge(global, body);
        out.add(new Doc(i, previous));
      } else if ("global".equals(action)) {
        global = merge(global, body);
      } else if ("reset".equals(action)) {
        global = new LinkedHashMap<>();
      } else if ("repeat".equals(action)) {
        if (previous == null) {
          throw new InvalidRuleException("document " + (i + 1) + ": 'action: repeat' with no rule before it");
        }
        previous = merge(previous, body);
        out.add(new Doc(i, previous));
      } else {
        throw new InvalidRuleException("document " + (i + 1) + ": unknown action '" + action + "'");
      }
    }
    return out;
  }

  /** A deep copy of {@code base} with {@code over} merged into it. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> r = new LinkedHashMap<>();
    base.forEach((k, v) -> r.put(k, copy(v)));
    over.forEach(
        (k, v) -> {
          Object b = r.get(k);
          if (b instanceof Map<?, ?> bm && v instanceof Map<?, ?> vm) {
            r.put(k, merge((Map<String, Object>) bm, (Map<String, Object>) vm));
          } else {
            r.put(k, copy(v));
          }
        });
    return r;
  }

  @SuppressWarnings("unchecked")
  private static Object copy(Object v) {
    if (v instanceof Map<?, ?> m) {
      return merge((Map<String, Object>) m, Map.of());
    }
    if (v instanceof List<?> l) {
      List<Object> c = new ArrayList<>(l.size());
      l.forEach(x -> c.add(copy(x)));
      return c;
    }
    return v;
  }
}
