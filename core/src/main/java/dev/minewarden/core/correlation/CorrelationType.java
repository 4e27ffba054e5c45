package dev.minewarden.core.correlation;

import java.util.Locale;

/** The kind of a Sigma correlation rule ({@code correlation.type}). */
public enum CorrelationType {
  /** Counts the events of the referenced rules per group. */
  EVENT_COUNT,
  /** Counts the distinct values of {@code condition.field} per group. */
  VALUE_COUNT,
  /** All (or {@code condition}-many) referenced rules fire within the timespan, in any order. */
  TEMPORAL,
  /** Like {@link #TEMPORAL}, in the order the rules are listed. */
  TEMPORAL_ORDERED,
  /** Sums the numeric {@code condition.field} per group. */
  VALUE_SUM,
  /** Averages the numeric {@code condition.field} per group. */
  VALUE_AVG,
  /**
   * The share, in percent (0 to 100), of the group's events in the window whose {@code
   * condition.field} equals the triggering event's: {@code lte: 1} finds values rarer than 1 %.
   */
  VALUE_PERCENTILE;

  /** The Sigma spelling, e.g. {@code event_count}. */
  public String sigmaName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the condition names a {@code field} whose values are aggregated. */
  public boolean usesField() {
    return this == VALUE_COUNT || this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
  }

  /** Whether this type is about several rules firing together rather than a count or value. */
  public boolean isTemporal() {
    return this == TEMPORAL || this == TEMPORAL_ORDERED;
  }

  /**
   * Parses a Sigma type name; exact, lower-case spelling.
   *
   * @return the type, or {@code null} when the name is no correlation type
   */
  public static CorrelationType fromSigmaName(String name) {
    for (CorrelationType t : values()) {
      if (t.sigmaName().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
