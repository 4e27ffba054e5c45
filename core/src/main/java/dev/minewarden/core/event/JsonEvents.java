package dev.minewarden.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a JSON object into an {@link Event}, for generic JSON inputs. Pure: no I/O.
 *
 * <ul>
 *   <li>Nested objects are flattened with dots ({@code a.b.c}); arrays of scalars become a {@link
 *       List}; arrays of objects become lists of values under the joined names ({@code
 *       items.name: [x, y]}). Integral numbers become {@link Long}, others {@link Double}, JSON
 *       null a present null field.
 *   <li>Windows event log records rendered as JSON (an {@code Event} object with {@code System},
 *       {@code EventData} or {@code UserData}) also get the Sigma names of their fields: the leaf
 *       names of {@code EventData}/{@code UserData} ({@code Image}, also {@code Data} entries with
 *       {@code @Name}/{@code #text}), and {@code System} children with attributes joined by an
 *       underscore ({@code EventID}, {@code Channel}, {@code Provider_Name}, {@code
 *       Execution_ProcessID}), and names with spaces also without them ({@code SourceName} for
 *       {@code Source Name}), as the Sigma specification names Windows fields; such events get
 *       product {@code windows}.
 *   <li>The logsource comes from a top-level {@code logsource} object with {@code product},
 *       {@code category}, {@code service}, else it is {@link LogSource#ANY}.
 *   <li>The event time comes from the first of {@code @timestamp}, {@code timestamp}, the evtx
 *       {@code TimeCreated SystemTime}, {@code time}, {@code eventTime}, {@code EventTime}, {@code
 *       ts}, {@code UtcTime}: ISO-8601 text (UTC when it has no offset) or epoch seconds,
 *       milliseconds, microseconds or nanoseconds (by magnitude).
 * </ul>
 */
public final class JsonEvents {
  private static final String[] TIME_FIELDS = {
    "@timestamp",
    "timestamp",
    "Event.System.TimeCreated.#attributes.SystemTime",
    "Event.System.TimeCreated.SystemTime",
    "time",
    "eventTime",
    "EventTime",
    "ts",
    "UtcTime"
  };
  private static final String[] HOST_FIELDS = {
    "host.name", "host", "hostname", "Hostname", "Event.System.Computer", "Computer"
  };

  private JsonEvents() {}

  /**
   * Makes an event of a JSON object.
   *
   * @param object a JSON object node
   * @param sourcePath the file it was read from, or {@code null}
   * @param line the 1-based line its text starts on, or 0
   * @throws IllegalArgumentException when the node is not an object
   */
  public static Event toEvent(JsonNode object, String sourcePath, long line) {
    if (object == null || !object.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    flatten(object, "", false, fields);
    JsonNode evtx = object.get("Event");
    boolean windows = isEvtx(evtx);
    if (windows) {
      addEvtxNames(evtx, fields);
    }
    Event.Builder b = Event.builder(logSource(object, windows));
    fields.forEach(b::field);
    b.time(time(fields));
    b.host(host(fields));
    b.source(sourcePath, line);
    return b.build();
  }

  /** Makes an event of a JSON object that was read from no file. */
  public static Event toEvent(JsonNode object) {
    return toEvent(object, null, 0);
  }

  private static boolean isEvtx(JsonNode evtx) {
    return evtx != null
        && evtx.isObject()
        && (evtx.has("System") || evtx.has("EventData") || evtx.has("UserData"));
  }

  private static LogSource logSource(JsonNode root, boolean windows) {
    JsonNode ls = root.get("logsource");
    if (ls != null && ls.isObject()) {
      LogSource s = LogSource.of(text(ls, "product"), text(ls, "category"), text(ls, "service"));
      if (s != LogSource.ANY) {
        return s;
      }
    }
    return windows ? LogSource.of("windows", null, null) : LogSource.ANY;
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  /* ------ flattening ------ */

  private static void flatten(JsonNode node, String name, boolean multi, Map<String, Object> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = name.isEmpty() ? e.getKey() : name + "." + e.getKey();
        flatten(e.getValue(), key, multi, out);
      }
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.putIfAbsent(name, new ArrayList<>());
      }
      for (JsonNode element : node) {
        flatten(element, name, true, out);
      }
    } else if (multi) {
      append(out, name, scalar(node));
    } else {
      out.put(name, scalar(node));
    }
  }

  @SuppressWarnings("unchecked")
  private static void append(Map<String, Object> out, String name, Object value) {
    Object cur = out.get(name);
    if (cur instanceof ArrayList<?> list) {
      ((List<Object>) list).add(value);
    } else {
      List<Object> list = new ArrayList<>();
      if (out.containsKey(name)) {
        list.add(cur);
      }
      list.add(value);
      out.put(name, list);
    }
  }

  private static Object scalar(JsonNode n) {
    if (n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? (Object) n.longValue() : n.asText();
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    return n.asText();
  }

  /* ------ Windows event log names ------ */

  private static void addEvtxNames(JsonNode evtx, Map<String, Object> fields) {
    Map<String, Object> names = new LinkedHashMap<>();
    leafNames(evtx.get("EventData"), names);
    leafNames(evtx.get("UserData"), names);
    systemNames(evtx.get("System"), names);
    names.forEach(fields::putIfAbsent);
    // Sigma names Windows fields as shown with spaces stripped ("Source Name" -> SourceName).
    names.forEach((k, v) -> fields.putIfAbsent(stripSpaces(k), v));
  }

  private static String stripSpaces(String name) {
    return name.indexOf(' ') < 0 ? name : name.replace(" ", "");
  }

  /** EventData/UserData: every leaf under its own name; attributes are markup, not data. */
  private static void leafNames(JsonNode node, Map<String, Object> names) {
    if (node == null || !node.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (key.equals("#attributes")) {
        continue;
      }
      if (key.equals("Data") && (v.isArray() || named(v))) {
        dataEntries(v, names);
      } else if (v.isObject()) {
        leafNames(v, names);
      } else {
        Map<String, Object> one = new LinkedHashMap<>();
        flatten(v, key, false, one);
        one.forEach(names::putIfAbsent);
      }
    }
  }

  private static boolean named(JsonNode v) {
    return v.isObject() && (v.has("@Name") || v.has("Name"));
  }

  /** {@code Data} entries of the form {@code {"@Name": "X", "#text": "value"}}. */
  private static void dataEntries(JsonNode data, Map<String, Object> names) {
    for (JsonNode d : data.isArray() ? data : List.of(data)) {
      JsonNode name = d.has("@Name") ? d.get("@Name") : d.get("Name");
      if (name == null || !name.isValueNode()) {
        continue;
      }
      JsonNode text = d.has("#text") ? d.get("#text") : d.get("text");
      names.putIfAbsent(name.asText(), text == null ? null : scalar(text));
    }
  }

  /** System: children by name, their attributes as {@code Child_Attribute}. */
  private static void systemNames(JsonNode system, Map<String, Object> names) {
    if (system == null || !system.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = system.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isValueNode()) {
        names.putIfAbsent(e.getKey(), scalar(v));
      } else if (v.isObject()) {
        JsonNode text = v.get("#text");
        if (text != null && text.isValueNode()) {
          names.putIfAbsent(e.getKey(), scalar(text));
        }
        JsonNode attrs = v.get("#attributes");
        if (attrs != null && attrs.isObject()) {
          Iterator<Map.Entry<String, JsonNode>> a = attrs.fields();
          while (a.hasNext()) {
            Map.Entry<String, JsonNode> at = a.next();
            if (at.getValue().isValueNode()) {
              names.putIfAbsent(e.getKey() + "_" + at.getKey(), scalar(at.getValue()));
            }
          }
        }
      }
    }
  }

  /* ------ time and host ------ */

  private static long time(Map<String, Object> fields) {
    for (String f : TIME_FIELDS) {
      long t = parseTime(fields.get(f));
      if (t != Event.NO_TIME) {
        return t;
      }
    }
    return Event.NO_TIME;
  }

  /**
   * Epoch milliseconds of a time value, or {@link Event#NO_TIME}.
   *
   * @param value ISO-8601 text or an epoch number in seconds, ms, µs or ns
   */
  static long parseTime(Object value) {
    if (value instanceof Number n) {
      return epoch(n.doubleValue());
    }
    if (!(value instanceof String s) || s.isBlank() || s.length() > 64) {
      return Event.NO_TIME;
    }
    String t = s.trim();
    if (t.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
      try {
        return epoch(Double.parseDouble(t));
      } catch (NumberFormatException e) {
        return Event.NO_TIME;
      }
    }
    t = t.replace(' ', 'T');
    try {
      return OffsetDateTime.parse(t).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e2) {
        return Event.NO_TIME;
      }
    }
  }

  private static long epoch(double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      return Event.NO_TIME;
    }
    if (v < 1e11) {
      return (long) (v * 1000);
    }
    if (v < 1e14) {
      return (long) v;
    }
    return v < 1e17 ? (long) (v / 1e3) : (long) (v / 1e6);
  }

  private static String host(Map<String, Object> fields) {
    for (String f : HOST_FIELDS) {
      if (fields.get(f) instanceof String s && !s.isBlank()) {
        return s;
      }
    }
    return null;
  }
}
