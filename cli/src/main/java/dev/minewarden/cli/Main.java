package dev.minewarden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code minewarden} command: finds and stops cryptojacking on cloud hosts. */
@Command(
    name = "minewarden",
    mixinStandardHelpOptions = true,
    version = "minewarden 0.1.0",
    description = "Finds and stops cloud cryptojacking.",
    subcommands = {
      HuntCommand.class,
      ScanCommand.class,
      AgentCommand.class,
      UndoCommand.class,
      PostureCommand.class,
      IntelCommand.class,
      RulesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof IllegalArgumentException) {
        cmd.getErr().println("minewarden: " + ex.getMessage());
        return Cli.EXIT_USAGE;
      }
      throw ex;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
