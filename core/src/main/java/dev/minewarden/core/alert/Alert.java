package dev.minewarden.core.alert;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.rules.RuleInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule firing on an event. Detection rules fire on one event; correlation rules fire on the
 * events behind them ({@link #related()}), and the triggering event is the one that completed the
 * correlation. Every front end turns alerts into the same ECS output.
 *
 * @param rule the rule that fired
 * @param event the triggering event; its time is the alert's {@code @timestamp}
 * @param related the events behind a correlation alert, oldest first; empty for detection rules
 * @param count how many alerts of this rule on this key were folded into this one (at least 1)
 * @param attributes extra ECS fields set by correlation, enrichment or attribution (for example
 *     {@code threat.group.name}, or a correlation's group-by values)
 */
public record Alert(
    RuleInfo rule, Event event, List<Event> related, long count, Map<String, Object> attributes) {

  /**
   * Checks the parts and copies the collections. Attributes keep the order they were given in
   * ({@code Map.copyOf} would iterate in an order that changes from one JVM to the next, and so
   * would the output).
   */
  public Alert {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(event, "event");
    related = List.copyOf(related);
    attributes = ordered(attributes);
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
  }

  private static Map<String, Object> ordered(Map<String, Object> attributes) {
    if (attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>(attributes);
    copy.forEach((k, v) -> {
      Objects.requireNonNull(k, "attribute name");
      Objects.requireNonNull(v, () -> "attribute " + k);
    });
    return Collections.unmodifiableMap(copy);
  }

  /** An alert of a detection rule on one event. */
  public static Alert of(RuleInfo rule, Event event) {
    return new Alert(rule, event, List.of(), 1, Map.of());
  }
}
