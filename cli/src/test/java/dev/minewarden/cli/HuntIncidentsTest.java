package dev.minewarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hunt end to end on real log formats, printing incidents. */
class HuntIncidentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void hunt_kinsingThen8220_oneIncidentNamingBothTheEvictionHourAndTheCost(@TempDir Path tmp) throws Exception {
    Path report = tmp.resolve("report.html");
    List<JsonNode> out = run("--incidents", "-f", "ndjson", "--report", report.toString(),
        "--intel-dir", tmp.resolve("none").toString(), scenario("kinsing-then-8220"));
    assertThat(out).hasSize(1);
    JsonNode i = out.get(0);
    assertThat(i.at("/host/name").asText()).isEqualTo("web-7");
    List<String> actors = new ArrayList<>();
    i.at("/threat/group/name").forEach(n -> actors.add(n.asText()));
    assertThat(actors).containsExactly("Kinsing", "8220");
    JsonNode ev = i.at("/minewarden/evictions");
    assertThat(ev).hasSize(1);
    assertThat(ev.get(0).get("evictor").asText()).isEqualTo("8220");
    assertThat(ev.get(0).get("victim").asText()).isEqualTo("Kinsing");
    assertThat(ev.get(0).get("time").asText()).startsWith("2026-11-24T07:31");
    JsonNode seven = hour(i, "2026-11-24T07:00:00Z");
    assertThat(seven.get("evictions").get(0).asText()).isEqualTo("8220 evicted Kinsing");
    assertThat(hour(i, "2026-11-24T05:00:00Z").get("cpu_holder").asText()).isEqualTo("Kinsing");
    assertThat(hour(i, "2026-11-24T08:00:00Z").get("cpu_holder").asText()).isEqualTo("8220");

    // The miner runs from 02:04:14 (kdevtmpfsi) to the host's last event at 08:59:30.
    double hours = Duration.between(Instant.parse("2026-11-24T02:04:14Z"),
        Instant.parse("2026-11-24T08:59:30Z")).toMillis() / 3_600_000.0;
    JsonNode cost = i.at("/minewarden/cost");
    assertThat(cost.get("price_per_vcpu_hour").asDouble()).isEqualTo(0.048);
    assertThat(cost.get("cpu_hours").asDouble()).isCloseTo(hours * 2 * 0.87, within(0.01));
    assertThat(cost.get("cost").asDouble()).isCloseTo(hours * 2 * 0.87 * 0.048, within(0.001));
    assertThat(cost.get("increase_percent").asDouble()).isCloseTo(100 * 0.87 / 0.13, within(1.0));
    assertThat(i.at("/minewarden/alert_ids")).hasSizeGreaterThanOrEqualTo(8);
    assertThat(Files.readString(report)).contains("8220 evicts Kinsing", "<svg");
  }

  @Test
  void hunt_commodityOnly_namesNoActorOrOnlyWithLowConfidence(@TempDir Path tmp) throws Exception {
    List<JsonNode> incidents = run("--incidents", "-f", "ndjson", "--intel-dir", tmp.toString(),
        scenario("commodity-only"));
    assertThat(incidents).hasSize(1);
    incidents.get(0).at("/minewarden/actors").forEach(a ->
        assertThat(a.get("confidence").asText()).isEqualTo("low"));
    List<JsonNode> alerts = run("-f", "ndjson", "--intel-dir", tmp.toString(), scenario("commodity-only"));
    assertThat(alerts).isNotEmpty();
    assertThat(alerts).allSatisfy(a -> {
      JsonNode conf = a.at("/minewarden/attribution/confidence");
      assertThat(conf.isMissingNode() || conf.asText().equals("low")).as(a.toString()).isTrue();
    });
  }

  @Test
  void hunt_alertsCarryTheGroupWithConfidenceAndReasons(@TempDir Path tmp) throws Exception {
    List<JsonNode> alerts = run("-f", "ndjson", "--intel-dir", tmp.toString(), scenario("kinsing-then-8220"));
    JsonNode kill = alerts.stream().filter(a -> a.at("/rule/name").asText().startsWith("Burst Of Kills"))
        .findFirst().orElseThrow();
    assertThat(kill.at("/threat/group/name").asText()).isEqualTo("8220");
    assertThat(kill.at("/minewarden/attribution/reasons").toString()).contains("Kinsing");
    assertThat(kill.at("/event/id").asText()).hasSize(16);
    JsonNode miner = alerts.stream().filter(a -> a.at("/process/command_line").asText().contains("kdevtmpfsi")
        && a.at("/rule/name").asText().startsWith("Crypto Miner")).findFirst().orElseThrow();
    assertThat(miner.at("/threat/group/name").asText()).isEqualTo("Kinsing");
    assertThat(miner.at("/intel/pool/domain").asText()).isEqualTo("pool.supportxmr.com");
    assertThat(miner.at("/intel/pool/attribution").toString()).contains("Florian Roth");
  }

  private static JsonNode hour(JsonNode incident, String hour) {
    for (JsonNode s : incident.at("/minewarden/timeline")) {
      if (s.get("hour").asText().equals(hour)) {
        return s;
      }
    }
    throw new AssertionError("no slot " + hour);
  }

  static List<JsonNode> run(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("hunt", "--year", "2026", "--quiet", "--threads", "1"));
    all.addAll(List.of(args));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      code = Main.run(all.toArray(String[]::new));
    } finally {
      System.setOut(old);
    }
    assertThat(code).as(buf.toString(StandardCharsets.UTF_8)).isIn(0, 3);
    List<JsonNode> out = new ArrayList<>();
    for (String line : buf.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  static String scenario(String name) throws URISyntaxException {
    return Path.of(HuntIncidentsTest.class.getResource("/scenarios/" + name).toURI()).toString();
  }
}
