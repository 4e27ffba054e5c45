package dev.minewarden.core.correlation.internal;

/** What every correlation group keeps: its key, when it was last touched, its quiet period. */
public abstract class GroupState {
  /** The group key: a String for one group-by field, a List of Strings for several. */
  final Object key;
  /** Event time (ms) of the newest alert of this group. */
  long lastSeen;
  /** After firing, alerts earlier than this event time (ms) are absorbed without counting. */
  long quietUntil = Long.MIN_VALUE;

  GroupState(Object key) {
    this.key = key;
  }
}
