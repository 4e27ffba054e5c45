package dev.minewarden.core.sigma;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.sigma.internal.Expr;
import dev.minewarden.core.sigma.internal.RuleEngine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Detection rules and Sigma filters compiled for matching. Rules are grouped by the logsource of
 * the events they can apply to ({@code event.logSource().admits(rule.logSource())}); each group is
 * compiled once, on the first event of that logsource, into shared per-field matchers (one hash
 * table, prefix and suffix tries and one Aho-Corasick automaton per field for all rules), so an
 * event meets only the rules that can apply and scans each field at most once.
 *
 * <p>A filter applies to the rules it names (by id or name) for events whose logsource admits the
 * filter's logsource: an event its condition matches raises no alert of those rules.
 *
 * <p>Thread-safe: {@link #match} may be called from many threads at once.
 */
public final class CompiledRules {
  /** Stands for a logsource part no rule names, so all such parts share one compiled group. */
  private static final String OTHER = "\uFFFFother";

  private final List<SigmaRule> rules;
  private final List<SigmaFilter> filters;
  private final Set<String> products = new HashSet<>();
  private final Set<String> categories = new HashSet<>();
  private final Set<String> services = new HashSet<>();
  private final ConcurrentHashMap<LogSource, RuleEngine> groups = new ConcurrentHashMap<>();

  private CompiledRules(Collection<SigmaRule> rules, Collection<SigmaFilter> filters) {
    this.rules = List.copyOf(rules);
    this.filters = List.copyOf(filters);
    for (SigmaRule r : this.rules) {
      known(r.logSource());
    }
    for (SigmaFilter f : this.filters) {
      known(f.logSource());
    }
    // Groups, including the one for events of unknown logsource, are compiled on first use.
  }

  /**
   * Compiles rules and filters.
   *
   * @param rules the detection rules, in the order their alerts are emitted for one event
   * @param filters Sigma filters (and user exceptions written as filters); filters naming rules
   *     that are not given are ignored
   */
  public static CompiledRules compile(Collection<SigmaRule> rules, Collection<SigmaFilter> filters) {
    return new CompiledRules(rules, filters);
  }

  /**
   * Matches one event: emits {@code Alert.of(rule.info(), event)} for every rule the event
   * satisfies, in rule order, on the calling thread. Allocates nothing when no rule matches (beyond
   * the text of non-string values that literal tests look at).
   */
  public void match(Event event, Consumer<Alert> out) {
    LogSource ls = event.logSource();
    RuleEngine engine = null;
    Last[] seen = recent;
    for (Last l : seen) {
      if (l.logSource == ls) { // parsers share one LogSource instance: no hashing per event
        engine = l.engine;
        break;
      }
    }
    if (engine == null) {
      LogSource key = key(ls);
      engine = groups.get(key);
      if (engine == null) {
        engine = groups.computeIfAbsent(key, this::group);
      }
      remember(seen, new Last(ls, engine));
    }
    engine.match(event, out);
  }

  /** A logsource instance and its group, published as one immutable pair. */
  private record Last(LogSource logSource, RuleEngine engine) {}

  /**
   * The groups of the last few logsource instances seen, newest first: a hunt over several formats
   * or a mixed stream alternates between a handful of them, and one remembered pair would be
   * replaced, and the logsource hashed, at almost every event. Replaced whole, never changed.
   */
  private volatile Last[] recent = new Last[0];

  private static final int RECENT = 8;

  private void remember(Last[] seen, Last l) {
    Last[] next = new Last[Math.min(RECENT, seen.length + 1)];
    next[0] = l;
    System.arraycopy(seen, 0, next, 1, next.length - 1);
    recent = next;
  }

  /** The compiled rules, in order. */
  public List<SigmaRule> rules() {
    return rules;
  }

  /** The compiled filters. */
  public List<SigmaFilter> filters() {
    return filters;
  }

  private void known(LogSource ls) {
    add(products, ls.product());
    add(categories, ls.category());
    add(services, ls.service());
  }

  private static void add(Set<String> set, String part) {
    if (part != null) {
      set.add(part);
    }
  }

  /** The event logsource with every part no rule names replaced by one stand-in. */
  private LogSource key(LogSource ls) {
    String p = part(products, ls.product());
    String c = part(categories, ls.category());
    String s = part(services, ls.service());
    if (p == ls.product() && c == ls.category() && s == ls.service()) {
      return ls;
    }
    return ls.withParts(p, c, s);
  }

  private static String part(Set<String> known, String value) {
    return value == null || known.contains(value) ? value : OTHER;
  }

  private RuleEngine group(LogSource key) {
    List<Expr> conditions = new ArrayList<>();
    List<RuleInfo> infos = new ArrayList<>();
    for (SigmaRule r : rules) {
      if (key.admits(r.logSource())) {
        conditions.add(withFilters(r, key));
        infos.add(r.info());
      }
    }
    return RuleEngine.compile(conditions, infos);
  }

  private Expr withFilters(SigmaRule r, LogSource key) {
    List<Expr> excluded = new ArrayList<>();
    for (SigmaFilter f : filters) {
      if (f.appliesTo(r.info()) && key.admits(f.logSource())) {
        excluded.add(f.condition());
      }
    }
    if (excluded.isEmpty()) {
      return r.detection();
    }
    Expr not = new Expr.Not(excluded.size() == 1 ? excluded.get(0) : new Expr.Or(excluded));
    return new Expr.And(List.of(r.detection(), not));
  }
}
