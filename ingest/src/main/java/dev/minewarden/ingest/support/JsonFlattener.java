package dev.minewarden.ingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens a JSON tree into event fields: nested objects become dotted names ({@code
 * userIdentity.arn}), arrays of scalars become a {@link List}, and the leaves of arrays of objects
 * are gathered into one list per joined name ({@code ipPermissions.items.fromPort} holds the
 * {@code fromPort} of every item). Integral numbers become {@link Long}, other numbers {@link
 * Double}, JSON null a present null. Empty objects add nothing.
 *
 * <p>At most {@link #MAX_FIELDS} names are made per record, so a hostile record cannot grow an event
 * without bound; the rest is dropped. Stateless and thread-safe.
 */
public final class JsonFlattener {
  /** The most field names one record may produce. */
  public static final int MAX_FIELDS = 4096;

  private JsonFlattener() {}

  /** Flattens a whole record into a new insertion-ordered map. */
  public static Map<String, Object> flatten(JsonNode root) {
    Map<String, Object> out = new LinkedHashMap<>();
    flattenInto(root, "", out);
    return out;
  }

  /**
   * Flattens {@code node} under {@code prefix} ({@code ""} for the top level) into {@code out}.
   */
  public static void flattenInto(JsonNode node, String prefix, Map<String, Object> out) {
    walk(node, prefix, false, out);
  }

  /** The Java value of a scalar node ({@code null} for JSON null, containers and missing nodes). */
  public static Object scalar(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.asText();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }

  private static void walk(JsonNode node, String name, boolean inArray, Map<String, Object> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String child = name.isEmpty() ? e.getKey() : name + "." + e.getKey();
        walk(e.getValue(), child, inArray, out);
      }
    } else if (node.isArray()) {
      if (!inArray && allScalars(node)) {
        put(out, name, scalarList(node));
        return;
      }
      if (node.isEmpty() && !out.containsKey(name)) {
        put(out, name, new ArrayList<>(0));
      }
      for (JsonNode element : node) {
        walk(element, name, true, out);
      }
    } else if (inArray) {
      append(out, name, scalar(node));
    } else {
      put(out, name, scalar(node));
    }
  }

  private static boolean allScalars(JsonNode array) {
    for (JsonNode e : array) {
      if (e.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  private static List<Object> scalarList(JsonNode array) {
    List<Object> list = new ArrayList<>(array.size());
    for (JsonNode e : array) {
      list.add(scalar(e));
    }
    return list;
  }

  private static void put(Map<String, Object> out, String name, Object value) {
    if (out.size() < MAX_FIELDS || out.containsKey(name)) {
      out.put(name, value);
    }
  }

  @SuppressWarnings("unchecked")
  private static void append(Map<String, Object> out, String name, Object value) {
    Object existing = out.get(name);
    if (existing instanceof List<?> list) {
      ((List<Object>) list).add(value);
    } else if (existing == null && !out.containsKey(name)) {
      List<Object> list = new ArrayList<>(4);
      list.add(value);
      put(out, name, list);
    } else {
      List<Object> list = new ArrayList<>(4);
      list.add(existing);
      list.add(value);
      out.put(name, list);
    }
  }
}
