package dev.minewarden.core.sigma;

import static dev.minewarden.core.sigma.SigmaHqRulesTest.resource;
import static dev.minewarden.core.sigma.SigmaTestSupport.alerts;
import static dev.minewarden.core.sigma.SigmaTestSupport.compile;
import static dev.minewarden.core.sigma.SigmaTestSupport.event;
import static dev.minewarden.core.sigma.SigmaTestSupport.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.LogSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading files, collections, filters, placeholders, correlations and errors. */
class SigmaLoaderTest {

  private static final String MINER =
      rule("11111111-1111-1111-1111-111111111111", "product: linux", "s:\n  Image|endswith: /xmrig\ncondition: s");

  @Test
  void specExamples_loadAsRulesFiltersAndCorrelations() {
    LoadResult r = new SigmaLoader().load(resource("sigma-specification/tests"));
    assertThat(r.errors()).isEmpty();
    assertThat(r.rules()).hasSize(2);
    assertThat(r.filters()).hasSize(2);
    assertThat(r.correlations()).hasSize(8);
    assertThat(r.correlations())
        .allSatisfy(c -> assertThat(c.document()).containsKey("correlation"))
        .allSatisfy(c -> assertThat(c.path()).contains("correlation"));
    SigmaFilter f = r.filters().stream().filter(x -> x.path().endsWith("filter_1.yml")).findFirst().orElseThrow();
    assertThat(f.rules()).containsExactly("6f3e2987-db24-4c78-a860-b4f4095a7095", "df0841c0-9846-4e9f-ad8a-7df91571771b");
    assertThat(f.logSource()).isEqualTo(LogSource.of("windows", "process_creation", null));
  }

  @Test
  void malformedFile_namedInErrorWhileOthersLoad(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("good.yml"), MINER, StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/broken.yml"), "title: Broken\nid: b1\ndetection: [unclosed\n", StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("sub/bad_rule.yaml"),
        rule("b2", "product: linux", "s:\n  Image|nosuchmod: x\ncondition: s"),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("notes.txt"), "not a rule", StandardCharsets.UTF_8);
    LoadResult r = new SigmaLoader().load(dir);
    assertThat(r.rules()).extracting(SigmaRule::id).containsExactly("11111111-1111-1111-1111-111111111111");
    assertThat(r.errors()).hasSize(2);
    assertThat(r.errors()).anySatisfy(e -> {
      assertThat(e.path()).endsWith("broken.yml");
      assertThat(e.message()).contains("YAML");
    });
    assertThat(r.errors()).anySatisfy(e -> {
      assertThat(e.path()).endsWith("bad_rule.yaml");
      assertThat(e.id()).isEqualTo("b2");
      assertThat(e.title()).isEqualTo("rule b2");
      assertThat(e.message()).contains("nosuchmod");
      assertThat(e.toString()).contains("bad_rule.yaml").contains("b2").contains("nosuchmod");
    });
  }

  @Test
  void missingParts_areErrors() {
    LoadResult r =
        new SigmaLoader()
            .loadString(
                "id: x\nlogsource: {product: linux}\ndetection: {s: {A: 1}, condition: s}\n---\n"
                    + "title: no logsource\ndetection: {s: {A: 1}, condition: s}\n---\n"
                    + "title: bad level\nlevel: severe\nlogsource: {product: linux}\ndetection: {s: {A: 1}, condition: s}\n",
                "multi.yml");
    assertThat(r.rules()).isEmpty();
    assertThat(r.errors()).extracting(RuleError::message)
        .anyMatch(m -> m.contains("'title'"))
        .anyMatch(m -> m.contains("'logsource'"))
        .anyMatch(m -> m.contains("severe"));
  }

  @Test
  void ruleWithoutId_getsStableDerivedId() {
    String yaml = "title: No id\nlogsource: {product: linux}\ndetection: {s: {A: 1}, condition: s}\n";
    String a = new SigmaLoader().loadString(yaml, "x.yml").rules().get(0).id();
    String b = new SigmaLoader().loadString(yaml, "x.yml").rules().get(0).id();
    String c = new SigmaLoader().loadString(yaml, "y.yml").rules().get(0).id();
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void collection_globalResetRepeat() {
    String yaml =
        """
        action: global
        title: Miner tools
        logsource:
            product: linux
        detection:
            condition: sel
        ---
        id: g1
        detection:
            sel:
                Image|endswith: /xmrig
        ---
        action: repeat
        id: g2
        detection:
            sel:
                Image|endswith: /minerd
        ---
        action: reset
        ---
        title: Standalone
        id: g3
        logsource:
            product: linux
        detection:
            sel:
                Image|endswith: /cpuminer
            condition: sel
        """;
    LoadResult r = new SigmaLoader().loadString(yaml, "collection.yml");
    assertThat(r.errors()).isEmpty();
    assertThat(r.rules()).extracting(SigmaRule::id).containsExactly("g1", "g2", "g3");
    assertThat(r.rules().get(1).title()).isEqualTo("Miner tools");
    CompiledRules c = CompiledRules.compile(r.rules(), r.filters());
    assertThat(alerts(c, event("Image", "/tmp/minerd"))).containsExactly("g2");
    assertThat(alerts(c, event("Image", "/tmp/xmrig"))).containsExactly("g1");
  }

  @Test
  void ruleAndCorrelationInOneFile() {
    String yaml =
        MINER
            + "---\ntitle: many\nid: c1\ncorrelation:\n  type: event_count\n  rules: [11111111-1111-1111-1111-111111111111]\n"
            + "  group-by: [host]\n  timespan: 5m\n  condition: {gte: 3}\n";
    LoadResult r = new SigmaLoader().loadString(yaml, "both.yml");
    assertThat(r.rules()).hasSize(1);
    assertThat(r.correlations()).singleElement().satisfies(c -> {
      assertThat(c.path()).isEqualTo("both.yml");
      assertThat(c.document()).containsEntry("id", "c1").containsKey("correlation");
    });
  }

  /* ------ filters ------ */

  private static String filter(String rules, String logsource, String selection) {
    return "title: exception\nlogsource:\n    " + logsource + "\nfilter:\n    rules:\n" + rules
        + "    selection:\n        " + selection + "\n    condition: selection\n";
  }

  @Test
  void filter_byId_excludesMatchingEventsForThatRuleOnly() {
    String other = rule("other", "product: linux", "s:\n  Image|endswith: /xmrig\ncondition: s");
    CompiledRules c =
        compile(MINER + "---\n" + other + "---\n"
            + filter("        - 11111111-1111-1111-1111-111111111111\n", "product: linux", "User: lab"));
    assertThat(alerts(c, event("Image", "/x/xmrig", "User", "LAB")))
        .containsExactly("other");
    assertThat(alerts(c, event("Image", "/x/xmrig", "User", "eve")))
        .containsExactly("11111111-1111-1111-1111-111111111111", "other");
  }

  @Test
  void filter_byName() {
    String named =
        "title: n\nid: n1\nname: miner_by_name\nlogsource: {product: linux}\n"
            + "detection: {s: {Image|endswith: /xmrig}, condition: s}\n";
    CompiledRules c = compile(named + "---\n" + filter("        - miner_by_name\n", "product: linux", "User|startswith: 'adm_'"));
    assertThat(alerts(c, event("Image", "/x/xmrig", "User", "adm_bob"))).isEmpty();
    assertThat(alerts(c, event("Image", "/x/xmrig", "User", "bob"))).containsExactly("n1");
  }

  @Test
  void filter_onlyWhereItsLogsourceIsAdmitted() {
    CompiledRules c =
        compile(MINER + "---\n"
            + filter("        - 11111111-1111-1111-1111-111111111111\n", "service: auditd", "User: lab"));
    Object[] kv = {"Image", "/x/xmrig", "User", "lab"};
    assertThat(alerts(c, event(LogSource.of("linux", null, "auditd"), kv))).isEmpty();
    assertThat(alerts(c, event(LogSource.of("linux", null, "sysmon"), kv))).hasSize(1);
  }

  @Test
  void filter_withoutRules_isError() {
    LoadResult r =
        new SigmaLoader()
            .loadString("title: f\nlogsource: {product: linux}\nfilter:\n  selection: {A: 1}\n  condition: selection\n", "f.yml");
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("rules"));
  }

  /* ------ expand ------ */

  @Test
  void expand_placeholderValuesAreOrAndMayHoldWildcards() {
    String yaml =
        rule("x1", "product: linux", "s:\n  Host|expand: '%Servers%'\ncondition: s")
            + "---\n"
            + rule("x2", "product: linux", "s:\n  Host|expand: 'pre-\\%lit-%Servers%'\ncondition: s");
    LoadResult r = new SigmaLoader(Map.of("Servers", List.of("srv*", "db01"))).loadString(yaml, "e.yml");
    assertThat(r.errors()).isEmpty();
    CompiledRules c = CompiledRules.compile(r.rules(), List.of());
    assertThat(alerts(c, event("Host", "SRV-17"))).containsExactly("x1");
    assertThat(alerts(c, event("Host", "db01"))).containsExactly("x1");
    assertThat(alerts(c, event("Host", "web1"))).isEmpty();
    assertThat(alerts(c, event("Host", "pre-%lit-db01"))).containsExactly("x2");
  }

  @Test
  void expand_unknownPlaceholderIsLoadError_andWithoutExpandItIsLiteral() {
    LoadResult r =
        new SigmaLoader()
            .loadString(
                rule("u1", "product: linux", "s:\n  Host|expand: '%Nope%'\ncondition: s")
                    + "---\n"
                    + rule("u2", "product: linux", "s:\n  Host: '%Nope%'\ncondition: s"),
                "u.yml");
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo("u1");
      assertThat(e.message()).contains("%Nope%");
    });
    CompiledRules c = CompiledRules.compile(r.rules(), List.of());
    assertThat(alerts(c, event("Host", "%nope%"))).containsExactly("u2");
  }
}
