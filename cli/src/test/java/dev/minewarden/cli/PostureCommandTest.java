package dev.minewarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PostureCommandTest {
  private static final Path SAMPLES =
      Path.of(System.getProperty("minewarden.repo", ".")).resolve("posture/src/test/resources/aws");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new PostureCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private static String sample(String name) {
    return SAMPLES.resolve(name).toString();
  }

  @Test
  void posture_samplesFailOnLowButNotOnHigh() {
    String i = sample("aws-ec2-describe-instances.placebo.json");
    String g = sample("aws-ec2-describe-security-groups.placebo.json");
    assertThat(run(i, g)).isEqualTo(1);
    assertThat(out.toString()).contains("sg-926a56e8").contains("MW-IMDS-V1").doesNotContain("sg-411b413c");
    assertThat(run("--fail-on", "high", i, g)).isEqualTo(0);
  }

  @Test
  void posture_jsonFormatIsJson() throws IOException {
    assertThat(run("--format", "json", sample("aws-ec2-describe-security-groups.placebo.json"))).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("findings").get(0).get("checkId").asText()).isEqualTo("MW-NET-SSH");
  }

  @Test
  void posture_writesSarifToFile(@TempDir Path dir) throws IOException {
    Path report = dir.resolve("posture.sarif");
    assertThat(run("-f", "sarif", "-o", report.toString(), "--fail-on", "critical",
        sample("aws-ec2-describe-security-groups.placebo.json"))).isEqualTo(0);
    assertThat(new ObjectMapper().readTree(Files.readString(report)).get("version").asText()).isEqualTo("2.1.0");
  }

  @Test
  void posture_badUsageIsTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("--format", "xml", sample("aws-ec2-describe-security-groups.placebo.json"))).isEqualTo(2);
    assertThat(err.toString()).contains("unknown format");
    assertThat(run("--fail-on", "urgent", sample("aws-ec2-describe-security-groups.placebo.json"))).isEqualTo(2);
  }

  @Test
  void posture_unrecognisedInputIsTwo(@TempDir Path dir) throws IOException {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "nothing to see\n");
    assertThat(run(notes.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no posture input");
  }

  /** picocli treats descriptions as format strings: the rpm --qf example must not break help. */
  @Test
  void posture_helpFormatsWithoutWarnings() {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    String usage;
    try {
      System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
      usage = new CommandLine(new PostureCommand()).getUsageMessage();
    } finally {
      System.setErr(saved);
    }
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Could not format");
    assertThat(usage.replaceAll("\\s", "")).contains("rpm-qa--qf'%{NAME}\\t%{EPOCH}:%{VERSION}-%{RELEASE}\\n'");
  }

  @Test
  void posture_localOnFixtureRoot(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("etc/ssh"));
    Files.writeString(root.resolve("etc/ssh/sshd_config"), "PasswordAuthentication no\nKbdInteractiveAuthentication no\n");
    assertThat(run("--local", "--root", root.toString())).isEqualTo(0);
    assertThat(out.toString()).contains("No findings.");
    assertThat(err.toString()).contains("1 input(s)");
  }
}
