package dev.minewarden.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.rules.RuleInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helper rules with the same detection, each feeding its own correlation, are evaluated once; the
 * correlations fire exactly as when every helper raised its own alerts.
 */
class HelperTwinsTest {
  /** A helper: failed or invalid-user SSH events. {@code selection} names its one selection. */
  private static String helper(String name, String selection, String logsource) {
    return """
        title: helper %s
        id: %s-id
        name: %s
        status: test
        level: informational
        logsource: %s
        detection:
          %s:
            event.action: [ssh_failed_password, ssh_invalid_user]
          condition: %s
        """.formatted(name, name, name, logsource, selection, selection);
  }

  private static String count(String id, String refs, int atLeast, String span, String extra) {
    return """
        title: %s
        id: %s
        name: %s
        status: test
        level: medium
        correlation:
          type: event_count
          rules: [%s]
          group-by: [SourceIp]
          timespan: %s
          condition: {gte: %d}
        %s""".formatted(id, id, id, refs, span, atLeast, extra);
  }

  private static final String SSHD = "{product: linux, service: sshd}";

  /**
   * Fast, slow and spaced-out counts (the last chained on a tick), as the built-in pack has them;
   * {@code distinct} writes each helper's selection under its own name, so no two are twins.
   */
  private static DetectionEngine pack(Path dir, boolean distinct) throws Exception {
    Files.createDirectories(dir);
    String[] helpers = {"h-fast", "h-slow", "h-tick"};
    for (int i = 0; i < helpers.length; i++) {
      String sel = distinct ? "selection_" + i : "selection";
      Files.writeString(dir.resolve(helpers[i] + ".yml"), helper(helpers[i], sel, SSHD));
    }
    Files.writeString(dir.resolve("fast.yml"), count("fast", "h-fast", 3, "1m", ""));
    Files.writeString(dir.resolve("slow.yml"), count("slow", "h-slow", 6, "10m", ""));
    Files.writeString(dir.resolve("tick.yml"), count("tick", "h-tick", 1, "2m", ""));
    Files.writeString(dir.resolve("spaced.yml"), count("spaced", "tick", 3, "30m", ""));
    DetectionEngine engine = DetectionEngine.builder().includeBuiltin(false).addRules(dir).build();
    assertThat(engine.loadErrors()).isEmpty();
    return engine;
  }

  @Test
  void twins_feedEveryCorrelationAsTheirOwnAlertsDid(@TempDir Path dir) throws Exception {
    DetectionEngine merged = pack(dir.resolve("merged"), false);
    DetectionEngine apart = pack(dir.resolve("apart"), true);
    assertThat(merged.helperTwins())
        .hasSize(1)
        .allSatisfy((first, others) -> {
          assertThat(first.id()).isEqualTo("h-fast-id");
          assertThat(others).extracting(RuleInfo::id).containsExactly("h-slow-id", "h-tick-id");
        });
    assertThat(apart.helperTwins()).isEmpty();

    Random r = new Random(20261127);
    for (int round = 0; round < 20; round++) {
      List<Event> events = new ArrayList<>();
      long t = 1_700_000_000_000L;
      for (int i = 0; i < 400; i++) {
        t += r.nextInt(r.nextBoolean() ? 5_000 : 240_000);
        String action = switch (r.nextInt(4)) {
          case 0 -> "ssh_invalid_user";
          case 1 -> "ssh_accepted_password";
          default -> "ssh_failed_password";
        };
        events.add(Event.builder(LogSource.exact("linux", null, "sshd")).time(t)
            .source("auth.log", i + 1).field("event.action", action)
            .field("SourceIp", "203.0.113." + r.nextInt(4)).build());
      }
      List<String> a = run(merged, events);
      List<String> b = run(apart, events);
      assertThat(a).as("round %s", round).isEqualTo(b);
      assertThat(a).as("round %s fires each correlation", round)
          .anyMatch(s -> s.startsWith("fast ")).anyMatch(s -> s.startsWith("slow "));
    }
  }

  @Test
  void notTwins_whenGeneratedFilteredAliasedSharedOrOfAnotherLogsource(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("a.yml"), helper("a", "selection", SSHD));
    Files.writeString(dir.resolve("b.yml"), helper("b", "selection", SSHD));
    Files.writeString(dir.resolve("gen.yml"), helper("gen", "selection", SSHD));
    Files.writeString(dir.resolve("filtered.yml"), helper("filtered", "selection", SSHD));
    Files.writeString(dir.resolve("aliased.yml"), helper("aliased", "selection", SSHD));
    Files.writeString(dir.resolve("both1.yml"), helper("both1", "selection", SSHD));
    Files.writeString(dir.resolve("both2.yml"), helper("both2", "selection", SSHD));
    Files.writeString(dir.resolve("other.yml"),
        helper("other", "selection", "{product: linux, service: auth}"));
    Files.writeString(dir.resolve("unused.yml"), helper("unused", "selection", SSHD));
    Files.writeString(dir.resolve("c-a.yml"), count("c-a", "a", 2, "1m", ""));
    Files.writeString(dir.resolve("c-b.yml"), count("c-b", "b", 2, "1m", ""));
    Files.writeString(dir.resolve("c-gen.yml"),
        count("c-gen", "gen", 2, "1m", "  generate: true\n"));
    Files.writeString(dir.resolve("c-filtered.yml"), count("c-filtered", "filtered", 2, "1m", ""));
    Files.writeString(dir.resolve("c-aliased.yml"), count("c-aliased", "aliased", 2, "1m", "")
        .replace("group-by: [SourceIp]", "group-by: [ip]\n  aliases: {ip: {aliased: SourceIp}}"));
    Files.writeString(dir.resolve("c-both.yml"), count("c-both", "both1, both2", 2, "1m", ""));
    Files.writeString(dir.resolve("c-other.yml"), count("c-other", "other", 2, "1m", ""));
    Files.writeString(dir.resolve("filter.yml"), """
        title: quiet host
        id: filter-1
        status: test
        logsource: %s
        filter:
          rules: [filtered]
          selection: {SourceIp: 198.51.100.1}
          condition: selection
        """.formatted(SSHD));
    DetectionEngine engine = DetectionEngine.builder().includeBuiltin(false).addRules(dir).build();
    assertThat(engine.loadErrors()).isEmpty();

    Map<RuleInfo, List<RuleInfo>> twins = engine.helperTwins();

    // Only a and b qualify; the rest each break one condition, and one of both1/both2 may pair
    // with a or b but never with the other.
    List<String> merged = new ArrayList<>();
    twins.forEach((first, others) -> {
      merged.add(first.id());
      others.forEach(o -> merged.add(o.id()));
    });
    assertThat(merged).contains("a-id", "b-id")
        .doesNotContain("gen-id", "filtered-id", "aliased-id", "other-id", "unused-id");
    assertThat(merged.contains("both1-id") && merged.contains("both2-id"))
        .as("both1 and both2 feed one correlation: never merged together").isFalse();
    assertThat(engine.detectionRules()).extracting(RuleInfo::id)
        .contains("a-id", "b-id", "both1-id", "both2-id");
  }

  /** Correlation alerts as "id time count group", in a fixed order. */
  private static List<String> run(DetectionEngine engine, List<Event> events) {
    List<Alert> out = new ArrayList<>();
    DetectionEngine.Session s = engine.session(out::add);
    events.forEach(s);
    s.finish();
    return out.stream()
        .map(a -> a.rule().id() + " " + a.event().timestampMillis() + " "
            + a.attributes().get("correlation.count") + " "
            + a.attributes().get("correlation.group_by"))
        .sorted()
        .toList();
  }
}
