package dev.minewarden.core.sigma.internal;

import dev.minewarden.core.event.Event;

/**
 * A test of one scalar field value (a list element is tested on its own). Implementations are
 * immutable and thread-safe.
 */
public interface Pred {
  /**
   * Whether the value passes.
   *
   * @param value a String, Long, Double or Boolean of the event, never null
   * @param event the whole event, for tests that compare with another field
   */
  boolean test(Object value, Event event);

  /** The text form of a scalar value, as string comparisons see it. */
  static String text(Object value) {
    return value instanceof String s ? s : String.valueOf(value);
  }
}
