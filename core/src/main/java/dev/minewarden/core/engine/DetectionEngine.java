package dev.minewarden.core.engine;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.correlation.CorrelationEngine;
import dev.minewarden.core.correlation.CorrelationRule;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.sigma.CompiledRules;
import dev.minewarden.core.sigma.LoadResult;
import dev.minewarden.core.sigma.RawDocument;
import dev.minewarden.core.sigma.RuleError;
import dev.minewarden.core.sigma.SigmaLoader;
import dev.minewarden.core.sigma.SigmaRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The detection library's entry point: Sigma detection rules, filters (including the user's
 * per-rule exceptions) and correlation rules, compiled once and shared by every front end.
 *
 * <pre>{@code
 * DetectionEngine engine = DetectionEngine.builder().addRules(Path.of("my-rules")).build();
 * engine.loadErrors().forEach(System.err::println);
 * DetectionEngine.Session s = engine.session(alert -> ...);
 * events.forEach(s);   // from any number of threads
 * s.finish();          // end of input: open correlations are decided
 * }</pre>
 *
 * <p>An engine is immutable and thread-safe. Rules that fail to load are left out and listed in
 * {@link #loadErrors()}; they never stop the others.
 */
public final class DetectionEngine {
  private final CompiledRules compiled;
  /** Every detection rule loaded; twins of helper rules are among them but not compiled. */
  private final List<SigmaRule> rules;
  /** Helper rules evaluated once for several ({@link HelperTwins}). */
  private final Map<RuleInfo, List<RuleInfo>> twins;
  private final List<CorrelationRule> correlations;
  private final List<RuleError> errors;
  private final int maxGroupsPerRule;
  /**
   * Where each loaded rule's alerts go ({@link #FEEDS_CORRELATIONS}, {@link #SUPPRESSED}), by the
   * rule's own {@link RuleInfo} instance: every alert asks, and an identity look-up costs no
   * string hashing or comparing. Filled once, then only read, from any thread.
   */
  private final Map<RuleInfo, Integer> routes;
  private static final int FEEDS_CORRELATIONS = 1;
  private static final int SUPPRESSED = 2;
  private final Supplier<? extends UnaryOperator<Event>> enrichment;
  private final long maxLatenessMillis;

  private DetectionEngine(Builder b) {
    this.enrichment = b.enrichment;
    SigmaLoader loader = new SigmaLoader(b.placeholders);
    LoadResult loaded = b.includeBuiltin ? BuiltinRules.load(loader) : empty();
    loaded = loaded.plus(loader.load(b.rulePaths));
    LoadResult exceptions = loader.load(b.exceptionPaths);
    List<RuleError> errs = new ArrayList<>(loaded.errors());
    errs.addAll(exceptions.errors());
    List<SigmaRule> rules = dedupe(loaded.rules(), errs);
    List<CorrelationRule> corr = parseCorrelations(loaded.correlations(), errs);
    corr.addAll(parseCorrelations(exceptions.correlations(), errs));
    List<dev.minewarden.core.sigma.SigmaFilter> filters = new ArrayList<>(loaded.filters());
    filters.addAll(exceptions.filters());
    exceptions.rules().forEach(r -> errs.add(new RuleError(r.path(), r.title(), r.id(),
        "an exceptions folder holds Sigma filters, not detection rules")));
    this.maxGroupsPerRule = b.maxGroupsPerRule;
    this.maxLatenessMillis = b.maxLatenessMillis;
    this.correlations = checkCorrelations(corr, errs);
    HelperTwins twins = HelperTwins.of(rules, correlations, filters);
    this.rules = List.copyOf(rules);
    this.twins = twins.twins;
    this.compiled = CompiledRules.compile(twins.evaluated, filters);
    this.routes = routes(rules);
    this.errors = List.copyOf(errs);
  }

  /** Starts building an engine; by default with the built-in rule pack. */
  public static Builder builder() {
    return new Builder();
  }

  /** The rules and files that did not load, each naming its file and the problem. */
  public List<RuleError> loadErrors() {
    return errors;
  }

  /** The detection rules in use. */
  public List<RuleInfo> detectionRules() {
    return rules.stream().map(SigmaRule::info).toList();
  }

  /** Helper rules evaluated once for several: the first of each set, and the others. */
  Map<RuleInfo, List<RuleInfo>> helperTwins() {
    return twins;
  }

  /** How many Sigma filters (including exceptions) are in use. */
  public int filterCount() {
    return compiled.filters().size();
  }

  /** The correlation rules in use. */
  public List<RuleInfo> correlationRules() {
    return correlations.stream().map(CorrelationRule::info).toList();
  }

  /**
   * Starts a run over one stream of events (a hunt, or an agent's lifetime), with its own
   * correlation state.
   *
   * @param sink receives every alert; called from the threads that feed events, so it must be
   *     thread-safe
   */
  public Session session(Consumer<Alert> sink) {
    return session(sink, DEFAULT_HELD_ALERTS);
  }

  /** The alerts a session holds back to put them in event-time order, by default. */
  public static final int DEFAULT_HELD_ALERTS = 100_000;

  /**
   * Starts a run whose correlations hold at most {@code heldAlerts} alerts back to put them in
   * event-time order (the earliest is processed when more arrive). Each held alert keeps its event
   * in memory; a reader that delivers one file in order needs far fewer than the default, which
   * suits inputs read in parallel.
   */
  public Session session(Consumer<Alert> sink, int heldAlerts) {
    CorrelationEngine corr = correlations.isEmpty() ? null
        : CorrelationEngine.builder(correlations).maxGroupsPerRule(maxGroupsPerRule)
            .maxLatenessMillis(maxLatenessMillis).maxBufferedAlerts(heldAlerts).twins(twins)
            .build();
    return new Session(corr, sink, enrichment == null ? null : enrichment.get());
  }

  /** One run of the engine. Thread-safe: events may be fed from many threads. */
  public final class Session implements Consumer<Event> {
    private final CorrelationEngine corr;
    private final Consumer<Alert> sink;
    private final Consumer<Alert> onMatch = this::onMatch;
    private final UnaryOperator<Event> enricher;

    private Session(CorrelationEngine corr, Consumer<Alert> sink, UnaryOperator<Event> enricher) {
      this.corr = corr;
      this.sink = sink;
      this.enricher = enricher;
    }

    /**
     * Matches one event against every rule that applies to its logsource, after the engine's
     * enricher (if any) has added its fields; alerts carry the enriched event.
     */
    @Override
    public void accept(Event event) {
      compiled.match(enricher == null ? event : enricher.apply(event), onMatch);
    }

    /** This session's enricher, or {@code null} when the engine has none. */
    public UnaryOperator<Event> enricher() {
      return enricher;
    }

    private void onMatch(Alert alert) {
      int route = route(alert, corr);
      if (corr != null && (route & FEEDS_CORRELATIONS) != 0) {
        synchronized (corr) {
          corr.accept(alert, sink);
        }
      }
      if ((route & SUPPRESSED) == 0) {
        sink.accept(alert);
      }
    }

    /**
     * Tells the session that event time has reached {@code timeMillis} (epoch ms; a live front
     * end passes its clock now and then): correlation alerts held more than the engine's lateness
     * behind it are decided now instead of when a later event arrives. Does nothing with the
     * default, unbounded lateness.
     */
    public void advanceTo(long timeMillis) {
      if (corr != null) {
        synchronized (corr) {
          corr.advanceTo(timeMillis, sink);
        }
      }
    }

    /**
     * Starts a batch: events given to it are matched at once on the calling thread (alerts of
     * rules no correlation uses go straight to the sink), while the alerts that feed correlations
     * are held until {@link #commit}. A reader that cuts one file into pieces matches the pieces
     * in parallel and commits them in file order, so correlations see the same order as a
     * sequential read. A batch is used by one thread at a time.
     */
    public Batch batch() {
      return new Batch();
    }

    /**
     * Feeds a batch's held alerts to the correlations, in the order they were raised, and empties
     * the batch. Calls are serialised with every other correlation feed of this session.
     */
    public void commit(Batch batch) {
      if (corr == null || batch.held.isEmpty()) {
        batch.held.clear();
        return;
      }
      synchronized (corr) {
        for (Alert a : batch.held) {
          corr.accept(a, sink);
        }
      }
      batch.held.clear();
    }

    /** Events matched now, correlation input held for {@link Session#commit}. */
    public final class Batch implements Consumer<Event> {
      private final java.util.ArrayList<Alert> held = new java.util.ArrayList<>();
      private final Consumer<Alert> onMatch = this::onMatch;

      private Batch() {}

      /** Matches one event, after the session's enrichment, against every rule that applies. */
      @Override
      public void accept(Event event) {
        compiled.match(enricher == null ? event : enricher.apply(event), onMatch);
      }

      /** How many alerts wait for the commit. */
      public int held() {
        return held.size();
      }

      private void onMatch(Alert alert) {
        int route = route(alert, corr);
        if (corr != null && (route & FEEDS_CORRELATIONS) != 0) {
          held.add(alert);
        }
        if ((route & SUPPRESSED) == 0) {
          sink.accept(alert);
        }
      }
    }

    /**
     * A snapshot of the correlation state (open groups, evictions, alerts held for ordering), or
     * {@code null} when no correlation rule is loaded.
     */
    public dev.minewarden.core.correlation.CorrelationStats correlationStats() {
      if (corr == null) {
        return null;
      }
      synchronized (corr) {
        return corr.stats();
      }
    }

    /** Ends the input: correlations still open are decided and their alerts emitted. */
    public void finish() {
      if (corr != null) {
        synchronized (corr) {
          corr.flush(sink);
        }
      }
    }
  }

  private Map<RuleInfo, Integer> routes(List<SigmaRule> rules) {
    Map<RuleInfo, Integer> m = new java.util.IdentityHashMap<>();
    CorrelationEngine probe =
        correlations.isEmpty() ? null : CorrelationEngine.builder(correlations).build();
    for (SigmaRule r : rules) {
      m.put(r.info(), route(r.info(), probe));
    }
    return m;
  }

  /**
   * The route of a rule's alerts as {@code corr} (or any engine of the same correlations) decides
   * it by the rule's id and name: for the loaded rules once, for any other when its alert comes.
   */
  private static int route(RuleInfo rule, CorrelationEngine corr) {
    if (corr == null) {
      return 0; // no correlations: nothing is fed, nothing suppressed
    }
    return (corr.isReferenced(rule) ? FEEDS_CORRELATIONS : 0)
        | (corr.isSuppressed(rule) ? SUPPRESSED : 0);
  }

  private int route(Alert alert, CorrelationEngine corr) {
    Integer r = routes.get(alert.rule());
    return r != null ? r : route(alert.rule(), corr);
  }

  private static List<SigmaRule> dedupe(List<SigmaRule> rules, List<RuleError> errs) {
    Map<String, SigmaRule> byId = new LinkedHashMap<>();
    for (SigmaRule r : rules) {
      SigmaRule first = byId.putIfAbsent(r.id(), r);
      if (first != null) {
        errs.add(new RuleError(r.path(), r.title(), r.id(),
            "duplicate rule id (first loaded from " + first.path() + "); this copy is ignored"));
      }
    }
    return new ArrayList<>(byId.values());
  }

  private static List<CorrelationRule> parseCorrelations(
      List<RawDocument> docs, List<RuleError> errs) {
    List<CorrelationRule> out = new ArrayList<>();
    for (RawDocument d : docs) {
      try {
        out.add(CorrelationRule.parse(d.document(), d.path()));
      } catch (IllegalArgumentException e) {
        Object title = d.document().get("title");
        Object id = d.document().get("id");
        errs.add(new RuleError(d.path(), title == null ? null : title.toString(),
            id == null ? null : id.toString(), e.getMessage()));
      }
    }
    return out;
  }

  /** Drops correlations the engine refuses as a set (cycles, duplicate names), one at a time. */
  private List<CorrelationRule> checkCorrelations(List<CorrelationRule> corr, List<RuleError> errs) {
    List<CorrelationRule> ok = new ArrayList<>(corr);
    while (!ok.isEmpty()) {
      try {
        CorrelationEngine.builder(ok).build();
        return ok;
      } catch (IllegalArgumentException e) {
        CorrelationRule culprit = culprit(ok, e.getMessage());
        errs.add(new RuleError(culprit.info().path(), culprit.info().title(), culprit.info().id(),
            e.getMessage()));
        ok.remove(culprit);
      }
    }
    return ok;
  }

  private static CorrelationRule culprit(List<CorrelationRule> rules, String message) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      RuleInfo info = rules.get(i).info();
      if (message != null && (message.contains(info.id())
          || (info.name() != null && message.contains(info.name())))) {
        return rules.get(i);
      }
    }
    return rules.get(rules.size() - 1);
  }

  private static LoadResult empty() {
    return new LoadResult(List.of(), List.of(), List.of(), List.of());
  }

  /** Configures a {@link DetectionEngine}. Not thread-safe. */
  public static final class Builder {
    private boolean includeBuiltin = true;
    private final List<Path> rulePaths = new ArrayList<>();
    private final List<Path> exceptionPaths = new ArrayList<>();
    private Map<String, List<String>> placeholders = Map.of();
    private int maxGroupsPerRule = 100_000;
    private Supplier<? extends UnaryOperator<Event>> enrichment;
    private long maxLatenessMillis = CorrelationEngine.UNBOUNDED_LATENESS;

    private Builder() {}

    /**
     * Enrichment applied to every event before the rules (intel, passive DNS): the supplier is
     * called once per {@link #session}, so per-run state stays in its session. The enricher must
     * be thread-safe and return its input unchanged when it has nothing to add.
     */
    public Builder enrichment(Supplier<? extends UnaryOperator<Event>> perSession) {
      this.enrichment = perSession;
      return this;
    }

    /** Whether the built-in rule pack is loaded (default true). */
    public Builder includeBuiltin(boolean include) {
      this.includeBuiltin = include;
      return this;
    }

    /** Adds a Sigma file or a folder of them (detection, correlation and filter documents). */
    public Builder addRules(Path path) {
      rulePaths.add(path);
      return this;
    }

    /** Adds a file or folder of Sigma filters used as per-rule exceptions. */
    public Builder addExceptions(Path path) {
      exceptionPaths.add(path);
      return this;
    }

    /** Values for the {@code expand} modifier's placeholders. */
    public Builder placeholders(Map<String, List<String>> values) {
      this.placeholders = Map.copyOf(values);
      return this;
    }

    /**
     * The most groups one correlation rule keeps open (default 100,000); beyond it the least
     * recently updated group is evicted.
     */
    public Builder maxGroupsPerRule(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxGroupsPerRule must be at least 1, was " + n);
      }
      this.maxGroupsPerRule = n;
      return this;
    }

    /**
     * How far (ms) behind the newest event time an event may arrive and still be correlated in
     * order (default unbounded: held until {@link Session#finish()}, right for files). A live
     * front end sets a bound, such as a minute, and calls {@link Session#advanceTo(long)}, so
     * correlation alerts are not held back.
     */
    public Builder maxLatenessMillis(long millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("maxLatenessMillis must not be negative, was " + millis);
      }
      this.maxLatenessMillis = millis;
      return this;
    }

    /** Loads and compiles. Never throws for a bad rule: see {@link #loadErrors()}. */
    public DetectionEngine build() {
      return new DetectionEngine(this);
    }
  }
}
