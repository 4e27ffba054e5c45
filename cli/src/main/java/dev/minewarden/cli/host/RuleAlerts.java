package dev.minewarden.cli.host;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A detection-engine session for one host: takes the sensor's process and connection events and
 * the parsed log events, and keeps the alerts the rules raise until the front end {@link #drain()}s
 * them. Thread-safe.
 */
public final class RuleAlerts implements Consumer<Event> {
  private final DetectionEngine.Session session;
  private final List<Alert> pending = new ArrayList<>();
  private long events;

  /** Starts a session of {@code engine}. */
  public RuleAlerts(DetectionEngine engine) {
    this.session = engine.session(this::add);
  }

  private void add(Alert a) {
    synchronized (pending) {
      pending.add(a);
    }
  }

  /** Matches one event against the rules. */
  @Override
  public void accept(Event e) {
    synchronized (pending) {
      events++;
    }
    session.accept(e);
  }

  /** Moves event time to {@code nowMillis}, releasing correlation alerts held past the lateness. */
  public void advanceTo(long nowMillis) {
    session.advanceTo(nowMillis);
  }

  /** Ends the input: open correlations are decided. */
  public void finish() {
    session.finish();
  }

  /** The alerts raised since the last call, oldest first. */
  public List<Alert> drain() {
    synchronized (pending) {
      List<Alert> out = new ArrayList<>(pending);
      pending.clear();
      return out;
    }
  }

  /** How many events were matched so far. */
  public long events() {
    synchronized (pending) {
      return events;
    }
  }
}
