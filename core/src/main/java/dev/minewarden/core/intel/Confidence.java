package dev.minewarden.core.intel;

import java.util.Locale;

/** How sure an attribution is. */
public enum Confidence {
  /** Some evidence, infrastructure only or little of it: a lead, not a finding. */
  LOW,
  /** Characteristic behaviour or artefacts of one group, clearly ahead of any other. */
  MEDIUM,
  /** Several characteristic behaviours of one group. */
  HIGH;

  /** The lower-case name, as printed. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** One step less sure, or {@code null} below {@link #LOW}. */
  public Confidence weaker() {
    return this == HIGH ? MEDIUM : this == MEDIUM ? LOW : null;
  }
}
