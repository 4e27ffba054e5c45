package dev.minewarden.host.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.rules.Severity;
import dev.minewarden.host.HostEvents;
import dev.minewarden.host.HostRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponsePolicyTest {
  private static Alert alert(RuleInfo rule, Map<String, Object> attrs) {
    return new Alert(rule, Event.builder(HostEvents.PROCESS).time(0).build(), List.of(), 1, attrs);
  }

  @Test
  void load_examplePolicyFromTheDocs() throws Exception {
    ResponsePolicy p = ResponsePolicy.load(Path.of("../docs/response-policy.example.yaml"));

    assertThat(p.apply()).isFalse();
    assertThat(p.rules()).extracting(ResponsePolicy.Rule::name).startsWith("leave-the-lab-alone", "stop-miner");
    assertThat(p.ruleFor(alert(HostRules.MINER, Map.of())).actions())
        .contains(ActionKind.KILL, ActionKind.FREEZE, ActionKind.QUARANTINE, ActionKind.BLOCK_EGRESS);
    assertThat(p.allowlist().addresses()).contains("10.0.0.0/8");
    assertThat(p.ban().durationsSeconds()).containsExactly(600L, 3600L, 86400L, 604800L);
  }

  @Test
  void ruleFor_firstMatchByGroupLevelAndConfidence() throws Exception {
    ResponsePolicy p = ResponsePolicy.load(Path.of("../docs/response-policy.example.yaml"));
    RuleInfo medium = new RuleInfo("x-sigma-rule", "x", "Some rule", Severity.MEDIUM, List.of(), List.of(), null);

    assertThat(p.ruleFor(alert(HostRules.MINER, Map.of("threat.group.name", "mining-lab"))).actions()).isEmpty();
    assertThat(p.ruleFor(alert(medium, Map.of("threat.group.name", "TeamTNT", "minewarden.attribution.confidence", "high")))
        .name()).isEqualTo("known-gang");
    assertThat(p.ruleFor(alert(medium, Map.of("threat.group.name", "TeamTNT", "minewarden.attribution.confidence", "low"))))
        .isNull();
    assertThat(p.ruleFor(alert(medium, Map.of()))).isNull();
    RuleInfo brute = new RuleInfo("b", null, "SSH brute force", Severity.MEDIUM, List.of("attack.t1110.001"), List.of(), null);
    assertThat(p.ruleFor(alert(brute, Map.of())).actions()).containsExactly(ActionKind.BAN_SOURCE);
  }

  @Test
  void defaults_isADryRun() {
    ResponsePolicy p = ResponsePolicy.defaults();

    assertThat(p.apply()).isFalse();
    assertThat(p.withApply(true).apply()).isTrue();
    assertThat(p.ruleFor(alert(HostRules.HIGH_CPU, Map.of()))).isNull();
  }

  @Test
  void parse_errorsNameTheKey() {
    assertThatThrownBy(() -> ResponsePolicy.parse("mode: yes-please\n", "p.yaml"))
        .hasMessageContaining("p.yaml").hasMessageContaining("mode must be dry-run or apply");
    assertThatThrownBy(() -> ResponsePolicy.parse("rules:\n  - match: {rules: [x]}\n    actions: [nuke]\n", "p.yaml"))
        .hasMessageContaining("rules[0].actions").hasMessageContaining("unknown action 'nuke'");
    assertThatThrownBy(() -> ResponsePolicy.parse("allowlist: {executabels: [/x]}\n", "p.yaml"))
        .hasMessageContaining("unknown key 'executabels'");
    assertThatThrownBy(() -> ResponsePolicy.parse("netns: \"a b;reboot\"\n", "p.yaml"))
        .hasMessageContaining("bad namespace name");
    assertThatThrownBy(() -> ResponsePolicy.parse("ban: {durations: [10 minutes]}\n", "p.yaml"))
        .hasMessageContaining("not a duration");
    assertThatThrownBy(() -> ResponsePolicy.parse("allowlist: {addresses: [example.com]}\n", "p.yaml"))
        .hasMessageContaining("not an address");
  }

  @Test
  void glob_matchesWithoutRegex() {
    assertThat(Glob.matches("/opt/lab/*", "/opt/lab/bin/xmrig")).isTrue();
    assertThat(Glob.matches("mw-host-miner*", "mw-host-miner-name")).isTrue();
    assertThat(Glob.matches("*a*a*a*a*b", "a".repeat(5000))).isFalse();
    assertThat(Glob.matches("/opt/lab/*", "/opt/labs/x")).isFalse();
  }
}
