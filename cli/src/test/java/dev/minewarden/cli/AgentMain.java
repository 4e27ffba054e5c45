package dev.minewarden.cli;

import picocli.CommandLine;

/** Runs the agent command alone in a child JVM, so a test can send it SIGTERM. */
public final class AgentMain {
  private AgentMain() {}

  /** Runs {@code minewarden agent ARGS} and exits with its code. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new AgentCommand()).execute(args));
  }
}
