package dev.minewarden.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code minewarden} command: finds and stops cryptojacking on cloud hosts. */
@Command(
    name = "minewarden",
    mixinStandardHelpOptions = true,
    version = "minewarden 0.1.0",
    description = "Finds and stops cloud cryptojacking.")
public final class Main implements Runnable {
  /** The subcommands by name, in the order the usage lists them. */
  private static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    for (Class<?> c : List.of(HuntCommand.class, ScanCommand.class, AgentCommand.class,
        UndoCommand.class, PostureCommand.class, IntelCommand.class, RulesCommand.class)) {
      SUBCOMMANDS.put(c.getAnnotation(Command.class).name(), c);
    }
  }

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    // Each subcommand's model is built by reflection over its options, tens of milliseconds for
    // all of them; a run that starts with a subcommand's name needs that one only. Anything else
    // (no arguments, help, a mistyped name) gets them all, so usage and suggestions are complete.
    Class<?> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    if (named != null) {
      cl.addSubcommand(named);
    } else {
      SUBCOMMANDS.values().forEach(cl::addSubcommand);
      cl.addSubcommand(new CommandLine.HelpCommand());
    }
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
