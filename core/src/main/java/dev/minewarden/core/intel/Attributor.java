package dev.minewarden.core.intel;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Says which group most likely raised some alerts, and how sure that is, from the evidence the
 * enricher and the rules left on them. Behaviour (built-in rules that point to a group) weighs
 * more than reused infrastructure: gangs share pools, scanners, even C2 hosts (8220 and TeamTNT
 * share some), so infrastructure alone counts for at most 2 points and never more than low
 * confidence, an indicator listed for several groups is split between them, and a group must
 * score at least twice the next one. Thin evidence gives no attribution. Immutable, thread-safe.
 */
public final class Attributor {
  /** Least score for any attribution. */
  static final double MIN_SCORE = 2;
  /** Most points reused infrastructure gives a group. */
  static final double INFRA_CAP = 2;
  /** How far around an alert other alerts on its host count as its context, in ms. */
  public static final long CONTEXT_MS = 30 * 60_000L;

  private final IntelStore store;
  private final Map<String, List<Indicator>> byLabel = new HashMap<>();
  private final Map<String, List<Rule>> byRule = new HashMap<>();

  /** An attributor over the profiles and indicators of {@code store}. */
  public Attributor(IntelStore store) {
    this.store = store;
    for (Indicator i : store.indicators()) {
      if (i.actor() != null) {
        byLabel.computeIfAbsent(i.label(), k -> new ArrayList<>()).add(i);
      }
    }
    for (ActorProfile p : store.actors()) {
      for (ActorProfile.Behaviour b : p.behaviours()) {
        byRule.computeIfAbsent(b.ruleId(), k -> new ArrayList<>()).add(new Rule(p.name(), b));
      }
    }
  }

  /** The evidence one alert carries, per group. */
  public Evidence evidence(Alert a) {
    Evidence ev = new Evidence();
    List<Event> events = new ArrayList<>();
    events.add(a.event());
    events.addAll(a.related());
    for (Event e : events) {
      indicators(e, ev);
      evictions(e, ev);
    }
    behaviours(a, events, ev);
    return ev;
  }

  /** The attribution of one alert on its own evidence, if the evidence supports one. */
  public Optional<Attribution> attribute(Alert a) {
    return decide(evidence(a).items.values());
  }

  /** The attribution of a set of alerts taken together (an incident, an hour of one). */
  public Optional<Attribution> attribute(Collection<Alert> alerts) {
    Evidence all = new Evidence();
    alerts.forEach(a -> all.items.putAll(evidence(a).items));
    return decide(all.items.values());
  }

  /**
   * Attributes every alert: on its own evidence when that suffices, else on the evidence of the
   * alerts on the same host within {@link #CONTEXT_MS}, one step less sure. Returns one
   * attribution (or empty) per alert, in the input's order.
   */
  public List<Optional<Attribution>> attributeEach(List<Alert> alerts) {
    return attributeEach(alerts, alerts.stream().map(a -> a.event().host()).toList());
  }

  /**
   * As {@link #attributeEach(List)}, with the host of each alert given ({@code null}: none), for
   * alerts whose host was inferred rather than named by their event.
   */
  public List<Optional<Attribution>> attributeEach(List<Alert> alerts, List<String> hosts) {
    // Each alert's own evidence is independent of the others' (and the maps read are not changed
    // after construction): gathered on all cores, as a hunt ends with many alerts to attribute.
    List<Evidence> ev = alerts.parallelStream().map(this::evidence).toList();
    List<Optional<Attribution>> out = new ArrayList<>();
    Map<String, List<Integer>> byHost = new HashMap<>();
    for (int i = 0; i < alerts.size(); i++) {
      out.add(decide(ev.get(i).items.values()));
      String h = hosts.get(i);
      // An alert without event time has no neighbours in time: it keeps its own evidence only.
      if (h != null && alerts.get(i).event().hasTime()) {
        byHost.computeIfAbsent(h, k -> new ArrayList<>()).add(i);
      }
    }
    for (List<Integer> idx : byHost.values()) {
      idx.sort(Comparator.comparingLong(i -> alerts.get(i).event().timestampMillis()));
      context(alerts, ev, idx, out);
    }
    return out;
  }

  private void context(List<Alert> alerts, List<Evidence> ev, List<Integer> idx,
      List<Optional<Attribution>> out) {
    int lo = 0;
    int hi = 0;
    Map<String, Item> window = new LinkedHashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (int i : idx) {
      long t = alerts.get(i).event().timestampMillis();
      while (hi < idx.size() && alerts.get(idx.get(hi)).event().timestampMillis() <= t + CONTEXT_MS) {
        ev.get(idx.get(hi)).items.forEach((k, v) -> {
          window.putIfAbsent(k, v);
          counts.merge(k, 1, Integer::sum);
        });
        hi++;
      }
      while (lo < hi && alerts.get(idx.get(lo)).event().timestampMillis() < t - CONTEXT_MS) {
        ev.get(idx.get(lo)).items.keySet().forEach(k -> {
          if (counts.merge(k, -1, Integer::sum) == 0) {
            counts.remove(k);
            window.remove(k);
          }
        });
        lo++;
      }
      Optional<Attribution> own = out.get(i);
      if (own.isPresent() && own.get().confidence() != Confidence.LOW) {
        continue;
      }
      Optional<Attribution> ctx = decide(window.values());
      // Context replaces no attribution, or a weak one when the host's evidence around the alert
      // (which includes the alert's own) clearly points elsewhere.
      boolean usable = ctx.isPresent() && ctx.get().confidence().weaker() != null
          && (own.isEmpty() || (ctx.get().confidence() != Confidence.LOW
              && !ctx.get().actor().equals(own.get().actor())));
      if (usable) {
        Attribution c = ctx.get();
        List<String> reasons = new ArrayList<>();
        reasons.add("context: alerts on the same host within 30 min point to " + c.actor());
        reasons.addAll(c.reasons());
        out.set(i, Optional.of(new Attribution(c.actor(), c.confidence().weaker(), c.score(),
            c.runnerUp(), reasons)));
      }
    }
  }

  /** The decision over a set of evidence items. */
  Optional<Attribution> decide(Collection<Item> items) {
    Map<String, Score> scores = new TreeMap<>();
    for (Item it : items) {
      Score s = scores.computeIfAbsent(it.actor, k -> new Score());
      if (it.infrastructure) {
        s.infra += it.weight;
      } else {
        s.strong += it.weight;
      }
      s.reasons.add(it.reason);
    }
    List<Map.Entry<String, Score>> ranked = new ArrayList<>(scores.entrySet());
    ranked.sort(Comparator.comparingDouble((Map.Entry<String, Score> e) -> -e.getValue().total())
        .thenComparing(Map.Entry::getKey));
    if (ranked.isEmpty()) {
      return Optional.empty();
    }
    Score top = ranked.get(0).getValue();
    double second = ranked.size() > 1 ? ranked.get(1).getValue().total() : 0;
    double s1 = top.total();
    if (s1 < MIN_SCORE || s1 < 2 * second) {
      return Optional.empty();
    }
    Confidence c = top.strong >= 7 && s1 >= 8 ? Confidence.HIGH
        : top.strong >= 3 && s1 >= 5 ? Confidence.MEDIUM : Confidence.LOW;
    List<String> reasons = top.reasons.stream().distinct().sorted().toList();
    return Optional.of(new Attribution(ranked.get(0).getKey(), c, round(s1), round(second), reasons));
  }

  private void indicators(Event e, Evidence ev) {
    Object labels = e.get("intel.indicator");
    if (!(labels instanceof List<?> l)) {
      return;
    }
    // A command that kills a group's miner names that group's artefacts: they are the victim's,
    // not evidence that the victim ran the command.
    Object victims = e.get("intel.evicts");
    List<?> evicted = victims instanceof List<?> v ? v : List.of();
    for (Object o : l) {
      List<Indicator> found = byLabel.get(String.valueOf(o));
      if (found == null) {
        continue;
      }
      long actors = found.stream().map(Indicator::actor).distinct().count();
      for (Indicator i : found) {
        if (evicted.contains(i.actor())) {
          continue;
        }
        double w = weight(i) / actors;
        String shared = actors > 1 ? " (shared by " + actors + " groups)" : "";
        ev.add(new Item(i.actor(), "ind:" + i.label(), w, i.type().isInfrastructure(),
            (i.type().isInfrastructure() ? "infrastructure " : "indicator ") + i.label() + shared));
      }
    }
  }

  private void evictions(Event e, Evidence ev) {
    Object victims = e.get("intel.evicts");
    if (!(victims instanceof List<?> l)) {
      return;
    }
    for (ActorProfile p : store.actors()) {
      for (Object v : l) {
        if (p.evicts().contains(String.valueOf(v))) {
          ev.add(new Item(p.name(), "evicts:" + v, 2, false,
              "evicts " + v + "'s miner, as " + p.name() + " does"));
        }
      }
    }
  }

  private void behaviours(Alert a, List<Event> events, Evidence ev) {
    List<Rule> rules = byRule.get(a.rule().id());
    if (rules == null) {
      return;
    }
    String text = text(events);
    for (Rule r : rules) {
      ActorProfile.Behaviour b = r.behaviour;
      boolean holds = b.tokens().isEmpty()
          || b.tokens().stream().anyMatch(tok -> text.contains(tok.toLowerCase(Locale.ROOT)));
      if (holds) {
        ev.add(new Item(r.actor, "rule:" + b.ruleId() + ":" + b.why(), b.weight(), false,
            "behaviour: " + b.why() + " (rule " + a.rule().title() + ")"));
      }
    }
  }

  private static String text(List<Event> events) {
    StringBuilder sb = new StringBuilder();
    for (Event e : events) {
      for (String f : new String[] {"CommandLine", "Image", "TargetFilename", "ParentCommandLine"}) {
        String v = e.getString(f);
        if (v != null && sb.length() < 65_536) {
          sb.append(v, 0, Math.min(v.length(), 8192)).append('\n');
        }
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static double weight(Indicator i) {
    if (i.type().isInfrastructure()) {
      return 1;
    }
    return i.type() == IndicatorType.HASH || "wallet".equals(i.kind()) ? 3 : 2;
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }

  private record Rule(String actor, ActorProfile.Behaviour behaviour) {}

  /** One piece of evidence for one group. */
  record Item(String actor, String key, double weight, boolean infrastructure, String reason) {}

  /** The evidence of an alert: items keyed by group and what they are, so each counts once. */
  public static final class Evidence {
    final Map<String, Item> items = new LinkedHashMap<>();

    void add(Item i) {
      items.putIfAbsent(i.actor() + "|" + i.key(), i);
    }

    /** Whether there is any evidence at all. */
    public boolean isEmpty() {
      return items.isEmpty();
    }

    /** The groups with evidence. */
    public List<String> actors() {
      return items.values().stream().map(Item::actor).distinct().sorted().toList();
    }
  }

  private static final class Score {
    double strong;
    double infra;
    final List<String> reasons = new ArrayList<>();

    double total() {
      return strong + Math.min(infra, INFRA_CAP);
    }
  }
}
