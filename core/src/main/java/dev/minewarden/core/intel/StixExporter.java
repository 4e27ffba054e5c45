package dev.minewarden.core.intel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes an intel set as a STIX 2.1 bundle: one indicator per value (pattern type {@code stix}),
 * one threat-actor per group, and an {@code indicates} relationship from each group's indicators
 * to it. Ids are name-based UUIDs of the content, so the same set exports to the same bundle.
 * Sources and kinds travel in {@code x_minewarden_*} custom properties; an indicator without a
 * known start has {@code valid_from} at the epoch, which {@link StixImporter} reads back as "since
 * always". Pure.
 */
public final class StixExporter {
  private StixExporter() {}

  /** The bundle as nested maps for a JSON writer. */
  public static Map<String, Object> export(IntelStore store, Instant created) {
    String ts = stamp(created.toEpochMilli());
    List<Object> objects = new ArrayList<>();
    Map<String, String> actorIds = new LinkedHashMap<>();
    for (ActorProfile a : store.actors()) {
      String id = "threat-actor--" + uuid("actor|" + a.name());
      actorIds.put(a.name(), id);
      Map<String, Object> o = base("threat-actor", id, ts);
      o.put("name", a.name());
      if (!a.aliases().isEmpty()) {
        o.put("aliases", a.aliases());
      }
      if (!a.summary().isEmpty()) {
        o.put("description", a.summary());
      }
      o.put("threat_actor_types", List.of("crime-syndicate"));
      objects.add(o);
    }
    List<Object> relationships = new ArrayList<>();
    for (Indicator i : store.indicators()) {
      String id = "indicator--" + uuid("indicator|" + i.key());
      Map<String, Object> o = base("indicator", id, ts);
      o.put("name", i.label());
      if (!i.note().isEmpty()) {
        o.put("description", i.note());
      }
      o.put("indicator_types", List.of(i.actor() == null ? "anomalous-activity" : "malicious-activity"));
      o.put("pattern", pattern(i));
      o.put("pattern_type", "stix");
      o.put("pattern_version", "2.1");
      o.put("valid_from", i.firstSeen() == Indicator.UNBOUNDED_START ? stamp(0) : stamp(i.firstSeen()));
      if (i.lastSeen() != Indicator.UNBOUNDED_END) {
        o.put("valid_until", stamp(i.lastSeen()));
      }
      o.put("x_minewarden_kind", i.kind().isEmpty() ? "imported" : i.kind());
      o.put("x_minewarden_sources", i.sources().isEmpty() ? List.of("unknown") : i.sources());
      objects.add(o);
      String actorId = i.actor() == null ? null : actorIds.get(i.actor());
      if (i.actor() != null && actorId == null) {
        actorId = "threat-actor--" + uuid("actor|" + i.actor());
        actorIds.put(i.actor(), actorId);
        Map<String, Object> a = base("threat-actor", actorId, ts);
        a.put("name", i.actor());
        objects.add(a);
      }
      if (actorId != null) {
        Map<String, Object> r = base("relationship", "relationship--" + uuid("rel|" + id + "|" + actorId), ts);
        r.put("relationship_type", "indicates");
        r.put("source_ref", id);
        r.put("target_ref", actorId);
        relationships.add(r);
      }
    }
    objects.addAll(relationships);
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("type", "bundle");
    bundle.put("id", "bundle--" + uuid("bundle|" + store.version()));
    bundle.put("objects", objects);
    return bundle;
  }

  /** The STIX pattern of one indicator. */
  static String pattern(Indicator i) {
    String v = quote(i.value());
    return switch (i.type()) {
      case DOMAIN -> "[domain-name:value = " + v + "]";
      case IP, CIDR -> (i.value().indexOf(':') >= 0 ? "[ipv6-addr:value = " : "[ipv4-addr:value = ") + v + "]";
      case URL -> "[url:value = " + v + "]";
      case FILE_NAME -> "[file:name = " + v + "]";
      case FILE_PATH -> "[directory:path = " + v + "]";
      case PROCESS_NAME -> "[process:image_ref.name = " + v + "]";
      case COMMAND_LINE -> "[process:command_line = " + v + "]";
      case PORT -> "[network-traffic:dst_port = " + i.value() + "]";
      case HASH -> "[file:hashes." + (i.value().length() == 64 ? "'SHA-256'" : i.value().length() == 40 ? "'SHA-1'" : "MD5")
          + " = " + v + "]";
    };
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static Map<String, Object> base(String type, String id, String ts) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", ts);
    o.put("modified", ts);
    return o;
  }

  private static String uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String stamp(long ms) {
    String s = Instant.ofEpochMilli(ms).toString();
    // STIX asks for millisecond precision: always three fraction digits.
    if (!s.contains(".")) {
      return s.substring(0, s.length() - 1) + ".000Z";
    }
    return s;
  }
}
