package dev.minewarden.core.correlation.internal;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.correlation.Condition;
import dev.minewarden.core.correlation.CorrelationRule;
import dev.minewarden.core.correlation.CorrelationType;
import dev.minewarden.core.event.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sliding-window aggregation for event_count, value_count, value_sum, value_avg and
 * value_percentile. Each group keeps the events of its current window, oldest first; the window
 * ending at an event at time t holds the group's events in (t - timespan, t].
 *
 * <p>Two ways to decide, chosen from the rule:
 *
 * <ul>
 *   <li><b>eager</b> (counts, distinct counts and sums under a lower-bound-only condition, and
 *       value_percentile): the condition is checked on the window ending at each event, and the
 *       rule fires at the first event for which it holds. For growing aggregates this is exactly
 *       "some timespan holds enough".
 *   <li><b>on close</b> (any condition with an upper bound such as lt, lte, eq or neq, and every
 *       value_avg): checking at each event would fire on the first events of a burst that later
 *       grows past the bound, so the condition is checked on each maximal window: the window ending
 *       at an event e, once the group's next event is a timespan or more after the window's first
 *       event (or the group expires, or the input ends). The triggering event is e.
 * </ul>
 *
 * <p>Each window keeps at most {@code maxWindow} events (for event_count and value_count at least
 * what the condition's lower bound needs, up to a million); beyond that the oldest are dropped and
 * the aggregates only cover the kept ones.
 */
final class CountCorrelator extends Correlator<CountCorrelator.Window> {
  /** Upper limit on window size derived from a condition, so a rule cannot ask for unbounded memory. */
  private static final long MAX_DERIVED_WINDOW = 1_000_000;
  private static final int MAX_NUMBER_TEXT = 64;

  private final CorrelationType type;
  private final Condition condition;
  private final boolean eager;
  private final int maxWindow;

  CountCorrelator(CorrelationRule rule, int maxGroups, int maxRelated, int maxWindowEvents) {
    super(rule, maxGroups, maxRelated);
    this.type = rule.type();
    this.condition = rule.condition();
    this.eager =
        type == CorrelationType.VALUE_PERCENTILE
            || (type != CorrelationType.VALUE_AVG && condition.isLowerBoundOnly());
    // A count of n needs n events in the window; a sum's bound says nothing about event numbers.
    long needed =
        type == CorrelationType.EVENT_COUNT || type == CorrelationType.VALUE_COUNT
            ? Math.min(condition.minimumCount(), MAX_DERIVED_WINDOW)
            : 0;
    this.maxWindow = (int) Math.max(maxWindowEvents, needed);
  }

  @Override
  public boolean firesEagerly() {
    return eager;
  }

  @Override
  Window newState(Object key) {
    return new Window(key);
  }

  @Override
  Object valueOf(Alert alert) {
    switch (type) {
      case EVENT_COUNT:
        return Boolean.TRUE;
      case VALUE_SUM:
      case VALUE_AVG:
        return number(alert.event().get(rule.valueFields().get(0)));
      default:
        return valueKey(alert);
    }
  }

  @Override
  void onAlert(Window w, Alert alert, Object value, int[] positions, long t, Consumer<Alert> emit) {
    if (t < w.quietUntil) {
      return;
    }
    if (w.pending && w.entries.peekFirst().time <= TimeMath.minus(t, span)) {
      close(w, emit);
      if (t < w.quietUntil) {
        return;
      }
    }
    long horizon = TimeMath.minus(t, span);
    while (!w.entries.isEmpty() && w.entries.peekFirst().time <= horizon) {
      remove(w);
    }
    Entry e = new Entry(t, alert.event(), value);
    add(w, e);
    if (w.entries.size() > maxWindow) {
      remove(w);
    }
    if (!eager) {
      w.pending = true;
    } else if (condition.test(aggregate(w))) {
      fire(w, emit);
    }
  }

  @Override
  void onClose(Window w, Consumer<Alert> emit) {
    if (w.pending) {
      close(w, emit);
    }
  }

  private void close(Window w, Consumer<Alert> emit) {
    w.pending = false;
    if (condition.test(aggregate(w))) {
      fire(w, emit);
    }
  }

  private void fire(Window w, Consumer<Alert> emit) {
    List<Event> events = new ArrayList<>(w.entries.size());
    for (Entry e : w.entries) {
      events.add(e.event);
    }
    double agg = aggregate(w);
    Object value = isCount() ? (Object) (long) agg : (Object) agg;
    emit.accept(alert(w, events, w.entries.size(), value));
    quiet(w, w.entries.peekLast().time);
    w.entries.clear();
    w.distinct = null;
    w.sum = 0;
    w.pending = false;
  }

  private boolean isCount() {
    return type == CorrelationType.EVENT_COUNT || type == CorrelationType.VALUE_COUNT;
  }

  /** The aggregate of the window; the window is not empty. */
  private double aggregate(Window w) {
    switch (type) {
      case EVENT_COUNT:
        return w.entries.size();
      case VALUE_COUNT:
        return w.distinct.size();
      case VALUE_SUM:
        return w.sum;
      case VALUE_AVG:
        return w.sum / w.entries.size();
      default:
        int same = w.distinct.get(w.entries.peekLast().value)[0];
        return 100.0 * same / w.entries.size();
    }
  }

  private void add(Window w, Entry e) {
    w.entries.addLast(e);
    if (type == CorrelationType.VALUE_SUM || type == CorrelationType.VALUE_AVG) {
      w.sum += (Double) e.value;
    } else if (type != CorrelationType.EVENT_COUNT) {
      if (w.distinct == null) {
        w.distinct = new HashMap<>();
      }
      w.distinct.computeIfAbsent(e.value, k -> new int[1])[0]++;
    }
  }

  private void remove(Window w) {
    Entry e = w.entries.removeFirst();
    if (type == CorrelationType.VALUE_SUM || type == CorrelationType.VALUE_AVG) {
      // Reset when empty so rounding errors of many adds and removes do not accumulate.
      w.sum = w.entries.isEmpty() ? 0 : w.sum - (Double) e.value;
    } else if (type != CorrelationType.EVENT_COUNT) {
      int[] n = w.distinct.get(e.value);
      if (--n[0] == 0) {
        w.distinct.remove(e.value);
      }
    }
  }

  /** The value-field values as text (a list for several fields), or null when one is missing. */
  private Object valueKey(Alert alert) {
    List<String> fields = rule.valueFields();
    if (fields.size() == 1) {
      return value(alert, fields.get(0));
    }
    String[] values = new String[fields.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(alert, fields.get(i));
      if (values[i] == null) {
        return null;
      }
    }
    return new GroupKey(values);
  }

  /** A finite number from a numeric field or numeric text, else null. */
  static Double number(Object v) {
    double d;
    if (v instanceof Number) {
      d = ((Number) v).doubleValue();
    } else if (v instanceof String && ((String) v).length() <= MAX_NUMBER_TEXT) {
      try {
        d = Double.parseDouble(((String) v).trim());
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      return null;
    }
    return Double.isFinite(d) ? d : null;
  }

  /** One event in a window. */
  static final class Entry {
    final long time;
    final Event event;
    final Object value;

    Entry(long time, Event event, Object value) {
      this.time = time;
      this.event = event;
      this.value = value;
    }
  }

  /** One group's window. */
  static final class Window extends GroupState {
    final ArrayDeque<Entry> entries = new ArrayDeque<>(4);
    /** Value to number of window events having it; value_count and value_percentile only. */
    Map<Object, int[]> distinct;
    double sum;
    /** Whether the window ending at the newest entry still waits to be checked (on-close mode). */
    boolean pending;

    Window(Object key) {
      super(key);
    }
  }
}
