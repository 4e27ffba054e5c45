package dev.minewarden.core.incident;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.intel.Ageing;
import dev.minewarden.core.intel.IntelEnricher;
import dev.minewarden.core.intel.IntelStore;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.rules.Severity;
import java.time.Instant;
import java.util.List;

/** Alerts of built-in rules on enriched process events, for incident tests. */
final class Fixtures {
  static final IntelEnricher ENRICHER =
      new IntelEnricher(IntelStore.bundled().matcher(Ageing.defaults()), null);
  static final RuleInfo MINER = rule("7c438a3e-080a-4561-95e1-ab5aaf279dfa", "Crypto Miner Command Line",
      "attack.impact", "attack.t1496", "attack.t1496.001");
  static final RuleInfo FAKE_KTHREAD = rule("54c2aed8-8a8b-4838-bc92-ac290f19ddc9",
      "Process Masquerading As A Kernel Thread", "attack.defense-evasion", "attack.t1036.005");
  static final RuleInfo CRON = rule("ebf0f8b5-46c1-4386-b14d-b09e40edc6b4",
      "Cron Job That Downloads And Runs A Script", "attack.persistence", "attack.t1053.003");
  static final RuleInfo KILL_BURST = rule("e8d86825-ee2f-43e1-90af-24de79f88d79",
      "Burst Of Kills Aimed At Rival Crypto Miners", "attack.impact", "attack.t1496", "attack.t1489");
  static final RuleInfo PRELOAD = rule("45f2cd32-2b15-4b2b-85bc-13647ebdb5c9",
      "/etc/ld.so.preload Modified From A Command Line", "attack.persistence", "attack.t1574.006");

  private Fixtures() {}

  static RuleInfo rule(String id, String title, String... tags) {
    return new RuleInfo(id, null, title, Severity.HIGH, List.of(tags), List.of(), null);
  }

  static Event exec(String host, String time, String image, String cmd) {
    Event e = Event.builder(LogSource.of("linux", "process_creation", "auditd"))
        .time(Instant.parse(time)).host(host).source("audit.log", 1)
        .field("Image", image).field("CommandLine", cmd).build();
    return ENRICHER.apply(e);
  }

  static Alert alert(RuleInfo rule, Event e) {
    return Alert.of(rule, e);
  }

  static Alert correlation(RuleInfo rule, List<Event> events) {
    return new Alert(rule, events.get(events.size() - 1), events, 1, java.util.Map.of());
  }
}
