package dev.minewarden.core.correlation.internal;

import dev.minewarden.core.correlation.CorrelationRule;

/** Creates the correlator for a rule's type. Not part of the API. */
public final class Correlators {
  private Correlators() {}

  /**
   * Creates the correlator of a rule.
   *
   * @param maxGroups cap on open groups
   * @param maxRelated cap on events listed in an alert's {@code related}
   * @param maxWindowEvents cap on events kept per group window (count and value types)
   */
  public static Correlator<?> create(
      CorrelationRule rule, int maxGroups, int maxRelated, int maxWindowEvents) {
    switch (rule.type()) {
      case TEMPORAL:
        return new TemporalCorrelator(rule, maxGroups, maxRelated);
      case TEMPORAL_ORDERED:
        return new OrderedCorrelator(rule, maxGroups, maxRelated);
      default:
        return new CountCorrelator(rule, maxGroups, maxRelated, maxWindowEvents);
    }
  }
}
