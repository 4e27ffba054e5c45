package dev.minewarden.core.correlation;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.correlation.internal.Correlator;
import dev.minewarden.core.correlation.internal.Correlators;
import dev.minewarden.core.correlation.internal.ReorderBuffer;
import dev.minewarden.core.rules.RuleInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Runs Sigma correlation rules over the alerts of detection rules (and of other correlations) and
 * emits correlation alerts.
 *
 * <h2>Time</h2>
 *
 * Everything runs on event time ({@link dev.minewarden.core.event.Event#timestampMillis()}), never
 * arrival time; alerts whose event has no time are ignored and counted. Windows <b>slide</b>: the
 * window ending at an event at time t holds the group's events with times in <b>(t - timespan,
 * t]</b>, exclusive at the old end and inclusive at the new end, so two events belong to one window
 * when they are less than a timespan apart. "gte 5 in 10m" fires at the first event that has four
 * earlier events of its group less than 600,000 ms before it, wherever they fall relative to clock
 * boundaries (no fixed buckets).
 *
 * <h2>Order independence</h2>
 *
 * Alerts may arrive in any order (files read in parallel). They pass a reorder buffer and are
 * processed in one total order: event time, then source file and line, then rule id, host and
 * field content (see {@code AlertOrder}). As long as no alert arrives more than {@link
 * Builder#maxLatenessMillis(long) maxLateness} behind the newest event time seen before it, and
 * the buffer does not overflow, the emitted alerts (and their order) are the same for every
 * arrival order. With the default, unbounded lateness, alerts are held until the buffer is full or
 * {@link #flush} is called, which suits a hunt over files; a live front end sets a lateness such as
 * a minute so correlation alerts are not held back. An alert that arrives after a later one was
 * processed is refused and counted ({@link CorrelationStats#lateAlerts()}), unless it comes from
 * the same record as the alert processed last: the rules raise one event's alerts in their own
 * order, and a live clock already past the event releases the first before the others arrive;
 * they are processed right after it.
 *
 * <h2>Firing and suppression</h2>
 *
 * Count and value types with a condition that only has lower bounds (gt, gte), value_percentile,
 * temporal and temporal_ordered fire at the first event for which the condition holds on the window
 * ending at it; that event is the alert's {@link Alert#event()}. Conditions with an upper bound
 * (lt, lte, eq, neq) and value_avg are checked when a window can grow no further (the next event
 * of the group is a timespan or more after the window's first event, the group expires, or the
 * input ends), and the window's newest event is the trigger. After a group fires, its window is
 * emptied and the group's alerts earlier than trigger time + timespan are absorbed without
 * counting: a long burst gives one alert per timespan, not one per event.
 *
 * <h2>Alerts</h2>
 *
 * A correlation alert has the correlation's {@link RuleInfo}, the triggering event, {@code related}
 * = the events of the window, oldest first, at most {@link Builder#maxRelatedEvents(int)} (the
 * newest are kept; the number left out is in the attribute {@code correlation.related.omitted}),
 * {@code count} = the number of events in the window, and attributes {@code correlation.type},
 * {@code correlation.group_by} (map of group-by name to value), {@code correlation.count}, {@code
 * correlation.value} (the aggregate: Long for counts, Double for sum, avg and percentile), {@code
 * correlation.window.start} (epoch ms) and {@code correlation.timespan_ms}.
 *
 * <h2>Groups</h2>
 *
 * Group-by values are compared as text. Aliases map a group-by name to a different field per
 * referenced rule. An alert whose group-by field is absent or null is left out of that rule and
 * counted ({@link CorrelationStats#skippedAlerts()}), as SIEM backends drop events without the
 * grouping field. An alert of a chained correlation is grouped by its {@code correlation.group_by}
 * values first, then by its event's fields.
 *
 * <h2>Memory</h2>
 *
 * A group is dropped once its newest event is a timespan or more behind the newest processed event
 * time. Each rule holds at most {@link Builder#maxGroupsPerRule(int)} groups: when a new group
 * would exceed it, the least recently updated group is evicted without firing and counted ({@link
 * CorrelationStats#evictedGroups()}), so a flood of distinct keys costs detections on the oldest
 * groups, never unbounded memory. Windows of count and value types keep at most {@link
 * Builder#maxWindowEvents(int)} events per group (for event_count and value_count raised to the
 * condition's lower bound, up to a million); beyond that the oldest events are dropped from the
 * aggregate.
 *
 * <h2>Chaining and generate</h2>
 *
 * Rules are referenced by {@code id} or {@code name}; a reference to another loaded correlation
 * feeds that correlation's alerts in. Cycles are refused, and so are references to correlations
 * that fire on window close (their alerts come late, after later events were processed). A rule's
 * own alerts are suppressed when correlations refer to it and none of them says {@code generate:
 * true} (the specification's default); the engine applies this to the correlations it runs, and
 * {@link #isSuppressed(RuleInfo)} tells the caller for detection rules.
 *
 * <p>Not thread-safe: calls must not overlap (one thread, or external locking).
 */
public final class CorrelationEngine {
  /** Lateness that holds every alert until the buffer is full or the input ends. */
  public static final long UNBOUNDED_LATENESS = Long.MAX_VALUE;

  private final List<CorrelationRule> rules;
  private final List<Correlator<?>> correlators = new ArrayList<>();
  private final List<Consumer<Alert>> emitters = new ArrayList<>();
  private final Map<String, Map<Integer, int[]>> targetsByRef = new HashMap<>();
  private final Set<String> referenced = new LinkedHashSet<>();
  private final Set<String> generated = new LinkedHashSet<>();
  private final Set<String> baseRefs;
  private final long maxLateness;
  private final int maxBuffered;
  private final Map<RuleInfo, List<RuleInfo>> twins;
  private ReorderBuffer buffer;
  private Consumer<Alert> out;
  private long clock = Long.MIN_VALUE;
  private long late;
  private long untimed;
  private long forcedBefore;

  private CorrelationEngine(Builder b) {
    this.rules = List.copyOf(b.rules);
    this.maxLateness = b.maxLateness;
    this.maxBuffered = b.maxBuffered;
    this.twins = b.twins;
    this.buffer = new ReorderBuffer(maxLateness, maxBuffered);
    Map<String, Integer> byRef = index(rules);
    for (int i = 0; i < rules.size(); i++) {
      CorrelationRule r = rules.get(i);
      correlators.add(Correlators.create(r, b.maxGroups, b.maxRelated, b.maxWindowEvents));
      int idx = i;
      emitters.add(a -> emitted(idx, a));
      addTargets(i, r);
    }
    checkChains(byRef);
    Set<String> base = new LinkedHashSet<>(referenced);
    base.removeAll(byRef.keySet());
    this.baseRefs = Collections.unmodifiableSet(base);
  }

  /** Starts building an engine for these rules (none may share an id or a name). */
  public static Builder builder(Collection<CorrelationRule> rules) {
    return new Builder(rules);
  }

  /**
   * Takes one alert of a detection rule or correlation, in any order. Alerts of rules no
   * correlation refers to are ignored. Correlation alerts that are due go to {@code out}.
   */
  public void accept(Alert alert, Consumer<Alert> out) {
    Objects.requireNonNull(alert, "alert");
    this.out = Objects.requireNonNull(out, "out");
    if (targets(alert.rule()) == NONE) { // not referenced (isReferenced, from the cache)
      return;
    }
    if (!alert.event().hasTime()) {
      untimed++;
      return;
    }
    if (!buffer.offer(alert, processor)) {
      late++;
    }
  }

  /**
   * Tells the engine that event time has reached {@code timeMillis}, as a live front end's clock
   * does: alerts held more than the lateness behind it are processed now instead of waiting for a
   * later alert. Windows are not closed early. With unbounded lateness nothing is released.
   */
  public void advanceTo(long timeMillis, Consumer<Alert> out) {
    this.out = Objects.requireNonNull(out, "out");
    buffer.advanceTo(timeMillis, processor);
  }

  /**
   * Ends the input: processes every held alert, closes every open window (which may fire rules
   * that wait for a window to close) and empties the engine, which may then take a new input.
   */
  public void flush(Consumer<Alert> out) {
    this.out = Objects.requireNonNull(out, "out");
    buffer.drain(processor);
    for (int i = 0; i < correlators.size(); i++) {
      correlators.get(i).flush(emitters.get(i));
    }
    forcedBefore += buffer.forcedReleases();
    buffer = new ReorderBuffer(maxLateness, maxBuffered);
    clock = Long.MIN_VALUE;
  }

  /** Whether alerts of this rule feed at least one correlation (by its id or name). */
  public boolean isReferenced(RuleInfo rule) {
    return referenced.contains(rule.id()) || (rule.name() != null && referenced.contains(rule.name()));
  }

  /**
   * Whether the rule's own alerts should be left out of the output: some correlation refers to it
   * and none of those says {@code generate: true}.
   */
  public boolean isSuppressed(RuleInfo rule) {
    boolean gen = generated.contains(rule.id()) || (rule.name() != null && generated.contains(rule.name()));
    return isReferenced(rule) && !gen;
  }

  /** The references (ids or names) that name no loaded correlation: the detection rules needed. */
  public Set<String> baseRuleReferences() {
    return baseRefs;
  }

  /** The correlation rules, in the order given. */
  public List<CorrelationRule> rules() {
    return rules;
  }

  /** A snapshot of the counters and open state. */
  public CorrelationStats stats() {
    int open = 0;
    long evicted = 0;
    long expired = 0;
    long skipped = 0;
    for (Correlator<?> c : correlators) {
      open += c.openGroups();
      evicted += c.evictions();
      expired += c.expirations();
      skipped += c.skipped();
    }
    return new CorrelationStats(open, evicted, expired, skipped, late, untimed, buffer.size(),
        forcedBefore + buffer.forcedReleases());
  }

  /**
   * The number of open groups of one correlation.
   *
   * @param correlationId the rule's {@link RuleInfo#id()}
   * @throws IllegalArgumentException when no loaded correlation has this id
   */
  public int openGroups(String correlationId) {
    return correlator(correlationId).openGroups();
  }

  /**
   * How many groups of one correlation were evicted by the cap.
   *
   * @throws IllegalArgumentException when no loaded correlation has this id
   */
  public long evictions(String correlationId) {
    return correlator(correlationId).evictions();
  }

  private Correlator<?> correlator(String id) {
    for (Correlator<?> c : correlators) {
      if (c.rule().info().id().equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no correlation with id " + id);
  }

  /** {@link #process}, made once: a method reference made per alert is an allocation per alert. */
  private final Consumer<Alert> processor = this::process;

  /** Processes one alert in order: expires old groups, then feeds the rules that refer to it. */
  private void process(Alert alert) {
    long t = alert.event().timestampMillis();
    if (t > clock) {
      clock = t;
      for (int i = 0; i < correlators.size(); i++) {
        correlators.get(i).advance(clock, emitters.get(i));
      }
    }
    feed(alert);
  }

  private void feed(Alert alert) {
    Targets t = targets(alert.rule());
    for (int k = 0; k < t.correlators.length; k++) {
      int i = t.correlators[k];
      correlators.get(i).accept(alert, t.positions[k], emitters.get(i));
    }
  }

  /** The correlations an alert of a rule feeds, and the rule's positions in each. */
  private record Targets(int[] correlators, int[][] positions) {}

  private static final Targets NONE = new Targets(new int[0], new int[0][]);
  /** Targets by rule, cached: looked up once per alert. Bounded, since rules come from files. */
  private final Map<RuleInfo, Targets> targetCache = new java.util.IdentityHashMap<>();

  private Targets targets(RuleInfo r) {
    Targets t = targetCache.get(r);
    if (t == null) {
      t = computeTargets(r);
      if (targetCache.size() < 10_000) {
        targetCache.put(r, t);
      }
    }
    return t;
  }

  /**
   * The targets of a rule's alerts (by its id and its name), followed by those of its twins' (see
   * {@link Builder#twins(Map)}), each in correlation order: the order in which the twins' own
   * alerts of one event were processed.
   */
  private Targets computeTargets(RuleInfo r) {
    Map<Integer, int[]> merged = new LinkedHashMap<>();
    collectTargets(r, merged);
    for (RuleInfo twin : twins.getOrDefault(r, List.of())) {
      collectTargets(twin, merged);
    }
    if (merged.isEmpty()) {
      return NONE;
    }
    int[] idx = new int[merged.size()];
    int[][] pos = new int[merged.size()][];
    int k = 0;
    for (Map.Entry<Integer, int[]> e : merged.entrySet()) {
      idx[k] = e.getKey();
      pos[k++] = e.getValue();
    }
    return new Targets(idx, pos);
  }

  /** Adds the correlations that refer to a rule by its id or name, with its positions in each. */
  private void collectTargets(RuleInfo r, Map<Integer, int[]> into) {
    for (String ref : r.name() == null ? List.of(r.id()) : List.of(r.id(), r.name())) {
      Map<Integer, int[]> byRef = targetsByRef.get(ref);
      if (byRef != null) {
        byRef.forEach((k, v) -> into.merge(k, v, CorrelationEngine::union));
      }
    }
  }

  /** A correlation fired: output it unless suppressed, then feed the correlations that refer to it. */
  private void emitted(int index, Alert alert) {
    if (!isSuppressed(alert.rule())) {
      out.accept(alert);
    }
    if (targets(alert.rule()) != NONE) {
      feed(alert);
    }
  }

  private void addTargets(int index, CorrelationRule r) {
    List<String> refs = r.rules();
    for (int p = 0; p < refs.size(); p++) {
      String ref = refs.get(p);
      referenced.add(ref);
      if (r.generate()) {
        generated.add(ref);
      }
      targetsByRef
          .computeIfAbsent(ref, k -> new LinkedHashMap<>())
          .merge(index, new int[] {p}, CorrelationEngine::union);
    }
  }

  private static int[] union(int[] a, int[] b) {
    return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().sorted().toArray();
  }

  /** Maps every correlation's id and name to its index; refuses duplicates. */
  private static Map<String, Integer> index(List<CorrelationRule> rules) {
    Map<String, Integer> byRef = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      RuleInfo info = rules.get(i).info();
      for (String ref : info.name() == null ? List.of(info.id()) : List.of(info.id(), info.name())) {
        Integer prev = byRef.putIfAbsent(ref, i);
        if (prev != null && prev != i) {
          throw new CorrelationRuleException(info.path(),
              "correlation '" + ref + "' is also defined in " + rules.get(prev).info().path());
        }
      }
    }
    return byRef;
  }

  /** Refuses reference cycles and references to correlations that fire late (on window close). */
  private void checkChains(Map<String, Integer> byRef) {
    for (int i = 0; i < rules.size(); i++) {
      for (String ref : rules.get(i).rules()) {
        Integer up = byRef.get(ref);
        if (up != null && !correlators.get(up).firesEagerly()) {
          throw new CorrelationRuleException(rules.get(i).info().path(),
              "refers to correlation '" + ref + "', which fires only when its window closes"
                  + " (upper-bound condition or value_avg) and so cannot be chained");
        }
      }
    }
    int[] state = new int[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      visit(i, byRef, state);
    }
  }

  private void visit(int i, Map<String, Integer> byRef, int[] state) {
    if (state[i] == 2) {
      return;
    }
    if (state[i] == 1) {
      throw new CorrelationRuleException(rules.get(i).info().path(),
          "correlation '" + rules.get(i).info().id() + "' refers to itself through a chain");
    }
    state[i] = 1;
    for (String ref : rules.get(i).rules()) {
      Integer next = byRef.get(ref);
      if (next != null) {
        visit(next, byRef, state);
      }
    }
    state[i] = 2;
  }

  /** Configures a {@link CorrelationEngine}. Not thread-safe. */
  public static final class Builder {
    private final List<CorrelationRule> rules;
    private int maxGroups = 100_000;
    private long maxLateness = UNBOUNDED_LATENESS;
    private int maxBuffered = 100_000;
    private int maxRelated = 100;
    private int maxWindowEvents = 10_000;
    private Map<RuleInfo, List<RuleInfo>> twins = Map.of();

    private Builder(Collection<CorrelationRule> rules) {
      this.rules = new ArrayList<>(Objects.requireNonNull(rules, "rules"));
      this.rules.forEach(r -> Objects.requireNonNull(r, "rule"));
    }

    /** Cap on open groups per rule (default 100,000); beyond it the least recently updated goes. */
    public Builder maxGroupsPerRule(int n) {
      this.maxGroups = requirePositive(n, "maxGroupsPerRule");
      return this;
    }

    /**
     * How far (ms) behind the newest event time an alert may arrive and still be put in order
     * (default {@link #UNBOUNDED_LATENESS}: held until the buffer is full or the input ends).
     */
    public Builder maxLatenessMillis(long millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("maxLatenessMillis must not be negative, was " + millis);
      }
      this.maxLateness = millis;
      return this;
    }

    /** Cap on alerts held for reordering (default 100,000); beyond it the earliest is processed. */
    public Builder maxBufferedAlerts(int n) {
      this.maxBuffered = requirePositive(n, "maxBufferedAlerts");
      return this;
    }

    /** Cap on events listed in a correlation alert's {@code related} (default 100). */
    public Builder maxRelatedEvents(int n) {
      this.maxRelated = requirePositive(n, "maxRelatedEvents");
      return this;
    }

    /** Cap on events kept per group window of count and value types (default 10,000). */
    public Builder maxWindowEvents(int n) {
      this.maxWindowEvents = requirePositive(n, "maxWindowEvents");
      return this;
    }

    /**
     * Detection rules evaluated once for several: each key's alerts also stand for alerts of the
     * rules listed with it, which then never come. A caller that merges identical helper rules
     * this way keeps every correlation fed exactly as before (default: none).
     */
    public Builder twins(Map<RuleInfo, List<RuleInfo>> representativeToOthers) {
      Map<RuleInfo, List<RuleInfo>> copy = new java.util.IdentityHashMap<>();
      representativeToOthers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      this.twins = copy;
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws CorrelationRuleException when two correlations share an id or name, references form
     *     a cycle, or a rule refers to a correlation that fires on window close
     */
    public CorrelationEngine build() {
      return new CorrelationEngine(this);
    }

    private static int requirePositive(int n, String what) {
      if (n < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, was " + n);
      }
      return n;
    }
  }
}
