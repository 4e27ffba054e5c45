package dev.minewarden.core.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** STIX 2.1 import of the OASIS example bundles, export validated against the OASIS schemas. */
class StixTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OASIS =
      "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
  private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(
      SpecVersion.VersionFlag.V202012,
      b -> b.schemaMappers(m -> m.mapPrefix(OASIS, "classpath:stix/schemas/")));

  @ParameterizedTest
  @ValueSource(strings = {
    "indicator-for-c2-ip-address.json", "indicator-to-campaign-relationship.json",
    "indicators-for-C2-with-COA.json", "infrastructure.json", "interop-objectmarking-test.json",
    "malicious-email-indicator-with-attachment.json", "threat-reports/apt1.json",
    "threat-reports/poisonivy.json"})
  void import_oasisExamplesImportWithEverySkipExplained(String name) throws IOException {
    JsonNode raw = JSON.readTree(resource("/stix/examples/" + name));
    int objects = raw.has("objects") ? raw.get("objects").size() : 1;
    ImportReport r = new StixImporter().read(resource("/stix/examples/" + name), "test");
    long indicatorObjects = raw.has("objects")
        ? countType(raw, "indicator") : 0;
    long importedObjects = indicatorObjects - r.skipped().stream()
        .filter(s -> s.type().equals("indicator")).count();
    assertThat(r.skipped()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
    // every object is either used or reported
    long used = importedObjects + r.actors().size() + countType(raw, "relationship")
        - r.skipped().stream().filter(s -> s.type().equals("relationship")).count();
    assertThat(used + r.skipped().size()).as("objects used or reported").isEqualTo(objects);
    assertThat(r.errors()).as(r.skipped().toString()).isLessThanOrEqualTo(
        name.equals("threat-reports/poisonivy.json") ? 1 : 0);
  }

  @Test
  void import_apt1MapsIndicatorsToTheThreatActor() throws IOException {
    ImportReport r = new StixImporter().read(resource("/stix/examples/threat-reports/apt1.json"), "apt1");
    assertThat(r.indicators()).anySatisfy(i -> {
      assertThat(i.type()).isEqualTo(IndicatorType.CIDR);
      assertThat(i.value()).isEqualTo("223.166.0.0/15");
    });
    assertThat(r.indicators()).anySatisfy(i -> {
      assertThat(i.value()).isEqualTo("hugesoft.org");
      assertThat(i.actor()).isEqualTo("Ugly Gorilla");
    });
    assertThat(r.actors()).extracting(ActorProfile::name).contains("Ugly Gorilla", "DOTA", "APT1");
    IntelStore.Builder b = IntelStore.bundled().toBuilder();
    r.actors().forEach(b::addActor);
    assertThat(b.build().actor("Outlaw").orElseThrow().aliases()).doesNotContain("DOTA");
    assertThat(r.skipped()).anySatisfy(s -> {
      assertThat(s.reason()).contains("x509-certificate");
      assertThat(s.error()).isFalse();
    });
  }

  @Test
  void import_poisonIvyOrPatternsBecomeSeveralIndicatorsAndABadDomainIsAnError() throws IOException {
    ImportReport r = new StixImporter().read(resource("/stix/examples/threat-reports/poisonivy.json"), "pi");
    assertThat(r.indicators()).extracting(Indicator::value).contains("www.webserver.dynssl.com", "113.10.246.30");
    assertThat(r.skipped()).anySatisfy(s -> {
      assertThat(s.error()).isTrue();
      assertThat(s.reason()).contains("not a valid domain name");
    });
  }

  @Test
  void pattern_refusesWhatAnIndicatorCannotHold() {
    assertThatThrownBy(() -> StixPattern.parse("[ipv4-addr:value = '1.2.3.4' AND domain-name:value = 'a.example']"))
        .isInstanceOf(StixPattern.Unsupported.class);
    assertThatThrownBy(() -> StixPattern.parse("[file:name = 'x.sh'] WITHIN 300 SECONDS"))
        .isInstanceOf(StixPattern.Unsupported.class);
    assertThatThrownBy(() -> StixPattern.parse("[domain-name:value = 'a.example'"))
        .isNotInstanceOf(StixPattern.Unsupported.class).isInstanceOf(IllegalArgumentException.class);
    assertThat(StixPattern.parse("([domain-name:value IN ('a.example.com', 'b.example.com')] OR [file:hashes.'SHA-256' = '"
        + "A".repeat(64) + "'])")).extracting(StixPattern.Term::value)
        .containsExactly("a.example.com", "b.example.com", "a".repeat(64));
    assertThat(StixPattern.parse("[process:command_line = 'echo \\'x\\' | sh']"))
        .extracting(StixPattern.Term::value).containsExactly("echo 'x' | sh");
  }

  @Test
  void export_validatesAgainstTheOasisSchemasAndReimportsToTheSameSet() throws IOException {
    IntelStore store = IntelStore.bundled();
    Map<String, Object> bundle = StixExporter.export(store, Instant.parse("2026-11-20T00:00:00Z"));
    JsonNode node = JSON.valueToTree(bundle);
    List<String> problems = new ArrayList<>();
    JsonSchema indicator = schema("sdos/indicator.json");
    JsonSchema actor = schema("sdos/threat-actor.json");
    JsonSchema relationship = schema("sros/relationship.json");
    for (JsonNode o : node.get("objects")) {
      JsonSchema s = switch (o.get("type").asText()) {
        case "indicator" -> indicator;
        case "threat-actor" -> actor;
        default -> relationship;
      };
      for (ValidationMessage m : s.validate(o)) {
        problems.add(o.get("id").asText() + ": " + m.getMessage());
      }
    }
    assertThat(problems).isEmpty();
    JsonNode sample = JSON.valueToTree(Map.of("type", "bundle", "id", bundle.get("id"),
        "objects", List.of(node.get("objects").get(0), node.get("objects").get(10),
            node.get("objects").get(node.get("objects").size() - 1))));
    assertThat(schema("common/bundle.json").validate(sample)).isEmpty();

    byte[] text = JSON.writeValueAsBytes(bundle);
    ImportReport back = new StixImporter().read(new ByteArrayInputStream(text), "reimport");
    assertThat(back.skipped()).isEmpty();
    IntelStore.Builder b = IntelStore.builder();
    store.actors().forEach(b::addActor);
    back.indicators().forEach(b::add);
    assertThat(identity(b.build().indicators())).isEqualTo(identity(store.indicators()));
    assertThat(back.actors()).extracting(ActorProfile::name)
        .containsExactlyInAnyOrderElementsOf(store.actors().stream().map(ActorProfile::name).toList());
  }

  @Test
  void export_isTheSameForTheSameSet() {
    Instant t = Instant.parse("2026-11-20T00:00:00Z");
    assertThat(StixExporter.export(IntelStore.bundled(), t))
        .isEqualTo(StixExporter.export(IntelStore.bundled().toBuilder().build(), t));
  }

  @Test
  void import_notJsonFailsAndHostileDepthIsRefused() {
    assertThatThrownBy(() -> new StixImporter().read(stream("{not json"), "x")).isInstanceOf(IOException.class);
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> new StixImporter().read(stream(deep), "x")).isInstanceOf(IOException.class);
  }

  @Test
  void listImport_recognisesEachLineAndReportsBadOnesByNumber() throws IOException {
    String text = "# pools\nxmr.example-pool.net\n0.0.0.0 ads.example-miner.org\n198.51.100.0/24\n"
        + "not a value here\n" + "d".repeat(64) + "\ncom\n";
    ImportReport r = ListImporter.read(new java.io.StringReader(text), null, "pool", "list");
    assertThat(r.indicators()).extracting(Indicator::label).containsExactly(
        "domain:xmr.example-pool.net", "domain:ads.example-miner.org", "cidr:198.51.100.0/24",
        "hash:" + "d".repeat(64));
    assertThat(r.skipped()).extracting(ImportReport.Skipped::where).containsExactly("line 5", "line 7");
  }

  private static Set<String> identity(List<Indicator> list) {
    return list.stream().map(i -> i.key() + "|" + i.firstSeen() + "|" + i.lastSeen() + "|" + i.kind()
        + "|" + i.sources()).collect(Collectors.toSet());
  }

  private static long countType(JsonNode raw, String type) {
    long n = 0;
    for (JsonNode o : raw.path("objects")) {
      if (type.equals(o.path("type").asText())) {
        n++;
      }
    }
    return n;
  }

  private static JsonSchema schema(String path) {
    return SCHEMAS.getSchema(SchemaLocation.of(OASIS + path));
  }

  private static InputStream resource(String name) {
    return StixTest.class.getResourceAsStream(name);
  }

  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
