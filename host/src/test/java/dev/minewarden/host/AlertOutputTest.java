package dev.minewarden.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.core.alert.Alert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ECS output and terminal escaping. */
class AlertOutputTest {
  @Test
  void escape_controlAnsiBidiAndLength() {
    assertThat(AlertOutput.escape("a\nb\tc\u001b[2J\u0007\u009b\u202e", 100))
        .isEqualTo("a\\nb\\tc\\x1b[2J\\x07\\u009b\\u202e");
    assertThat(AlertOutput.escape("x".repeat(1_000_000), 10)).isEqualTo("xxxxxxxxxx...[999990 more chars]");
  }

  @Test
  void ndjson_ecsFieldsAndAttackIds() throws Exception {
    Alert a = new Alert(HostRules.MINER, new HostEvents("web-1").hostWide(1_700_000_000_000L), List.of(), 1,
        Map.of("process.pid", 42L, "event.reason", "x\ny"));

    JsonNode j = new ObjectMapper().readTree(AlertOutput.ndjson(a));

    assertThat(j.get("@timestamp").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(j.get("event.kind").asText()).isEqualTo("alert");
    assertThat(j.get("event.severity").asInt()).isEqualTo(4);
    assertThat(j.get("rule.id").asText()).isEqualTo("mw-host-miner");
    assertThat(j.get("threat.technique.id").toString()).isEqualTo("[\"T1496\"]");
    assertThat(j.get("threat.technique.subtechnique.id").toString()).isEqualTo("[\"T1496.001\"]");
    assertThat(j.get("host.name").asText()).isEqualTo("web-1");
    assertThat(j.get("process.pid").asLong()).isEqualTo(42);
    assertThat(AlertOutput.ndjson(a)).doesNotContain("\n");
  }

  @Test
  void rules_idsAreUniqueAndStable() {
    assertThat(HostRules.all()).extracting(r -> r.id()).doesNotHaveDuplicates()
        .allMatch(id -> id.startsWith("mw-host-")).contains("mw-host-fake-kthread");
  }
}
