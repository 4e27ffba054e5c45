package dev.minewarden.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rules test}: runs rule test cases (matching and non-matching events). */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Runs the test cases of the built-in rules: every matching event must raise its rule, no near miss may.")
final class RulesTestCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("minewarden: no rule test cases are bundled in this build");
    return Cli.EXIT_USAGE;
  }
}
