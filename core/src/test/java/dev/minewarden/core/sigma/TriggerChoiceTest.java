package dev.minewarden.core.sigma;

import static dev.minewarden.core.sigma.SigmaTestSupport.alerts;
import static dev.minewarden.core.sigma.SigmaTestSupport.compile;
import static dev.minewarden.core.sigma.SigmaTestSupport.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.FieldLayout;
import dev.minewarden.core.event.LogSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule is selected by the test of its own that costs least to run on every event: a table
 * look-up on a field other rules look up anyway rather than a scan of a message's text that only
 * this rule would need. Watched through a lazy event, which reads a field only when asked.
 */
class TriggerChoiceTest {
  private static final LogSource SSHD = LogSource.of("linux", null, "sshd");
  private static final FieldLayout LAYOUT =
      FieldLayout.of(List.of("event.action", "message", "User"));

  private static final String ABANDONED = rule("abandoned", "product: linux\nservice: sshd",
      "close:\n  event.action: [ssh_disconnect, ssh_connection_closed]\n"
          + "  message|contains: '[preauth]'\nuser:\n  User|exists: true\n"
          + "condition: close and user");
  private static final String FAILED = rule("failed", "product: linux\nservice: sshd",
      "sel:\n  event.action: ssh_failed_password\ncondition: sel");

  /** Reads of each field of the events made, by layout position. */
  private final int[] reads = new int[3];

  private Event event(String action, String message) {
    Object[] values = {action, message, "root"};
    return Event.builder(SSHD).time(1_700_000_000_000L).buildLazy(LAYOUT, position -> {
      reads[position]++;
      return values[position];
    });
  }

  @Test
  void aLoneTextScan_givesWayToALookUp_andTheRuleStillMatches() {
    CompiledRules rules = compile(ABANDONED + "---\n" + FAILED);
    List<String> raised = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      raised.addAll(alerts(rules, event("ssh_failed_password",
          "Failed password for root from 203.0.113.9 port 22 ssh2 [preauth]")));
    }
    assertThat(raised).hasSize(100).containsOnly("failed");
    assertThat(reads[1]).as("messages read").isZero();

    assertThat(alerts(rules, event("ssh_disconnect", "Disconnected from 203.0.113.9 [preauth]")))
        .containsExactly("abandoned");
    assertThat(alerts(rules, event("ssh_disconnect", "Disconnected from 203.0.113.9")))
        .isEmpty();
  }

  @Test
  void aTextScanOtherRulesNeedAnyway_staysTheTrigger() {
    String words = rule("words", "product: linux\nservice: sshd",
        "sel:\n  message|contains: 'Corrupted MAC'\ncondition: sel");
    CompiledRules rules = compile(ABANDONED + "---\n" + FAILED + "---\n" + words);
    for (int i = 0; i < 10; i++) {
      assertThat(alerts(rules, event("ssh_failed_password", "Failed password for root")))
          .containsExactly("failed");
    }
    assertThat(reads[1]).as("messages read, for the words rule").isEqualTo(10);
  }
}
