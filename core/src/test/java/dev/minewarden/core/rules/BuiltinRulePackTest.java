package dev.minewarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every rule of the built-in pack: valid Sigma (against the specification's JSON schemas),
 * complete metadata with ATT&CK ids in both numberings where ATT&CK changed them, unique ids and
 * names, resolvable correlation references, a test-case file with match and near-miss events, and
 * only field names that docs/events.md documents for the rule's and the events' logsources.
 */
final class BuiltinRulePackTest {
  private static final Pattern TECHNIQUE = Pattern.compile("attack\\.t\\d{4}(\\.\\d{3})?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
  private static final Set<String> STATUSES = Set.of("stable", "test", "experimental");
  private static final List<String> STAGES = List.of("initial-access", "execution", "persistence",
      "defense-evasion", "credential-access", "discovery", "lateral-movement", "impact", "cloud");

  /**
   * Technique ids ATT&CK renumbered (knowledge/actors.md section 3): a rule tagged with the
   * long-standing id must carry the current one too.
   */
  private static final Map<String, String> RENUMBERED = Map.of(
      "attack.t1496", "attack.t1496.001",
      "attack.t1562.001", "attack.t1685",
      "attack.t1562.004", "attack.t1686",
      "attack.t1562.007", "attack.t1686.001",
      "attack.t1070.002", "attack.t1685.006");

  private static JsonSchema detectionSchema;
  private static JsonSchema correlationSchema;
  private static EventFieldDictionary fields;

  @BeforeAll
  static void loadSchemas() {
    detectionSchema = schema("sigma-detection-rule-schema.json");
    correlationSchema = schema("sigma-correlation-rules-schema.json");
    fields = EventFieldDictionary.load(BuiltinPack.repositoryRoot().resolve("docs/events.md"));
  }

  /**
   * Loads a schema of the specification. Its {@code $schema} line is dropped so the validator uses
   * its built-in draft 2020-12 meta-schema instead of resolving the URL (one of them ends in '#').
   */
  private static JsonSchema schema(String name) {
    try (InputStream in = BuiltinRulePackTest.class.getResourceAsStream(
        "/sigma-specification/json-schema/" + name)) {
      ObjectNode node = (ObjectNode) BuiltinPack.YAML.readTree(in);
      node.remove("$schema");
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> ruleFiles() {
    return BuiltinPack.ruleFiles();
  }

  @Test
  void pack_coversEveryKillChainStage() {
    List<String> files = ruleFiles();
    for (String stage : STAGES) {
      assertThat(files).as("rules under %s/", stage).anyMatch(f -> f.startsWith(stage + "/"));
    }
    assertThat(files).allMatch(f -> STAGES.contains(f.substring(0, f.indexOf('/'))));
  }

  @Test
  void idsAndNames_uniqueAcrossPack() {
    Map<String, String> ids = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    for (String file : ruleFiles()) {
      for (JsonNode doc : BuiltinPack.documents(file)) {
        String id = doc.path("id").asText();
        assertThat(ids.put(id, file)).as("id %s of %s already used", id, file).isNull();
        if (doc.has("name")) {
          String name = doc.get("name").asText();
          assertThat(names.put(name, file)).as("name %s of %s already used", name, file).isNull();
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleFiles")
  void rule_validatesAgainstSigmaSchema(String file) {
    for (JsonNode doc : BuiltinPack.documents(file)) {
      JsonSchema schema = doc.has("correlation") ? correlationSchema : detectionSchema;
      Set<ValidationMessage> errors = schema.validate(doc);
      assertThat(errors).as("%s / %s", file, doc.path("title").asText()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleFiles")
  void rule_hasCompleteMetadata(String file) {
    List<JsonNode> docs = BuiltinPack.documents(file);
    JsonNode rule = docs.get(0);
    assertThat(text(rule, "title")).isNotBlank();
    assertThat(STATUSES).contains(text(rule, "status"));
    assertThat(text(rule, "description")).hasSizeGreaterThan(40);
    assertThat(text(rule, "author")).isEqualTo("Minewarden");
    assertThat(text(rule, "date")).matches(DATE);
    assertThat(LEVELS).as("level").contains(text(rule, "level"));
    assertThat(rule.path("falsepositives").isArray()).as("falsepositives is a list").isTrue();
    assertThat(rule.path("falsepositives")).as("falsepositives").isNotEmpty();
    List<String> tags = strings(rule.path("tags"));
    assertThat(tags).as("ATT&CK technique tags").anyMatch(t -> TECHNIQUE.matcher(t).matches());
    RENUMBERED.forEach((old, current) -> {
      if (tags.contains(old)) {
        assertThat(tags).as("%s carries %s, so also the renumbered %s", file, old, current).contains(current);
      }
    });
    for (JsonNode doc : docs) {
      assertUuid(text(doc, "id"), file);
    }
    for (JsonNode part : docs.subList(1, docs.size())) {
      assertThat(text(part, "name")).as("referenced part of %s has a name", file).isNotBlank();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleFiles")
  void correlation_referencesResolveInItsFile(String file) {
    List<JsonNode> docs = BuiltinPack.documents(file);
    Set<String> names = new HashSet<>();
    docs.forEach(d -> names.add(d.path("name").asText()));
    Set<String> used = new HashSet<>();
    for (JsonNode doc : docs) {
      for (String ref : strings(doc.path("correlation").path("rules"))) {
        assertThat(names).as("%s refers to %s", file, ref).contains(ref);
        used.add(ref);
      }
    }
    for (JsonNode part : docs.subList(1, docs.size())) {
      assertThat(used).as("part %s of %s is referenced", part.path("name").asText(), file)
          .contains(part.path("name").asText());
    }
    assertThat(docs.size() > 1).as("only correlation files have parts").isEqualTo(BuiltinPack.isCorrelation(docs));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleFiles")
  void rule_hasMatchAndNearMissTestCases(String file) {
    assertThat(Files.isRegularFile(BuiltinPack.testCaseFile(file))).as("test cases of %s", file).isTrue();
    JsonNode cases = BuiltinPack.testCases(file);
    boolean correlation = BuiltinPack.isCorrelation(BuiltinPack.documents(file));
    for (String kind : List.of("match", "nomatch")) {
      JsonNode list = cases.path(kind);
      assertThat(list.isArray() && list.size() >= 1).as("%s of %s", kind, file).isTrue();
      for (JsonNode entry : list) {
        if (correlation) {
          assertThat(entry.isArray() && entry.size() >= 1).as("%s sequence of %s", kind, file).isTrue();
          entry.forEach(e -> assertEventShape(e, file));
        } else {
          assertEventShape(entry, file);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleFiles")
  void testEvents_useOnlyDocumentedFields(String file) {
    List<String> problems = new ArrayList<>();
    for (JsonNode e : TestCases.allEvents(BuiltinPack.testCases(file))) {
      JsonNode ls = e.path("logsource");
      e.path("fields").fieldNames().forEachRemaining(f -> {
        String why = fields.check(opt(ls, "product"), opt(ls, "category"), opt(ls, "service"), f);
        if (why != null) {
          problems.add(why);
        }
      });
    }
    assertThat(problems).as(file).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleFiles")
  void rule_detectsOnlyDocumentedFields(String file) {
    List<String> problems = new ArrayList<>();
    for (JsonNode doc : BuiltinPack.documents(file)) {
      if (!doc.has("detection")) {
        continue;
      }
      JsonNode ls = doc.path("logsource");
      for (String f : detectionFields(doc.get("detection"))) {
        String why = fields.check(opt(ls, "product"), opt(ls, "category"), opt(ls, "service"), f);
        if (why != null) {
          problems.add(why);
        }
      }
    }
    assertThat(problems).as(file).isEmpty();
  }

  /** Field names used in a detection section, modifiers stripped. */
  static Set<String> detectionFields(JsonNode detection) {
    Set<String> out = new HashSet<>();
    Iterator<Map.Entry<String, JsonNode>> it = detection.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("condition")) {
        collectFields(e.getValue(), out);
      }
    }
    return out;
  }

  private static void collectFields(JsonNode search, Set<String> out) {
    if (search.isArray()) {
      search.forEach(item -> {
        if (item.isObject()) {
          collectFields(item, out);
        }
      });
    } else if (search.isObject()) {
      search.fieldNames().forEachRemaining(k -> out.add(k.split("\\|", 2)[0]));
    }
  }

  private static void assertEventShape(JsonNode e, String file) {
    assertThat(e.path("logsource").isObject()).as("logsource of an event of %s", file).isTrue();
    assertThat(e.path("fields").isObject()).as("fields of an event of %s", file).isTrue();
    assertThat(e.path("host").isTextual()).as("host of an event of %s", file).isTrue();
    Instant.parse(e.path("time").asText());
  }

  private static void assertUuid(String id, String file) {
    UUID uuid = UUID.fromString(id);
    assertThat(uuid.toString()).as("canonical UUID in %s", file).isEqualTo(id.toLowerCase(Locale.ROOT));
    assertThat(uuid.version()).as("random UUID in %s", file).isEqualTo(4);
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).asText("");
  }

  private static String opt(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
