package dev.minewarden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code minewarden} command: finds and stops cryptojacking on cloud hosts. */
@Command(
    name = "minewarden",
    mixinStandardHelpOptions = true,
    version = "minewarden 0.1.0",
    description = "Finds and stops cloud cryptojacking.")
public final class Main implements Runnable {

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
