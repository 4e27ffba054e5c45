package dev.minewarden.posture.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.minewarden.posture.Assessment;
import dev.minewarden.posture.PostureScan;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportsTest {
  private static final String EVIL =
      "\u001b[31mowned\u001b]0;pwned\u0007 <script>alert(1)</script>\u202e'\"&\u009b2J\u2028\u007f";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String groups() throws IOException {
    String evilJson = JSON.writeValueAsString(EVIL);
    return """
        {"SecurityGroups": [
          {"GroupId": "sg-evil", "GroupName": %s, "IpPermissions": [
            {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
          {"GroupId": %s, "GroupName": "x", "IpPermissions": [
            {"IpProtocol": "tcp", "FromPort": 2375, "ToPort": 2375, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}
        """.formatted(evilJson, evilJson);
  }

  private static Assessment assessment() throws IOException {
    return PostureScan.builder()
        .clock(Clock.fixed(Instant.parse("2025-09-01T00:00:00Z"), ZoneOffset.UTC))
        .source("estate dir/groups.json", groups().getBytes(StandardCharsets.UTF_8))
        .source("sshd_config", "PasswordAuthentication yes\nPermitRootLogin yes\n".getBytes(StandardCharsets.UTF_8))
        .build().run();
  }

  private static String render(ReportFormat f, Assessment a) throws IOException {
    StringWriter w = new StringWriter();
    f.write(a, w);
    return w.toString();
  }

  @Test
  void sarif_validatesAgainstTheSchema() throws IOException {
    JsonNode sarif = JSON.readTree(render(ReportFormat.SARIF, assessment()));
    JsonSchema schema;
    try (InputStream in = ReportsTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
    Set<ValidationMessage> errors = schema.validate(sarif);
    assertThat(errors).isEmpty();
    JsonNode run = sarif.get("runs").get(0);
    assertThat(run.get("results").size()).isGreaterThan(5);
    assertThat(run.get("tool").get("driver").get("rules").size()).isEqualTo(dev.minewarden.posture.Check.values().length);
    assertThat(run.get("results").get(0).get("level").asText()).isEqualTo("warning");
  }

  @Test
  void sarif_schemaRejectsABrokenLog() throws IOException {
    JsonNode broken = JSON.readTree("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}");
    try (InputStream in = ReportsTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in).validate(broken)).isNotEmpty();
    }
  }

  @Test
  void table_escapesControlCharacters() throws IOException {
    String table = render(ReportFormat.TABLE, assessment());
    assertThat(table.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
    assertThat(table).doesNotContain("\u202e").contains("\\u001b[31mowned").contains("Fix first");
  }

  @Test
  void html_escapesEveryText() throws IOException {
    String html = render(ReportFormat.HTML, assessment());
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy");
  }

  @Test
  void json_keepsInputTextExactlyAndOrdersFixFirst() throws IOException {
    JsonNode json = JSON.readTree(render(ReportFormat.JSON, assessment()));
    JsonNode findings = json.get("findings");
    assertThat(findings.get(0).get("priority").asInt()).isEqualTo(1);
    boolean sawEvilAsset = false;
    for (JsonNode f : findings) {
      sawEvilAsset |= f.get("asset").get("id").asText().equals(EVIL);
    }
    assertThat(sawEvilAsset).isTrue();
    assertThat(json.get("estateScore").asInt()).isBetween(1, 100);
    assertThat(json.get("findingsBySeverity").get("medium").asInt()).isPositive();
  }

  /** C1 controls (a lone 0x9B is CSI to many terminals), DEL, separators and bidi must not reach a terminal raw. */
  @Test
  void jsonFormats_escapeTerminalControlsAndRoundTrip() throws IOException {
    for (ReportFormat f : List.of(ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.OCSF)) {
      String out = render(f, assessment());
      assertThat(out.codePoints().filter(c -> c != '\n' && Text.unsafe(c)).count()).as(f.cliName()).isZero();
      assertThat(out).as(f.cliName()).contains("\\u009b2J").contains("\\u202e");
      // Still valid JSON that reads back to the exact input text.
      assertThat(JSON.readTree(out).findValuesAsText("id").contains(EVIL)
          || JSON.readTree(out).findValuesAsText("uid").contains(EVIL)
          || JSON.readTree(out).findValuesAsText("name").contains(EVIL)).as(f.cliName()).isTrue();
    }
  }

  @Test
  void ocsf_detectionFindingsCarryRequiredAttributes() throws IOException {
    JsonNode ocsf = JSON.readTree(render(ReportFormat.OCSF, assessment()));
    assertThat(ocsf.isArray()).isTrue();
    assertThat(ocsf.size()).isPositive();
    for (JsonNode f : ocsf) {
      assertThat(f.get("class_uid").asInt()).isEqualTo(2004);
      assertThat(f.get("type_uid").asInt()).isEqualTo(200401);
      assertThat(f.get("severity_id").asInt()).isBetween(1, 5);
      assertThat(f.get("metadata").get("version").asText()).isEqualTo("1.3.0");
      assertThat(f.get("metadata").get("product").get("name").asText()).isEqualTo("Minewarden");
      assertThat(f.get("finding_info").get("uid").asText()).hasSize(32);
      assertThat(f.get("time").asLong()).isEqualTo(Instant.parse("2025-09-01T00:00:00Z").toEpochMilli());
      assertThat(f.get("resources").get(0).has("uid")).isTrue();
    }
  }

  @Test
  void text_escapesBidiAndKeepsPlainText() {
    assertThat(Text.terminal("sg-123 ok")).isEqualTo("sg-123 ok");
    assertThat(Text.terminal("a\u202eb\tc\n")).isEqualTo("a\\u202eb\\tc\\n");
    assertThat(Text.html("<a href='x'>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;");
    assertThat(Text.terminal("abcdef", 4)).isEqualTo("abc…");
  }
}
