package dev.minewarden.core.correlation.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The open groups of one correlation rule, least recently updated first, with a hard cap. Because
 * alerts are processed in event-time order, "least recently updated" is also "oldest newest
 * event", so expiry only ever looks at the head. Not thread-safe. Not part of the API.
 */
public final class GroupTable<S extends GroupState> {
  private final LinkedHashMap<Object, S> groups = new LinkedHashMap<>(64, 0.75f, true);
  private final int maxGroups;
  private long evictions;
  private long expirations;

  /**
   * Creates a table.
   *
   * @param maxGroups the most groups held; beyond it the least recently updated is evicted
   */
  public GroupTable(int maxGroups) {
    if (maxGroups < 1) {
      throw new IllegalArgumentException("maxGroups must be at least 1, was " + maxGroups);
    }
    this.maxGroups = maxGroups;
  }

  /**
   * No group's newest event is older than this (ms): the newest event time of the head when it
   * was last looked at, lowered when a group is made. Lets {@link #expire} return at once on the
   * common call where nothing has expired, without walking to the head.
   */
  private long oldestLastSeen = Long.MAX_VALUE;

  /**
   * Returns the group of a key with its newest event time set to {@code time}, creating it (and
   * evicting the least recently updated group when the table is full) if needed, and marks it
   * most recently updated.
   */
  S touch(Object key, long time, Function<Object, S> create) {
    oldestLastSeen = Math.min(oldestLastSeen, time); // stays a lower bound even out of order
    S s = groups.get(key);
    if (s != null) {
      s.lastSeen = time;
      return s;
    }
    if (groups.size() >= maxGroups) {
      Iterator<S> eldest = groups.values().iterator();
      eldest.next();
      eldest.remove();
      evictions++;
    }
    s = create.apply(key);
    s.lastSeen = time;
    groups.put(key, s);
    return s;
  }

  /**
   * Whether some group's newest event may be at or before {@code horizon}; when not, {@link
   * #expire} would do nothing.
   */
  boolean mayExpire(long horizon) {
    return oldestLastSeen <= horizon;
  }

  /**
   * Removes, oldest first, every group whose newest event is at or before {@code horizon} (ms),
   * handing each to {@code onExpire} first.
   */
  void expire(long horizon, Consumer<S> onExpire) {
    if (oldestLastSeen > horizon) {
      return;
    }
    Iterator<Map.Entry<Object, S>> it = groups.entrySet().iterator();
    while (it.hasNext()) {
      S s = it.next().getValue();
      if (s.lastSeen > horizon) {
        oldestLastSeen = s.lastSeen;
        return;
      }
      onExpire.accept(s);
      it.remove();
      expirations++;
    }
    oldestLastSeen = Long.MAX_VALUE;
  }

  /** Hands every group to {@code action}, oldest first, then empties the table. */
  void drain(Consumer<S> action) {
    groups.values().forEach(action);
    groups.clear();
    oldestLastSeen = Long.MAX_VALUE;
  }

  /** The number of open groups. */
  public int size() {
    return groups.size();
  }

  /** How many groups were evicted because the table was full. */
  public long evictions() {
    return evictions;
  }

  /** How many groups were dropped because their window had passed. */
  public long expirations() {
    return expirations;
  }
}
