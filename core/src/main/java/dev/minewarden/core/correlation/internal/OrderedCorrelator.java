package dev.minewarden.core.correlation.internal;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.correlation.CorrelationRule;
import dev.minewarden.core.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * temporal_ordered: the referenced rules fire for one group in the listed order within a
 * timespan. Events are taken in processing order (event time, then file position), so two
 * records of one file in the same millisecond count in file order.
 *
 * <p>Each group keeps, for every prefix r1..ri of the rule list, the matching chain of events that
 * started latest (a later start leaves the most room in the window). An event of rule ri extends
 * the best chain for r1..r(i-1) if that chain started after t - timespan. The condition is checked
 * on the length of the longest chain still inside the window (by default: all rules), and the
 * rule fires at the first event for which it holds.
 */
final class OrderedCorrelator extends Correlator<OrderedCorrelator.Chains> {
  private final int ruleCount;

  OrderedCorrelator(CorrelationRule rule, int maxGroups, int maxRelated) {
    super(rule, maxGroups, maxRelated);
    this.ruleCount = rule.rules().size();
  }

  @Override
  public boolean firesEagerly() {
    return true;
  }

  @Override
  Chains newState(Object key) {
    return new Chains(key, ruleCount);
  }

  @Override
  void onAlert(Chains s, Alert alert, Object value, int[] positions, long t, Consumer<Alert> emit) {
    if (t < s.quietUntil) {
      return;
    }
    long horizon = TimeMath.minus(t, span);
    // Highest position first, so one event cannot fill two consecutive places of one chain.
    for (int k = positions.length - 1; k >= 0; k--) {
      int p = positions[k];
      if (p == 0) {
        s.chains[0] = List.of(alert.event());
      } else if (inWindow(s.chains[p - 1], horizon) && startsLater(s.chains[p - 1], s.chains[p])) {
        List<Event> longer = new ArrayList<>(s.chains[p - 1]);
        longer.add(alert.event());
        s.chains[p] = longer;
      }
    }
    int longest = 0;
    for (int i = ruleCount - 1; i >= 0; i--) {
      if (inWindow(s.chains[i], horizon)) {
        longest = i + 1;
        break;
      }
    }
    if (longest > 0 && rule.condition().test(longest)) {
      List<Event> chain = new ArrayList<>(s.chains[longest - 1]);
      if (chain.get(chain.size() - 1) != alert.event()) {
        chain.add(alert.event());
      }
      emit.accept(alert(s, chain, chain.size(), (long) longest));
      quiet(s, t);
      Arrays.fill(s.chains, null);
    }
  }

  private static boolean inWindow(List<Event> chain, long horizon) {
    return chain != null && chain.get(0).timestampMillis() > horizon;
  }

  private static boolean startsLater(List<Event> candidatePrefix, List<Event> current) {
    return current == null
        || candidatePrefix.get(0).timestampMillis() >= current.get(0).timestampMillis();
  }

  /** One group: for each prefix length, the latest-starting chain, or null. */
  static final class Chains extends GroupState {
    final List<Event>[] chains;

    @SuppressWarnings("unchecked")
    Chains(Object key, int rules) {
      super(key);
      this.chains = (List<Event>[]) new List<?>[rules];
    }
  }
}
