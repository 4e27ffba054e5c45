package dev.minewarden.posture.check;

import dev.minewarden.core.rules.Severity;

/** Severity arithmetic shared by the checks. */
final class Severities {
  private Severities() {}

  /** Severity one step up, capped at critical: for aggravating context such as credentials to steal. */
  static Severity raise(Severity s) {
    return Severity.values()[Math.min(Severity.CRITICAL.ordinal(), s.ordinal() + 1)];
  }
}
