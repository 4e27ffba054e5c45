package dev.minewarden.posture.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Small null-tolerant readers over Jackson trees: missing or wrong-typed fields read as empty. */
final class Nodes {
  private Nodes() {}

  /** The text of a scalar field, or {@code ""} when absent, null or not a scalar. */
  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v != null && v.isValueNode() && !v.isNull() ? v.asText() : "";
  }

  /** An int field, or {@code dflt} when absent or not a number (numeric strings are accepted). */
  static int integer(JsonNode n, String field, int dflt) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (v.isNumber()) {
      return v.asInt();
    }
    return v.isTextual() ? ParseNumbers.toInt(v.asText(), dflt) : dflt;
  }

  /** A boolean field: JSON booleans and the strings true/false; {@code null} when absent. */
  static Boolean bool(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    String s = v.asText().trim();
    if (s.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    return s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
  }

  /** The elements of an array field (a single object counts as one), never null. */
  static List<JsonNode> list(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    List<JsonNode> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isArray()) {
      v.forEach(out::add);
    } else {
      out.add(v);
    }
    return out;
  }

  /** The texts of an array of scalars (or one scalar), skipping anything else. */
  static List<String> texts(JsonNode n, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : list(n, field)) {
      if (e.isValueNode() && !e.isNull()) {
        out.add(e.asText());
      }
    }
    return out;
  }

  /** The texts of {@code field} inside each element of an array field. */
  static List<String> texts(JsonNode n, String arrayField, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : list(n, arrayField)) {
      String s = text(e, field);
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** The first element of a Terraform block list ({@code metadata_options: [ {...} ]}), or null. */
  static JsonNode block(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      return v.size() > 0 && v.get(0).isObject() ? v.get(0) : null;
    }
    return v.isObject() ? v : null;
  }
}
