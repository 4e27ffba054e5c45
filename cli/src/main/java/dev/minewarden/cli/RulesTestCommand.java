package dev.minewarden.cli;

import dev.minewarden.core.engine.RuleTestRunner;
import dev.minewarden.core.text.Sanitize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rules test}: runs rule test cases (matching and near-miss events). */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {
      "Runs rule test cases: every 'match' event (or sequence, for correlations) must raise its rule,",
      "and no 'nomatch' event may. Without arguments, tests the built-in pack.",
      "With RULE=CASES pairs, tests your own rule files against their case files.",
      "Exit code 0 when every case passes, 1 otherwise."
    })
final class RulesTestCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RULE=CASES", arity = "0..*",
      description = "A rule file and its test-case file, joined by '='.")
  List<String> pairs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    RuleTestRunner.Result result;
    if (pairs.isEmpty()) {
      result = RuleTestRunner.runBuiltin();
    } else {
      int checked = 0;
      List<RuleTestRunner.Failure> failures = new ArrayList<>();
      for (String pair : pairs) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("expected RULE=CASES, got '" + pair + "'");
        }
        Path rule = Path.of(pair.substring(0, eq));
        Path cases = Path.of(pair.substring(eq + 1));
        RuleTestRunner.Result r = RuleTestRunner.run(
            Files.readString(rule, StandardCharsets.UTF_8), rule.toString(),
            Files.readString(cases, StandardCharsets.UTF_8));
        checked += r.checked();
        failures.addAll(r.failures());
      }
      result = new RuleTestRunner.Result(checked, failures);
    }
    result.failures().forEach(f -> System.out.println("FAIL " + Sanitize.forTerminal(f.toString(), 400)));
    System.out.printf(Locale.ROOT, "%d passed, %d failed%n",
        result.checked() - result.failures().size(), result.failures().size());
    return result.failures().isEmpty() ? 0 : 1;
  }
}
