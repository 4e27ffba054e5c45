package dev.minewarden.core.correlation.internal;

import dev.minewarden.core.alert.Alert;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Holds alerts back until no earlier alert can still arrive within the allowed lateness, then
 * releases them in {@link AlertOrder}. An alert is released once its event time is more than
 * {@code maxLateness} ms behind the newest event time offered, or when the buffer holds more than
 * {@code maxBuffered} alerts (the earliest is released early), or on {@link #drain}. An alert that
 * arrives after a later one was released is refused as late.
 *
 * <p>Alerts mostly arrive in order (one file is read front to back, and the alerts of one event
 * differ only by rule), so an alert joins a sorted run, a ring buffer, by insertion from its tail
 * when it belongs among the last {@value #NEAR} entries; only the others go to a heap, and a
 * release takes the smaller of the two heads. Not thread-safe. Not part of the API.
 */
public final class ReorderBuffer {
  private final long maxLateness;
  private final int maxBuffered;
  private final PriorityQueue<Alert> queue = new PriorityQueue<>(AlertOrder.INSTANCE);
  /** How far from the run's tail an alert may be inserted. */
  private static final int NEAR = 16;
  /** Alerts that arrived (nearly) in order, sorted, oldest first: a ring buffer. */
  private Alert[] run = new Alert[64];
  private int runHead;
  private int runSize;
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
    // Late: it sorts before an alert already processed. Unless it comes from the same record: the
    // rules raise one event's alerts in their own order, not by rule id, and a live clock already
    // past the event releases the first before the others arrive; they follow it.
    if (lastReleased != null && AlertOrder.INSTANCE.compare(alert, lastReleased) < 0
        && !AlertOrder.sameRecord(alert, lastReleased)) {
      return false;
    }
    if (!insertNearTail(alert)) {
      queue.add(alert);
    }
    newest = Math.max(newest, alert.event().timestampMillis());
    while (maxLateness != Long.MAX_VALUE && size() > 0 && isDue(head())) {
      release(release);
    }
    while (size() > maxBuffered) {
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
    while (maxLateness != Long.MAX_VALUE && size() > 0 && isDue(head())) {
      release(release);
    }
  }

  /** Releases every held alert in order. */
  public void drain(Consumer<Alert> release) {
    while (size() > 0) {
      release(release);
    }
  }

  /** How many alerts are held now. */
  public int size() {
    return queue.size() + runSize;
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

  /** Puts the alert into the run if it sorts among the run's last entries; false if not. */
  private boolean insertNearTail(Alert alert) {
    if (runSize == run.length) {
      Alert[] bigger = new Alert[run.length * 2];
      for (int i = 0; i < runSize; i++) {
        bigger[i] = run[(runHead + i) & (run.length - 1)];
      }
      run = bigger;
      runHead = 0;
    }
    int mask = run.length - 1;
    int pos = runSize; // insert before index pos (relative to the head)
    while (pos > 0 && runSize - pos < NEAR
        && AlertOrder.INSTANCE.compare(alert, run[(runHead + pos - 1) & mask]) < 0) {
      pos--;
    }
    if (pos > 0 && runSize - pos >= NEAR
        && AlertOrder.INSTANCE.compare(alert, run[(runHead + pos - 1) & mask]) < 0) {
      return false;
    }
    for (int i = runSize; i > pos; i--) {
      run[(runHead + i) & mask] = run[(runHead + i - 1) & mask];
    }
    run[(runHead + pos) & mask] = alert;
    runSize++;
    return true;
  }

  private Alert runFirst() {
    return runSize == 0 ? null : run[runHead];
  }

  private Alert pollRun() {
    Alert a = run[runHead];
    run[runHead] = null;
    runHead = (runHead + 1) & (run.length - 1);
    runSize--;
    return a;
  }

  /** The earliest held alert; the buffer is not empty. */
  private Alert head() {
    Alert r = runFirst();
    Alert q = queue.peek();
    if (r == null) {
      return q;
    }
    return q == null || AlertOrder.INSTANCE.compare(r, q) <= 0 ? r : q;
  }

  private void release(Consumer<Alert> release) {
    Alert h = head();
    Alert a = runSize > 0 && h == run[runHead] ? pollRun() : queue.poll();
    lastReleased = a;
    release.accept(a);
  }
}
