package dev.minewarden.core.intel;

import java.util.List;

/**
 * What an import brought in and what it left out.
 *
 * @param indicators the indicators read
 * @param actors the groups read (threat-actor and intrusion-set objects)
 * @param skipped every object or line left out, with the reason
 */
public record ImportReport(List<Indicator> indicators, List<ActorProfile> actors, List<Skipped> skipped) {
  /** Copies the lists. */
  public ImportReport {
    indicators = List.copyOf(indicators);
    actors = List.copyOf(actors);
    skipped = List.copyOf(skipped);
  }

  /** How many objects were left out because they were invalid (not merely out of scope). */
  public long errors() {
    return skipped.stream().filter(Skipped::error).count();
  }

  /**
   * One object or line left out.
   *
   * @param where the object's id, or {@code line N}
   * @param type the object's STIX type, or the list entry
   * @param reason why
   * @param error true when the object is invalid; false when it is valid but outside Minewarden's
   *     scope (a campaign, a course of action, an e-mail pattern)
   */
  public record Skipped(String where, String type, String reason, boolean error) {
    @Override
    public String toString() {
      return (error ? "error: " : "skipped: ") + where + " (" + type + "): " + reason;
    }
  }
}
