package dev.minewarden.core.correlation.internal;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.correlation.CorrelationRule;
import dev.minewarden.core.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * temporal: the referenced rules fire for one group within a timespan, in any order. Each group
 * keeps the newest alert's event of every referenced rule; at each event at time t the condition
 * is checked on the number of rules whose newest event lies in (t - timespan, t] (by default:
 * all of them), and the rule fires at the first event for which it holds.
 */
final class TemporalCorrelator extends Correlator<TemporalCorrelator.Latest> {
  private final int ruleCount;

  TemporalCorrelator(CorrelationRule rule, int maxGroups, int maxRelated) {
    super(rule, maxGroups, maxRelated);
    this.ruleCount = rule.rules().size();
  }

  @Override
  public boolean firesEagerly() {
    return true;
  }

  @Override
  Latest newState(Object key) {
    return new Latest(key, ruleCount);
  }

  @Override
  void onAlert(Latest s, Alert alert, Object value, int[] positions, long t, Consumer<Alert> emit) {
    if (t < s.quietUntil) {
      return;
    }
    for (int p : positions) {
      s.events[p] = alert.event();
    }
    long horizon = TimeMath.minus(t, span);
    List<Event> present = new ArrayList<>(ruleCount);
    for (Event e : s.events) {
      if (e != null && e.timestampMillis() > horizon) {
        present.add(e);
      }
    }
    if (rule.condition().test(present.size())) {
      // Oldest first; the trigger sorts last because it is the newest (ties: it was taken last).
      present.remove(alert.event());
      present.sort(Comparator.comparingLong(Event::timestampMillis));
      present.add(alert.event());
      emit.accept(alert(s, present, present.size(), (long) present.size()));
      quiet(s, t);
      Arrays.fill(s.events, null);
    }
  }

  /** One group: the newest event of each referenced rule, by position in the rule list. */
  static final class Latest extends GroupState {
    final Event[] events;

    Latest(Object key, int rules) {
      super(key);
      this.events = new Event[rules];
    }
  }
}
