package dev.minewarden.core.rules;

import java.util.Locale;

/**
 * How serious an alert is, from the Sigma rule's {@code level}. The number is ECS {@code
 * event.severity}: 0 informational, 1 low, 2 medium, 3 high, 4 critical.
 */
public enum Severity {
  INFORMATIONAL,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The ECS {@code event.severity} number of this level. */
  public int number() {
    return ordinal();
  }

  /** The Sigma level name, lower-case. */
  public String sigmaName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a Sigma level name ({@code informational}, {@code low}, {@code medium}, {@code high},
   * {@code critical}); case-insensitive, and {@code info} is accepted for informational.
   *
   * @throws IllegalArgumentException naming the value when it is no level
   */
  public static Severity fromName(String level) {
    if (level == null) {
      throw new IllegalArgumentException("level is missing");
    }
    String l = level.trim().toLowerCase(Locale.ROOT);
    if (l.equals("info")) {
      return INFORMATIONAL;
    }
    for (Severity s : values()) {
      if (s.sigmaName().equals(l)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown level '" + level + "' (expected informational, low, medium, high or critical)");
  }
}
