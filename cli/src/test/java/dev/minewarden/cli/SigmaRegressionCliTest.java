package dev.minewarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SigmaHQ's regression cases through the command line: one {@code minewarden hunt} over every
 * case's JSON event with all SigmaHQ rules must raise, for each case, an alert of the case's rule
 * whose {@code log.file.path} names that case's file. The data is core's copy of SigmaHQ's rules
 * and regression data (Detection Rule License 1.1, see its LICENSE).
 */
class SigmaRegressionCliTest {
  private static final Path SIGMA = CliRun.repo().resolve("core/src/test/resources/sigma");

  @Test
  void hunt_everyRegressionCaseRaisesItsRule() throws IOException {
    Map<Path, String> expected = cases();
    assertThat(expected).hasSizeGreaterThanOrEqualTo(202);
    List<String> args = new ArrayList<>(List.of("hunt", "--no-builtin", "--format", "ndjson",
        "--fold-window", "PT0S", "--no-progress", "--quiet"));
    for (String rules : List.of("rules", "rules-emerging-threats", "rules-threat-hunting")) {
      args.add("--rules");
      args.add(SIGMA.resolve(rules).toString());
    }
    expected.keySet().forEach(p -> args.add(p.toString()));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    Set<String> raised = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : run.out().split("\n")) {
      JsonNode a = json.readTree(line);
      raised.add(a.path("log").path("file").path("path").asText() + " " + a.path("rule").path("id").asText());
    }
    List<String> missing = new ArrayList<>();
    expected.forEach((file, ruleId) -> {
      if (!raised.contains(file + " " + ruleId)) {
        missing.add(file + " should raise " + ruleId);
      }
    });
    assertThat(missing).isEmpty();
  }

  /** Each case's JSON event file and the id of the rule it is for, read from its info.yml. */
  private static Map<Path, String> cases() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<Path, String> out = new HashMap<>();
    try (Stream<Path> files = Files.walk(SIGMA.resolve("regression_data"))) {
      for (Path info : files.filter(p -> p.getFileName().toString().equals("info.yml")).toList()) {
        String ruleId = yaml.readTree(info.toFile()).path("rule_metadata").path(0).path("id").asText();
        try (Stream<Path> siblings = Files.list(info.getParent())) {
          siblings.filter(p -> p.toString().endsWith(".json")).forEach(p -> out.put(p, ruleId));
        }
      }
    }
    return out;
  }
}
