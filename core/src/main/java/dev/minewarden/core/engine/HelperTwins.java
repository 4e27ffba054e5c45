package dev.minewarden.core.engine;

import dev.minewarden.core.correlation.CorrelationRule;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.sigma.SigmaFilter;
import dev.minewarden.core.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Helper rules that are the same detection under different names, evaluated once.
 *
 * <p>Correlation rules are written one per file, each with its own helper (the SSH brute-force
 * rules: fast, slow and spaced-out failures all count "one failed authentication"), so an event
 * that satisfies one satisfies them all, and each raised an alert of its own that was matched,
 * held, put in order and routed apart. Two helpers are twins when
 *
 * <ul>
 *   <li>both only feed correlations: some correlation refers to each, none says {@code generate},
 *   <li>their logsources and {@code detection} sections are equal,
 *   <li>no filter or exception names either (a filter is per rule),
 *   <li>no correlation that refers to either gives it an alias (aliases are per rule), and
 *   <li>no correlation refers to both (its window would see one alert where it saw two).
 * </ul>
 *
 * Of each set of twins only the one with the least id is compiled; its alerts feed the
 * correlations of all, one after another in the order of the twins' ids, as the twins' own alerts
 * were processed. Each correlation sees the same alerts at the same times as before.
 */
final class HelperTwins {
  /** The rules to compile: every rule that is no twin, and the first of each set of twins. */
  final List<SigmaRule> evaluated;
  /** For the first of each set of twins, the others, by id. */
  final Map<RuleInfo, List<RuleInfo>> twins;

  private HelperTwins(List<SigmaRule> evaluated, Map<RuleInfo, List<RuleInfo>> twins) {
    this.evaluated = evaluated;
    this.twins = twins;
  }

  /** Finds the twins among {@code rules}, in rule order otherwise unchanged. */
  static HelperTwins of(List<SigmaRule> rules, Collection<CorrelationRule> correlations,
      Collection<SigmaFilter> filters) {
    Map<List<Object>, List<SigmaRule>> byDetection = new LinkedHashMap<>();
    for (SigmaRule r : rules) {
      if (r.document() != null && r.document().get("detection") != null
          && isPlainHelper(r.info(), correlations, filters)) {
        byDetection.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
      }
    }
    Map<RuleInfo, List<RuleInfo>> twins = new IdentityHashMap<>();
    Set<RuleInfo> dropped = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (List<SigmaRule> same : byDetection.values()) {
      if (same.size() < 2) {
        continue;
      }
      List<SigmaRule> byId = same.stream().sorted(Comparator.comparing(SigmaRule::id)).toList();
      SigmaRule first = byId.get(0);
      List<RuleInfo> others = new ArrayList<>();
      Set<CorrelationRule> fed = new HashSet<>(referrers(first.info(), correlations));
      for (SigmaRule r : byId.subList(1, byId.size())) {
        List<CorrelationRule> refs = referrers(r.info(), correlations);
        if (refs.stream().noneMatch(fed::contains)) {
          fed.addAll(refs);
          others.add(r.info());
          dropped.add(r.info());
        }
      }
      if (!others.isEmpty()) {
        twins.put(first.info(), List.copyOf(others));
      }
    }
    List<SigmaRule> evaluated = rules.stream().filter(r -> !dropped.contains(r.info())).toList();
    return new HelperTwins(evaluated, twins);
  }

  /**
   * Whether a rule only feeds correlations, under its own name only: referred to, never with
   * {@code generate}, by no alias, and named by no filter.
   */
  private static boolean isPlainHelper(RuleInfo rule, Collection<CorrelationRule> correlations,
      Collection<SigmaFilter> filters) {
    List<CorrelationRule> refs = referrers(rule, correlations);
    if (refs.isEmpty()) {
      return false;
    }
    for (CorrelationRule c : refs) {
      if (c.generate()) {
        return false;
      }
      for (Map<String, String> byRule : c.aliases().values()) {
        if (byRule.containsKey(rule.id())
            || (rule.name() != null && byRule.containsKey(rule.name()))) {
          return false;
        }
      }
    }
    return filters.stream().noneMatch(f -> f.appliesTo(rule));
  }

  private static List<CorrelationRule> referrers(
      RuleInfo rule, Collection<CorrelationRule> correlations) {
    List<CorrelationRule> out = new ArrayList<>();
    for (CorrelationRule c : correlations) {
      List<String> refs = c.rules();
      if (refs.contains(rule.id()) || (rule.name() != null && refs.contains(rule.name()))) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * What a rule matches: its logsource and its detection section, compared as parsed YAML. (A
   * list, not a record: a record's equals and hashCode are bootstrapped at their first call, a
   * few milliseconds of every start.)
   */
  private static List<Object> key(SigmaRule r) {
    return List.of(r.logSource(), r.document().get("detection"));
  }
}
