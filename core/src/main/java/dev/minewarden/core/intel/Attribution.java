package dev.minewarden.core.intel;

import java.util.List;
import java.util.Objects;

/**
 * The group most likely behind some alerts.
 *
 * @param actor the group's canonical name
 * @param confidence how sure
 * @param score the weighted evidence for it (behaviour 1-3 per distinct behaviour, artefacts 2-3,
 *     reused infrastructure at most 2 in all)
 * @param runnerUp the next group's score (0 if none)
 * @param reasons which behaviours and indicators, in words
 */
public record Attribution(
    String actor, Confidence confidence, double score, double runnerUp, List<String> reasons) {
  /** Checks the parts and copies the reasons. */
  public Attribution {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(confidence, "confidence");
    reasons = List.copyOf(reasons);
  }
}
