package dev.minewarden.core.intel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads STIX 2.1 bundles: indicators whose patterns compare domain names, IPv4/IPv6 addresses and
 * networks, URLs, file names and hashes, directories, process command lines or destination ports;
 * threat-actor and intrusion-set objects; and the {@code indicates} and {@code attributed-to}
 * relationships that tie them. Every object left out is reported with the reason: objects outside
 * Minewarden's scope (campaigns, identities, courses of action, e-mail patterns) as skipped,
 * invalid ones as errors. Never throws for a bad object; only unreadable JSON fails the import.
 * Thread-safe.
 */
public final class StixImporter {
  private static final Set<String> ACTOR_TYPES = Set.of("threat-actor", "intrusion-set");
  private final ObjectMapper json = new ObjectMapper();

  /** An importer. */
  public StixImporter() {
    json.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(4_000_000).build());
  }

  /**
   * Reads a bundle (or one object, or a JSON array of objects).
   *
   * @param in the JSON
   * @param sourceKey the source key given to indicators that do not name their sources
   * @throws IOException when the input is not JSON
   */
  public ImportReport read(InputStream in, String sourceKey) throws IOException {
    JsonNode root;
    try {
      root = json.readTree(in);
    } catch (JsonProcessingException e) {
      throw new IOException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    List<JsonNode> objects = new ArrayList<>();
    if (root != null && root.isObject() && "bundle".equals(root.path("type").asText())) {
      root.path("objects").forEach(objects::add);
    } else if (root != null && root.isArray()) {
      root.forEach(objects::add);
    } else if (root != null && root.isObject()) {
      objects.add(root);
    } else {
      throw new IOException("not a STIX bundle or object");
    }
    return new Run(sourceKey).read(objects);
  }

  /** State of one import. */
  private static final class Run {
    private final String sourceKey;
    private final List<ImportReport.Skipped> skipped = new ArrayList<>();
    private final Map<String, List<Indicator>> indicatorsById = new LinkedHashMap<>();
    private final Map<String, ActorProfile> actorsById = new LinkedHashMap<>();
    private final Map<String, String> actorOf = new HashMap<>();

    Run(String sourceKey) {
      this.sourceKey = sourceKey;
    }

    ImportReport read(List<JsonNode> objects) {
      List<JsonNode> relationships = new ArrayList<>();
      for (JsonNode o : objects) {
        String type = o.path("type").asText("");
        String id = o.path("id").asText("");
        if (type.isEmpty() || !id.startsWith(type + "--")) {
          skip(id.isEmpty() ? "(no id)" : id, type.isEmpty() ? "(no type)" : type,
              "an object needs a type and an id of the form <type>--<uuid>", true);
          continue;
        }
        switch (type) {
          case "indicator" -> indicator(o, id);
          case "threat-actor", "intrusion-set" -> actor(o, id, type);
          case "relationship" -> relationships.add(o);
          default -> skip(id, type, "object type outside Minewarden's scope", false);
        }
      }
      relationships.forEach(this::relationship);
      List<Indicator> out = new ArrayList<>();
      indicatorsById.forEach((id, list) -> {
        String actor = actorOf.get(id);
        for (Indicator i : list) {
          out.add(actor == null ? i : new Indicator(i.type(), i.value(), actor, i.kind(), i.note(),
              i.sources(), i.firstSeen(), i.lastSeen()));
        }
      });
      return new ImportReport(out, new ArrayList<>(actorsById.values()), skipped);
    }

    private void indicator(JsonNode o, String id) {
      String patternType = o.path("pattern_type").asText("stix");
      if (!"stix".equals(patternType)) {
        skip(id, "indicator", "pattern type '" + patternType + "' is not supported (only stix)", false);
        return;
      }
      String pattern = o.path("pattern").asText("");
      if (pattern.isEmpty()) {
        skip(id, "indicator", "no pattern", true);
        return;
      }
      long from;
      long until;
      try {
        from = time(o.path("valid_from"), Indicator.UNBOUNDED_START);
        until = time(o.path("valid_until"), Indicator.UNBOUNDED_END);
      } catch (DateTimeParseException e) {
        skip(id, "indicator", "valid_from or valid_until is not an RFC 3339 timestamp", true);
        return;
      }
      if (from == 0) {
        from = Indicator.UNBOUNDED_START; // the epoch is how an export says "since always"
      }
      if (from > until) {
        skip(id, "indicator", "valid_until is before valid_from", true);
        return;
      }
      List<StixPattern.Term> terms;
      try {
        terms = StixPattern.parse(pattern);
      } catch (StixPattern.Unsupported e) {
        skip(id, "indicator", e.getMessage(), false);
        return;
      } catch (IllegalArgumentException e) {
        skip(id, "indicator", "bad pattern: " + e.getMessage(), true);
        return;
      }
      List<String> sources = new ArrayList<>();
      o.path("x_minewarden_sources").forEach(s -> sources.add(s.asText()));
      if (sources.isEmpty()) {
        sources.add(sourceKey);
      }
      String kind = o.path("x_minewarden_kind").asText(o.path("indicator_types").path(0).asText("imported"));
      String note = o.path("description").asText(o.path("name").asText(""));
      String actor = o.path("x_minewarden_actor").asText(null);
      List<Indicator> list = new ArrayList<>();
      for (StixPattern.Term t : terms) {
        list.add(new Indicator(t.type(), t.value(), actor, kind, note, sources, from, until));
      }
      indicatorsById.put(id, list);
    }

    private void actor(JsonNode o, String id, String type) {
      String name = o.path("name").asText("").trim();
      if (name.isEmpty()) {
        skip(id, type, "no name", true);
        return;
      }
      List<String> aliases = new ArrayList<>();
      o.path("aliases").forEach(a -> {
        if (!a.asText().equalsIgnoreCase(name)) {
          aliases.add(a.asText());
        }
      });
      actorsById.put(id, ActorProfile.named(name, aliases));
    }

    private void relationship(JsonNode o) {
      String id = o.path("id").asText();
      String rel = o.path("relationship_type").asText("");
      String src = o.path("source_ref").asText("");
      String dst = o.path("target_ref").asText("");
      if ("indicates".equals(rel) && indicatorsById.containsKey(src) && actorsById.containsKey(dst)) {
        String previous = actorOf.putIfAbsent(src, actorsById.get(dst).name());
        if (previous != null && !previous.equals(actorsById.get(dst).name())) {
          skip(id, "relationship", "indicator already indicates " + previous + "; one group per indicator", false);
        }
        return;
      }
      if ("attributed-to".equals(rel) && actorsById.containsKey(src) && actorsById.containsKey(dst)) {
        ActorProfile from = actorsById.get(src);
        ActorProfile to = actorsById.get(dst);
        List<String> aliases = new ArrayList<>(to.aliases());
        if (!to.isCalled(from.name())) {
          aliases.add(from.name());
        }
        actorsById.put(dst, ActorProfile.named(to.name(), aliases));
        return;
      }
      String why = ACTOR_TYPES.contains(type(dst)) || "indicator".equals(type(src))
          ? "relationship '" + rel + "' from " + type(src) + " to " + type(dst) + " is outside Minewarden's scope"
          : "relationship between objects outside Minewarden's scope (" + type(src) + " " + rel + " " + type(dst) + ")";
      skip(id, "relationship", why, false);
    }

    private static String type(String ref) {
      int i = ref.indexOf("--");
      return i < 0 ? ref : ref.substring(0, i);
    }

    private static long time(JsonNode n, long absent) {
      if (n.isMissingNode() || n.isNull()) {
        return absent;
      }
      return Instant.parse(n.asText()).toEpochMilli();
    }

    private void skip(String id, String type, String why, boolean error) {
      skipped.add(new ImportReport.Skipped(id, type, why, error));
    }
  }
}
