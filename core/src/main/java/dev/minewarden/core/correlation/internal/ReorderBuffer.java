package dev.minewarden.core.correlation.internal;

import dev.minewarden.core.alert.Alert;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Holds alerts back until no earlier alert can still arrive within the allowed lateness, then
 * releases them in {@link AlertOrder}. An alert is released once its event time is more than
 * {@code maxLateness} ms behind the newest event time offered, or when the buffer holds more than
 * {@code maxBuffered} alerts (the earliest is released early), or on {@link #drain}. An alert that
 * arrives after a later one was released is refused as late. Not thread-safe. Not part of the API.
 */
public final class ReorderBuffer {
  private final long maxLateness;
  private final int maxBuffered;
  private final PriorityQueue<Alert> queue = new PriorityQueue<>(AlertOrder.INSTANCE);
  private long newest = Long.MIN_VALUE;
  private Alert lastReleased;
  private long forcedReleases;

  /**
   * Creates a buffer.
   *
   * @param maxLateness how far (ms) behind the newest event time an alert may arrive and still be
   *     put in order; {@link Long#MAX_VALUE} holds everything until drained or full
   * @param maxBuffered the most alerts held at once (at least 1)
   */
  public ReorderBuffer(long maxLateness, int maxBuffered) {
    if (maxLateness < 0 || maxBuffered < 1) {
      throw new IllegalArgumentException("bad lateness " + maxLateness + " or size " + maxBuffered);
    }
    this.maxLateness = maxLateness;
    this.maxBuffered = maxBuffered;
  }

  /**
   * Offers an alert (whose event has a time) and releases whatever is now due.
   *
   * @return {@code false} when the alert is late and was not taken
   */
  public boolean offer(Alert alert, Consumer<Alert> release) {
    if (lastReleased != null && AlertOrder.INSTANCE.compare(alert, lastReleased) < 0) {
      return false;
    }
    queue.add(alert);
    newest = Math.max(newest, alert.event().timestampMillis());
    while (!queue.isEmpty() && isDue(queue.peek())) {
      release(release);
    }
    while (queue.size() > maxBuffered) {
      forcedReleases++;
      release(release);
    }
    return true;
  }

  /**
   * Moves the newest event time forward to {@code timeMillis} (a live front end's clock) and
   * releases what is now due, so held alerts do not wait for a later alert to arrive.
   */
  public void advanceTo(long timeMillis, Consumer<Alert> release) {
    newest = Math.max(newest, timeMillis);
    while (!queue.isEmpty() && isDue(queue.peek())) {
      release(release);
    }
  }

  /** Releases every held alert in order. */
  public void drain(Consumer<Alert> release) {
    while (!queue.isEmpty()) {
      release(release);
    }
  }

  /** How many alerts are held now. */
  public int size() {
    return queue.size();
  }

  /** How many alerts were released early because the buffer was full. */
  public long forcedReleases() {
    return forcedReleases;
  }

  /** Strictly behind the lateness, so alerts of the same millisecond are still put in order. */
  private boolean isDue(Alert head) {
    long t = head.event().timestampMillis();
    return TimeMath.minus(newest, t) > maxLateness;
  }

  private void release(Consumer<Alert> release) {
    Alert a = queue.poll();
    lastReleased = a;
    release.accept(a);
  }
}
