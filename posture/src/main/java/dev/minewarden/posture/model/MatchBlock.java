package dev.minewarden.posture.model;

import java.util.Map;
import java.util.Objects;

/**
 * An sshd {@code Match} block: its criteria and the directives it sets for the connections that
 * match them (first value wins inside the block, as sshd applies it).
 *
 * @param criteria the criteria as written, for example {@code User backup Address 10.0.0.0/8}
 * @param at where the block starts
 * @param settings the directives of the block, lower-case keys
 */
public record MatchBlock(String criteria, Setting at, Map<String, Setting> settings) {

  /** Checks the parts and copies the map. */
  public MatchBlock {
    Objects.requireNonNull(criteria, "criteria");
    Objects.requireNonNull(at, "at");
    settings = Map.copyOf(settings);
  }
}
