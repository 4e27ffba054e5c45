package dev.minewarden.core.sigma;

import static dev.minewarden.core.sigma.SigmaTestSupport.alerts;
import static dev.minewarden.core.sigma.SigmaTestSupport.compile;
import static dev.minewarden.core.sigma.SigmaTestSupport.detection;
import static dev.minewarden.core.sigma.SigmaTestSupport.errors;
import static dev.minewarden.core.sigma.SigmaTestSupport.event;
import static dev.minewarden.core.sigma.SigmaTestSupport.matches;
import static dev.minewarden.core.sigma.SigmaTestSupport.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.LogSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wildcards, special values, keywords, conditions and logsource admission. */
class DetectionTest {

  /* ------ wildcards and escapes ------ */

  @Test
  void wildcard_starAndQuestionMark() {
    CompiledRules r = detection("sel:\n  Image: '/tmp/*/kworker?'\ncondition: sel");
    assertThat(matches(r, event("Image", "/tmp/a/b/KWORKER1"))).isTrue();
    assertThat(matches(r, event("Image", "/tmp/a/kworker"))).isFalse();
    assertThat(matches(r, event("Image", "/tmp/a/kworker12"))).isFalse();
  }

  @Test
  void wildcard_escapedStarIsLiteral() {
    CompiledRules r = detection("sel:\n  Name: 'a\\*b'\ncondition: sel");
    assertThat(matches(r, event("Name", "a*b"))).isTrue();
    assertThat(matches(r, event("Name", "axxb"))).isFalse();
  }

  @Test
  void wildcard_backslashRules() {
    // A single backslash before a normal char is literal; \\ is one backslash; \\* is backslash + wildcard.
    CompiledRules plain = detection("sel:\n  Image: 'C:\\Windows\\x.exe'\ncondition: sel");
    CompiledRules doubled = detection("sel:\n  Image: 'C:\\\\Windows'\ncondition: sel");
    CompiledRules backslashStar = detection("sel:\n  Image: 'C:\\\\*'\ncondition: sel");
    CompiledRules threeEscapes = detection("sel:\n  Image: 'C:\\\\\\*'\ncondition: sel");
    assertThat(matches(plain, event("Image", "c:\\windows\\X.EXE"))).isTrue();
    assertThat(matches(doubled, event("Image", "C:\\Windows"))).isTrue();
    assertThat(matches(backslashStar, event("Image", "C:\\anything"))).isTrue();
    assertThat(matches(threeEscapes, event("Image", "C:\\*"))).isTrue();
    assertThat(matches(threeEscapes, event("Image", "C:\\anything"))).isFalse();
  }

  @Test
  void wildcard_hostileValueStaysFast() {
    CompiledRules r = detection("sel:\n  CommandLine: '*a*a*a*a*a*a*b'\ncondition: sel");
    String value = "a".repeat(200_000);
    long start = System.nanoTime();
    assertThat(matches(r, event("CommandLine", value))).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  /* ------ null and empty ------ */

  @Test
  void null_matchesAbsentOrNullField() {
    CompiledRules r = detection("sel:\n  Token: null\ncondition: sel");
    assertThat(matches(r, event("Other", "x"))).isTrue();
    assertThat(matches(r, event("Token", null))).isTrue();
    assertThat(matches(r, event("Token", ""))).isFalse();
  }

  @Test
  void notNull_inOwnSelection() {
    CompiledRules r = detection("sel:\n  EventID: 4738\nfilter:\n  Pw: null\ncondition: sel and not filter");
    assertThat(matches(r, event("EventID", 4738L, "Pw", "x"))).isTrue();
    assertThat(matches(r, event("EventID", 4738L))).isFalse();
  }

  @Test
  void emptyString_matchesOnlyEmpty() {
    CompiledRules r = detection("sel:\n  Token: ''\ncondition: sel");
    assertThat(matches(r, event("Token", ""))).isTrue();
    assertThat(matches(r, event("Token", "x"))).isFalse();
    assertThat(matches(r, event("Other", "x"))).isFalse();
  }

  @Test
  void numbersAndBooleans_compareAsText() {
    CompiledRules r = detection("sel:\n  EventID: 4688\n  Privileged: true\ncondition: sel");
    assertThat(matches(r, event("EventID", 4688L, "Privileged", Boolean.TRUE))).isTrue();
    assertThat(matches(r, event("EventID", "4688", "Privileged", "true"))).isTrue();
    assertThat(matches(r, event("EventID", 4689L, "Privileged", Boolean.TRUE))).isFalse();
  }

  /* ------ lists of maps and keywords ------ */

  @Test
  void listOfMaps_isOr() {
    CompiledRules r =
        detection("sel:\n  - Image|endswith: '/xmrig'\n  - Description|contains: 'miner'\ncondition: sel");
    assertThat(matches(r, event("Image", "/opt/xmrig"))).isTrue();
    assertThat(matches(r, event("Description", "Crypto Miner"))).isTrue();
    assertThat(matches(r, event("Image", "/bin/ls"))).isFalse();
  }

  @Test
  void keywords_searchEveryStringValueAndListElements() {
    CompiledRules r = detection("keywords:\n  - 'stratum+tcp'\n  - 'donate-level'\ncondition: keywords");
    assertThat(matches(r, event("message", "connecting to STRATUM+TCP://pool"))).isTrue();
    assertThat(matches(r, event("args", List.of("xmrig", "--donate-level=1")))).isTrue();
    assertThat(matches(r, event("message", "hello", "port", 3333L))).isFalse();
  }

  @Test
  void keywords_allModifier_needsEveryWord() {
    CompiledRules r = detection("kw:\n  '|all':\n    - 'OabVirtualDirectory'\n    - ' -ExternalUrl '\ncondition: kw");
    assertThat(matches(r, event("a", "Set-OabVirtualDirectory", "b", "x -externalurl y"))).isTrue();
    assertThat(matches(r, event("a", "Set-OabVirtualDirectory"))).isFalse();
  }

  @Test
  void keywords_wildcardAndRegex() {
    CompiledRules glob = detection("kw:\n  - 'rm -rf /*/log'\ncondition: kw");
    CompiledRules re = detection("kw:\n  '|re': 'wget .+\\.sh'\ncondition: kw");
    assertThat(matches(glob, event("message", "sudo rm -rf /var/log now"))).isTrue();
    assertThat(matches(re, event("message", "wget http://x/a.sh"))).isTrue();
    assertThat(matches(re, event("message", "wget http://x/a.py"))).isFalse();
  }

  /* ------ conditions ------ */

  private static final String SELECTIONS =
      "sel_a:\n  A: 1\nsel_b:\n  B: 1\nfilter_c:\n  C: 1\n_hidden:\n  D: 1\n";

  private static boolean cond(String condition, Object... kv) {
    return matches(detection(SELECTIONS + "condition: " + condition), event(kv));
  }

  @Test
  void condition_andOrNotParentheses() {
    assertThat(cond("sel_a and sel_b", "A", "1", "B", "1")).isTrue();
    assertThat(cond("sel_a and sel_b", "A", "1")).isFalse();
    assertThat(cond("sel_a or sel_b", "B", "1")).isTrue();
    assertThat(cond("sel_a and not filter_c", "A", "1", "C", "1")).isFalse();
    assertThat(cond("not (sel_a or sel_b)", "C", "1")).isTrue();
    assertThat(cond("sel_a and (sel_b or filter_c)", "A", "1", "C", "1")).isTrue();
  }

  @Test
  void condition_precedence_andBindsTighterThanOr_notTighterThanAnd() {
    assertThat(cond("sel_a or sel_b and filter_c", "A", "1")).isTrue();
    assertThat(cond("not sel_a and sel_b", "B", "1")).isTrue();
    assertThat(cond("not sel_a and sel_b", "A", "1", "B", "1")).isFalse();
  }

  @Test
  void condition_quantifiers() {
    assertThat(cond("1 of sel_*", "B", "1")).isTrue();
    assertThat(cond("all of sel_*", "B", "1")).isFalse();
    assertThat(cond("all of sel_*", "A", "1", "B", "1")).isTrue();
    assertThat(cond("1 of sel_* and not 1 of filter_*", "A", "1", "C", "1")).isFalse();
  }

  @Test
  void condition_them_excludesUnderscoreIdentifiers() {
    assertThat(cond("1 of them", "D", "1")).isFalse();
    assertThat(cond("1 of them", "C", "1")).isTrue();
    assertThat(cond("all of them", "A", "1", "B", "1", "C", "1")).isTrue();
    assertThat(cond("_hidden", "D", "1")).isTrue();
  }

  @Test
  void condition_listIsOr() {
    CompiledRules r = detection(SELECTIONS + "condition:\n  - sel_a\n  - sel_b");
    assertThat(matches(r, event("B", "1"))).isTrue();
    assertThat(matches(r, event("C", "1"))).isFalse();
  }

  @Test
  void condition_errors() {
    assertThat(errors("sel:\n  A: 1\ncondition: sel and nope")).singleElement().asString().contains("nope");
    assertThat(errors("sel:\n  A: 1\ncondition: (sel")).singleElement().asString().contains("')'");
    assertThat(errors("sel:\n  A: 1\ncondition: 1 of x*")).singleElement().asString().contains("x*");
    assertThat(errors("sel:\n  A: 1\ncondition: sel | count() > 5"))
        .singleElement()
        .asString()
        .contains("correlation");
    assertThat(errors("sel:\n  A: 1")).singleElement().asString().contains("condition");
  }

  /* ------ logsource ------ */

  @Test
  void logsource_manyInterleavedSourcesEachGetTheirOwnRules() {
    StringBuilder yaml = new StringBuilder();
    int sources = 12; // more than the engine remembers at once, so remembered groups are replaced
    for (int i = 0; i < sources; i++) {
      yaml.append(rule("r" + i, "product: p" + i, "sel:\n  A: x\ncondition: sel")).append("---\n");
    }
    CompiledRules rules = compile(yaml.toString());
    LogSource[] ls = new LogSource[sources];
    for (int i = 0; i < sources; i++) {
      ls[i] = LogSource.of("p" + i, null, null);
    }
    java.util.Random r = new java.util.Random(5);
    for (int n = 0; n < 2_000; n++) {
      int i = n < 100 ? n % 3 : r.nextInt(sources); // a few sources in turn, then all of them
      assertThat(alerts(rules, event(ls[i], "A", "x"))).as("event %d of p%d", n, i)
          .containsExactly("r" + i);
    }
  }

  @Test
  void logsource_ruleAppliesOnlyToAdmittingEvents() {
    CompiledRules r =
        compile(
            rule("lin", "product: linux\ncategory: process_creation", "s:\n  Image|endswith: /xmrig\ncondition: s")
                + "---\n"
                + rule("win", "product: windows\ncategory: process_creation", "s:\n  Image|endswith: /xmrig\ncondition: s"));
    Object[] kv = {"Image", "/tmp/xmrig"};
    assertThat(alerts(r, event(LogSource.of("linux", "process_creation", null), kv))).containsExactly("lin");
    assertThat(alerts(r, event(LogSource.of("linux", null, "auditd"), kv))).containsExactly("lin");
    assertThat(alerts(r, event(LogSource.of("linux", "network_connection", null), kv))).isEmpty();
    assertThat(alerts(r, event(LogSource.of("macos", null, null), kv))).isEmpty();
    assertThat(alerts(r, event(LogSource.ANY, kv))).containsExactly("lin", "win");
  }

  @Test
  void alert_carriesRuleInfo() {
    CompiledRules r =
        compile(
            "title: Miner\nid: m1\nname: miner_exec\nlevel: high\ntags: [attack.t1496]\n"
                + "falsepositives: [admins]\nlogsource:\n  product: linux\n"
                + "detection:\n  s:\n    Image|endswith: /xmrig\n  condition: s\n");
    List<dev.minewarden.core.alert.Alert> out = new java.util.ArrayList<>();
    r.match(event("Image", "/x/xmrig"), out::add);
    assertThat(out).singleElement().satisfies(a -> {
      assertThat(a.rule().id()).isEqualTo("m1");
      assertThat(a.rule().name()).isEqualTo("miner_exec");
      assertThat(a.rule().level()).isEqualTo(dev.minewarden.core.rules.Severity.HIGH);
      assertThat(a.rule().tags()).containsExactly("attack.t1496");
      assertThat(a.rule().falsePositives()).containsExactly("admins");
      assertThat(a.rule().path()).isEqualTo("test.yml");
    });
  }

  @Test
  void alert_levelMissingIsMedium() {
    CompiledRules r = detection("s:\n  A: 1\ncondition: s");
    List<dev.minewarden.core.alert.Alert> out = new java.util.ArrayList<>();
    r.match(event("A", 1L), out::add);
    assertThat(out).singleElement().satisfies(a ->
        assertThat(a.rule().level()).isEqualTo(dev.minewarden.core.rules.Severity.MEDIUM));
  }

  @Test
  void sharedMatchers_manyRulesOnOneField_eachAlertsIndependently() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      yaml.append(rule("c" + i, "product: linux", "s:\n  CommandLine|contains: 'token" + i + "x'\ncondition: s"));
      yaml.append("---\n");
      yaml.append(rule("e" + i, "product: linux", "s:\n  CommandLine|endswith: 'end" + i + "'\ncondition: s"));
      yaml.append("---\n");
    }
    CompiledRules r = compile(yaml.toString());
    assertThat(alerts(r, event("CommandLine", "a TOKEN7X b token42x end3"))).containsExactly("e3", "c7", "c42");
    assertThat(alerts(r, event("CommandLine", "token7 end"))).isEmpty();
  }
}
