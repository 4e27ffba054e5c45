package dev.minewarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
  private static final String[] COMMANDS = {
    "hunt", "scan", "agent", "undo", "posture", "intel", "rules", "help"
  };

  @Test
  void usage_listsEverySubcommand() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exit()).isZero();
    for (String c : COMMANDS) {
      assertThat(run.out()).as(c).containsPattern("(?m)^\\s+" + c + "\\s");
    }
  }

  @Test
  void aMistypedSubcommand_isRefusedWithTheNearestName() {
    CliRun run = CliRun.of("hnut", "examples");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument").contains("hunt");
  }

  @Test
  void eachSubcommand_runsWhenNamedFirst() {
    for (String c : COMMANDS) {
      CliRun run = CliRun.of(c, "--help");
      assertThat(run.exit()).as(c).isZero();
      assertThat(run.out()).as(c).contains("Usage: minewarden " + c);
    }
    assertThat(CliRun.of("help", "hunt").out()).contains("Usage: minewarden hunt");
  }
}
