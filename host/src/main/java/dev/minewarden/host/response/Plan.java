package dev.minewarden.host.response;

import java.util.List;
import java.util.Map;

/**
 * What the responder will do about a batch of alerts, in the order it does it (see {@link
 * ActionKind}), plus what it decided to leave alone and why. Immutable.
 *
 * @param runId the id of this response ({@code r20250101T120000Z-1a2b}); {@code minewarden undo
 *     RUN_ID} undoes every undoable action of it
 * @param timeMillis when the plan was made, epoch ms
 * @param steps the actions, in execution order
 * @param leftAlone processes and targets left alone, with the reason
 */
public record Plan(String runId, long timeMillis, List<Step> steps, List<Note> leftAlone) {
  /** Copies the lists. */
  public Plan {
    steps = List.copyOf(steps);
    leftAlone = List.copyOf(leftAlone);
  }

  /** Whether there is nothing to do and nothing to report. */
  public boolean isEmpty() {
    return steps.isEmpty() && leftAlone.isEmpty();
  }

  /**
   * One action.
   *
   * @param id the action id ({@code RUN_ID.N}), for the audit log and {@code minewarden undo}
   * @param kind what to do
   * @param target what it acts on, for people (attacker text is escaped when shown)
   * @param reason why
   * @param rules the ids of the alerts' rules behind it
   * @param detail what the action needs, as JSON-friendly values (pids, start ticks, paths, lines,
   *     addresses)
   */
  public record Step(String id, ActionKind kind, String target, String reason, List<String> rules,
      Map<String, Object> detail) {
    /** Copies the collections. */
    public Step {
      rules = List.copyOf(rules);
      detail = Map.copyOf(detail);
    }
  }

  /**
   * Something the policy would have acted on but must not.
   *
   * @param target what (a pid and image, an address)
   * @param reason why it is left alone
   */
  public record Note(String target, String reason) {}
}
