package dev.minewarden.cli;

import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.sigma.RuleError;
import dev.minewarden.core.text.Sanitize;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minewarden rules}: lists, checks and tests Sigma rules. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Lists, checks and tests Sigma rules.",
    subcommands = {RulesCommand.ListRules.class, RulesCommand.Lint.class, RulesTestCommand.class})
final class RulesCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** {@code rules list}: the rules a hunt would run. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the rules a hunt would run: the built-in pack and any --rules.")
  static final class ListRules implements Callable<Integer> {
    @Option(names = "--rules", paramLabel = "PATH", description = "Sigma file or folder to add (repeatable).")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--no-builtin", description = "Leave the built-in rule pack out.")
    boolean noBuiltin;

    @Override
    public Integer call() {
      PrintStream out = System.out;
      DetectionEngine engine = Cli.buildEngine(!noBuiltin, rules, List.of(), System.err);
      String fmt = "%-36s  %-13s  %-11s  %s%n";
      out.printf(Locale.ROOT, fmt, "ID", "LEVEL", "KIND", "TITLE");
      for (RuleInfo r : engine.detectionRules()) {
        out.printf(Locale.ROOT, fmt, Sanitize.forTerminal(r.id(), 36), r.level().sigmaName(),
            "detection", Sanitize.forTerminal(r.title(), 100));
      }
      for (RuleInfo r : engine.correlationRules()) {
        out.printf(Locale.ROOT, fmt, Sanitize.forTerminal(r.id(), 36), r.level().sigmaName(),
            "correlation", Sanitize.forTerminal(r.title(), 100));
      }
      out.printf(Locale.ROOT, "%d detection and %d correlation rule(s).%n",
          engine.detectionRules().size(), engine.correlationRules().size());
      return engine.loadErrors().isEmpty() ? 0 : Cli.EXIT_USAGE;
    }
  }

  /** {@code rules lint}: loads rule files and names every one it refuses. */
  @Command(name = "lint", mixinStandardHelpOptions = true,
      description = {"Loads Sigma rule files and folders and names every rule it refuses, with the reason.",
          "Exit code 0 when every document loads, 1 otherwise."})
  static final class Lint implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Sigma files or folders.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
      DetectionEngine.Builder b = DetectionEngine.builder().includeBuiltin(false);
      paths.forEach(b::addRules);
      DetectionEngine engine = b.build();
      List<RuleError> errors = engine.loadErrors();
      errors.forEach(e -> System.out.println(Sanitize.forTerminal(e.toString(), 600)));
      int loaded = engine.detectionRules().size() + engine.correlationRules().size()
          + engine.filterCount();
      int total = loaded + errors.size();
      System.out.printf(Locale.ROOT,
          "%d of %d document(s) loaded (%.1f%%): %d detection, %d correlation, %d filter; %d refused.%n",
          loaded, total, total == 0 ? 100.0 : 100.0 * loaded / total,
          engine.detectionRules().size(), engine.correlationRules().size(), engine.filterCount(),
          errors.size());
      return errors.isEmpty() ? 0 : 1;
    }
  }
}
