package dev.minewarden.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.alert.EcsAlert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sensor's rules and the ECS form of its findings. */
class HostRulesTest {
  @Test
  void ecs_findingCarriesRuleHostAttackIdsAndAttributes() throws Exception {
    Alert a = new Alert(HostRules.MINER, new HostEvents("web-1").hostWide(1_700_000_000_000L), List.of(), 1,
        Map.of("process.pid", 42L, "event.reason", "x\ny"));

    JsonNode j = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(EcsAlert.toMap(a)));

    assertThat(j.at("/@timestamp").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(j.at("/event/kind").asText()).isEqualTo("alert");
    assertThat(j.at("/event/severity").asInt()).isEqualTo(4);
    assertThat(j.at("/rule/id").asText()).isEqualTo("mw-host-miner");
    assertThat(j.at("/threat/technique/id").toString()).isEqualTo("[\"T1496\"]");
    assertThat(j.at("/threat/technique/subtechnique/id").toString()).isEqualTo("[\"T1496.001\"]");
    assertThat(j.at("/host/name").asText()).isEqualTo("web-1");
    assertThat(j.at("/process/pid").asLong()).isEqualTo(42);
    assertThat(j.at("/event/reason").asText()).isEqualTo("x\ny");
  }

  @Test
  void rules_idsAreUniqueAndStable() {
    assertThat(HostRules.all()).extracting(r -> r.id()).doesNotHaveDuplicates()
        .allMatch(id -> id.startsWith("mw-host-")).contains("mw-host-fake-kthread");
  }
}
