package dev.minewarden.ingest.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.sigma.CompiledRules;
import dev.minewarden.core.sigma.LoadResult;
import dev.minewarden.core.sigma.SigmaLoader;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.SourceContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SigmaHQ's regression cases: every case with a JSON event file, read with {@link JsonEventsFormat}
 * and matched against all SigmaHQ rules at once, must raise an alert of the rule its info.yml names.
 * The data is the copy in core's test resources (core/src/test/resources/sigma, see SOURCE.txt).
 */
class SigmaRegressionTest {
  private static final Path SIGMA = repo().resolve("core/src/test/resources/sigma");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static CompiledRules rules;

  private static Path repo() {
    String r = System.getProperty("minewarden.repo");
    return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
  }

  @BeforeAll
  static void loadRules() throws IOException {
    List<Path> folders;
    try (Stream<Path> s = Files.list(SIGMA)) {
      folders = s.filter(p -> p.getFileName().toString().startsWith("rules")).sorted().toList();
    }
    LoadResult r = new SigmaLoader().load(folders);
    assertThat(r.rules()).hasSizeGreaterThan(500);
    rules = CompiledRules.compile(r.rules(), r.filters());
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> walk = Files.walk(SIGMA.resolve("regression_data"))) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".json"))
          .map(p -> SIGMA.relativize(p).toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void regression_caseRaisesItsRule(String jsonFile) throws IOException {
    Path json = SIGMA.resolve(jsonFile);
    JsonNode info = YAML.readTree(json.resolveSibling("info.yml").toFile());
    String ruleId = info.get("rule_metadata").get(0).get("id").asText();
    List<Event> events = read(json);
    assertThat(events).as("events in " + jsonFile).isNotEmpty();
    List<Alert> alerts = new ArrayList<>();
    events.forEach(e -> rules.match(e, alerts::add));
    assertThat(alerts)
        .as("alerts of rule " + ruleId)
        .filteredOn(a -> a.rule().id().equals(ruleId))
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.event().sourcePath()).isEqualTo(json.toString()));
  }

  private static List<Event> read(Path json) throws IOException {
    List<Event> events = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    EventSink sink =
        new EventSink() {
          @Override
          public void event(Event event) {
            events.add(event);
          }

          @Override
          public void malformed(long line, String reason, String excerpt) {
            malformed.add(line + ": " + reason);
          }
        };
    try (InputStream in = Files.newInputStream(json)) {
      new JsonEventsFormat().parse(in, SourceContext.of(json.toString(), 0), sink);
    }
    assertThat(malformed).as("malformed records in " + json).isEmpty();
    return events;
  }
}
