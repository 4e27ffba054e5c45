package dev.minewarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.correlation.CorrelationEngine;
import dev.minewarden.core.correlation.CorrelationRule;
import dev.minewarden.core.engine.RuleTestRunner;
import dev.minewarden.core.sigma.LoadResult;
import dev.minewarden.core.sigma.RawDocument;
import dev.minewarden.core.sigma.SigmaLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every built-in rule's test events through the Sigma engine and the correlation engine: each
 * {@code match} event or sequence must raise the rule, no {@code nomatch} one may. A rule file is
 * run on its own (with the parts its correlation refers to), so one rule cannot mask another.
 */
final class BuiltinRulePackEngineTest {

  static List<String> ruleFiles() {
    return BuiltinPack.ruleFiles();
  }

  @Test
  void wholePack_loadsWithoutErrorsAndBuildsOneEngine() {
    LoadResult pack = new SigmaLoader().load(BuiltinPack.resourceDir(BuiltinPack.RULES));
    assertThat(pack.errors()).isEmpty();
    assertThat(pack.rules()).isNotEmpty();
    List<CorrelationRule> correlations = correlations(pack);
    CorrelationEngine engine = CorrelationEngine.builder(correlations).build();
    assertThat(engine.rules()).hasSameSizeAs(pack.correlations());
    // every document of the pack is either a detection rule or a correlation
    long documents = ruleFiles().stream().mapToLong(f -> BuiltinPack.documents(f).size()).sum();
    assertThat(pack.rules().size() + pack.correlations().size()).isEqualTo((int) documents);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleFiles")
  void testCases_raiseTheRuleOnMatchesOnly(String file) throws IOException {
    Path rules = BuiltinPack.resourceDir(BuiltinPack.RULES).resolve(file);
    Path cases = BuiltinPack.testCaseFile(file);
    RuleTestRunner.Result r = RuleTestRunner.run(Files.readString(rules), file, Files.readString(cases));
    assertThat(r.failures()).isEmpty();
    assertThat(r.checked()).as("%s entries checked", file).isGreaterThanOrEqualTo(2);
  }

  @Test
  void runBuiltin_checksEveryRuleFromTheClassPath() throws IOException {
    RuleTestRunner.Result r = RuleTestRunner.runBuiltin();
    assertThat(r.failures()).isEmpty();
    assertThat(r.checked()).isGreaterThanOrEqualTo(2 * ruleFiles().size());
  }

  @Test
  void run_reportsARuleThatMissesItsMatch() throws IOException {
    String file = ruleFiles().get(0);
    Path rules = BuiltinPack.resourceDir(BuiltinPack.RULES).resolve(file);
    String swapped = Files.readString(BuiltinPack.testCaseFile(file))
        .replaceFirst("(?m)^match:", "tmp:").replaceFirst("(?m)^nomatch:", "match:")
        .replaceFirst("(?m)^tmp:", "nomatch:");
    RuleTestRunner.Result r = RuleTestRunner.run(Files.readString(rules), file, swapped);
    assertThat(r.failures()).isNotEmpty();
  }

  private static List<CorrelationRule> correlations(LoadResult loaded) {
    List<CorrelationRule> out = new ArrayList<>();
    for (RawDocument raw : loaded.correlations()) {
      out.add(CorrelationRule.parse(raw.document(), raw.path()));
    }
    return out;
  }
}
