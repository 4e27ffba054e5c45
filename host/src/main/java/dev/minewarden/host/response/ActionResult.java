package dev.minewarden.host.response;

import java.util.Map;

/**
 * The result of one plan step.
 *
 * @param step the step
 * @param outcome {@code success}, {@code partial}, {@code failure}, {@code skipped}, {@code
 *     advice}, or {@code planned} in a dry run
 * @param message what happened, for people
 * @param undo what {@code minewarden undo} needs, or {@code null} when the step cannot be undone
 */
public record ActionResult(Plan.Step step, String outcome, String message, Map<String, Object> undo) {
  static ActionResult of(Plan.Step s, String outcome, String message, Map<String, Object> undo) {
    return new ActionResult(s, outcome, message, undo);
  }

  static ActionResult failure(Plan.Step s, String message) {
    return new ActionResult(s, "failure", message, null);
  }

  static ActionResult skipped(Plan.Step s, String message) {
    return new ActionResult(s, "skipped", message, null);
  }

  /** Whether the step did what it was meant to (fully or, for advice, by saying it). */
  public boolean succeeded() {
    return outcome.equals("success") || outcome.equals("advice");
  }
}
