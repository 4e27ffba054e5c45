package dev.minewarden.core.alert;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.rules.RuleInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@link Alert} into the ECS object every front end prints: nested maps ready for a JSON
 * writer, in the schema of the product brief ("Alert output"). Pure and thread-safe.
 */
public final class EcsAlert {
  /** How many events behind a correlation alert are listed in its output. */
  public static final int MAX_RELATED_LISTED = 20;

  /** Event fields copied to ECS fields, in output order: event field, ECS dotted name. */
  private static final String[][] FIELD_MAP = {
    {"cloud.instance.id", "cloud.instance.id"},
    {"SourceIp", "source.ip"},
    {"SourcePort", "source.port"},
    {"DestinationIp", "destination.ip"},
    {"DestinationPort", "destination.port"},
    {"DestinationHostname", "destination.domain"},
    {"query", "dns.question.name"},
    {"ProcessId", "process.pid"},
    {"Image", "process.executable"},
    {"CommandLine", "process.command_line"},
    {"ParentProcessId", "process.parent.pid"},
    {"ParentImage", "process.parent.executable"},
    {"User", "user.name"},
    {"TargetFilename", "file.path"},
  };

  private EcsAlert() {}

  /** The ECS object of an alert, as nested maps (keys in a stable order). */
  public static Map<String, Object> toMap(Alert alert) {
    Event e = alert.event();
    RuleInfo rule = alert.rule();
    Map<String, Object> root = new LinkedHashMap<>();
    Instant t = e.timestamp();
    put(root, "@timestamp", t == null ? null : t.toString());
    put(root, "event.kind", "alert");
    put(root, "event.severity", rule.level().number());
    put(root, "rule.id", rule.id());
    put(root, "rule.name", rule.title());
    put(root, "rule.level", rule.level().sigmaName());
    putThreat(root, rule.tags());
    put(root, "host.name", e.host());
    for (String[] m : FIELD_MAP) {
      put(root, m[1], e.get(m[0]));
    }
    for (Map.Entry<String, Object> a : alert.attributes().entrySet()) {
      put(root, a.getKey(), a.getValue());
    }
    put(root, "log.file.path", e.sourcePath());
    if (e.sourceLine() > 0) {
      put(root, "log.file.line", e.sourceLine());
    }
    if (alert.count() > 1) {
      put(root, "minewarden.count", alert.count());
    }
    if (!alert.related().isEmpty()) {
      put(root, "minewarden.related", related(alert.related()));
    }
    return root;
  }

  /** The ATT&CK technique ids ({@code T1496}) among a rule's tags, in tag order. */
  public static List<String> techniques(List<String> tags) {
    return attackIds(tags, false);
  }

  /** The ATT&CK sub-technique ids ({@code T1110.001}) among a rule's tags, in tag order. */
  public static List<String> subtechniques(List<String> tags) {
    return attackIds(tags, true);
  }

  private static List<String> attackIds(List<String> tags, boolean sub) {
    Set<String> ids = new LinkedHashSet<>();
    for (String tag : tags) {
      String t = tag.toLowerCase(Locale.ROOT);
      if (!t.startsWith("attack.t") || t.length() < 13 || !Character.isDigit(t.charAt(8))) {
        continue;
      }
      String id = t.substring(7).toUpperCase(Locale.ROOT);
      boolean isSub = id.indexOf('.') > 0;
      if (isSub == sub) {
        ids.add(id);
      } else if (!sub) {
        ids.add(id.substring(0, id.indexOf('.')));
      }
    }
    return new ArrayList<>(ids);
  }

  private static void putThreat(Map<String, Object> root, List<String> tags) {
    List<String> techniques = techniques(tags);
    if (techniques.isEmpty()) {
      return;
    }
    put(root, "threat.framework", "MITRE ATT&CK");
    put(root, "threat.technique.id", techniques);
    List<String> subs = subtechniques(tags);
    if (!subs.isEmpty()) {
      put(root, "threat.technique.subtechnique.id", subs);
    }
  }

  private static List<Map<String, Object>> related(List<Event> events) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Event r : events.subList(0, Math.min(events.size(), MAX_RELATED_LISTED))) {
      Map<String, Object> m = new LinkedHashMap<>();
      Instant t = r.timestamp();
      put(m, "@timestamp", t == null ? null : t.toString());
      put(m, "log.file.path", r.sourcePath());
      if (r.sourceLine() > 0) {
        put(m, "log.file.line", r.sourceLine());
      }
      out.add(m);
    }
    return out;
  }

  /** Puts a value under a dotted ECS name as nested maps; null values are left out. */
  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> root, String dotted, Object value) {
    if (value == null) {
      return;
    }
    if (dotted.startsWith("@")) {
      root.put(dotted, value);
      return;
    }
    Map<String, Object> m = root;
    int start = 0;
    int dot;
    while ((dot = dotted.indexOf('.', start)) >= 0) {
      String part = dotted.substring(start, dot);
      Object child = m.get(part);
      if (!(child instanceof Map)) {
        child = new LinkedHashMap<String, Object>();
        m.put(part, child);
      }
      m = (Map<String, Object>) child;
      start = dot + 1;
    }
    m.put(dotted.substring(start), value);
  }
}
