package dev.minewarden.core.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Incident} as nested maps ready for a JSON writer, one object per incident: its host,
 * actors, timeline, cost and the ids of its alerts, with ECS names where ECS has them. Pure.
 */
public final class IncidentJson {
  private IncidentJson() {}

  /** The incident as an ordered map. */
  public static Map<String, Object> toMap(Incident i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@timestamp", iso(i.start()));
    m.put("event.kind", "incident");
    m.put("event.id", i.id());
    m.put("event.start", iso(i.start()));
    m.put("event.end", iso(i.end()));
    m.put("event.severity", i.severity().number());
    m.put("host.name", i.host());
    if (i.hostInferred() != null) {
      m.put("minewarden.host_inferred", i.hostInferred());
    }
    m.put("minewarden.score", i.score());
    m.put("minewarden.kill_chain", i.stages().stream().map(KillChainStage::label).toList());
    m.put("threat.group.name", i.actors().stream().map(Incident.ActorActivity::actor).toList());
    m.put("minewarden.actors", i.actors().stream().map(IncidentJson::actor).toList());
    m.put("minewarden.evictions", i.evictions().stream().map(IncidentJson::eviction).toList());
    m.put("minewarden.cost", cost(i.cost()));
    m.put("minewarden.timeline", i.timeline().stream().map(IncidentJson::slot).toList());
    m.put("minewarden.alert_ids", i.alerts().stream().map(Incident.AlertRef::id).toList());
    return nest(m);
  }

  /** Dotted names as nested objects ({@code host.name} → {@code {"host": {"name": ...}}}), as ECS has it. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> nest(Map<String, Object> flat) {
    Map<String, Object> root = new LinkedHashMap<>();
    flat.forEach((k, v) -> {
      if (k.startsWith("@")) {
        root.put(k, v);
        return;
      }
      String[] parts = k.split("\\.");
      Map<String, Object> m = root;
      for (int p = 0; p < parts.length - 1; p++) {
        m = (Map<String, Object>) m.computeIfAbsent(parts[p], x -> new LinkedHashMap<String, Object>());
      }
      m.put(parts[parts.length - 1], v);
    });
    return root;
  }

  private static Map<String, Object> actor(Incident.ActorActivity a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.actor());
    m.put("confidence", a.confidence() == null ? null : a.confidence().label());
    m.put("first", iso(a.first()));
    m.put("last", iso(a.last()));
    m.put("alerts", a.alerts());
    m.put("cpu_hours", a.cpuHours());
    m.put("cost_usd", a.usd());
    m.put("reasons", a.reasons());
    return m;
  }

  private static Map<String, Object> eviction(Incident.Eviction e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", iso(e.time()));
    m.put("evictor", e.evictor());
    m.put("victim", e.victim());
    m.put("evidence", e.evidence());
    m.put("alert_id", e.alertId());
    return m;
  }

  private static Map<String, Object> cost(Incident.Cost c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("currency", "USD");
    m.put("hours", c.hours());
    m.put("mined_hours", c.minedHours());
    m.put("cpu_hours", c.cpuHours());
    m.put("cost", c.usd());
    m.put("baseline_cost", c.baselineUsd());
    m.put("increase_percent", c.increasePercent());
    m.put("vcpus", c.model().vcpus());
    m.put("price_per_vcpu_hour", c.model().pricePerVcpuHour());
    m.put("baseline_utilisation", c.model().baseline());
    m.put("price_source", c.model().priceSource());
    return m;
  }

  private static Map<String, Object> slot(Incident.HourSlot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hour", iso(s.hourStart()));
    m.put("actors", s.actors());
    m.put("alerts", s.alerts());
    m.put("kill_chain", s.stages().stream().map(KillChainStage::label).toList());
    m.put("cpu_holder", s.cpuHolder());
    m.put("cpu_hours", s.cpuHours());
    m.put("cost_usd", s.usd());
    List<String> ev = new ArrayList<>();
    s.evictions().forEach(e -> ev.add((e.evictor() == null ? "unknown" : e.evictor()) + " evicted " + e.victim()));
    m.put("evictions", ev);
    return m;
  }

  static String iso(long t) {
    return Instant.ofEpochMilli(t).toString();
  }
}
