package dev.minewarden.core.incident;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.intel.Attribution;
import dev.minewarden.core.intel.Attributor;
import dev.minewarden.core.intel.Confidence;
import dev.minewarden.core.rules.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Ties alerts into incidents: one per host (by host name, instance id or address; alerts that
 * name no host are given the single host named by other alerts read from the same folder), split
 * where the host goes quiet for longer than the maximum gap. Each incident gets its kill chain,
 * score, actors, evictions, an hour-by-hour timeline of who held the CPU, and the cost. Not
 * thread-safe; build one per run.
 */
public final class Incidents {
  /** Alert attribute: the attributed group (ECS). */
  public static final String GROUP = "threat.group.name";
  /** Alert attribute: the attribution's confidence. */
  public static final String CONFIDENCE = "minewarden.attribution.confidence";
  /** Alert attribute: the attribution's score. */
  public static final String SCORE = "minewarden.attribution.score";
  /** Alert attribute: the attribution's reasons. */
  public static final String REASONS = "minewarden.attribution.reasons";
  private static final long HOUR = 3_600_000L;

  private final Attributor attributor;
  private Function<String, CostModel> costs = h -> CostModel.defaults();
  private Map<String, Long> observedUntil = Map.of();
  private long maxGapMs = Duration.ofHours(48).toMillis();

  /** Incidents attributed with {@code attributor}. */
  public Incidents(Attributor attributor) {
    this.attributor = attributor;
  }

  /** The cost model of each host (default: {@link CostModel#defaults()} for all). */
  public Incidents costModel(Function<String, CostModel> perHost) {
    this.costs = perHost;
    return this;
  }

  /** The last event time seen per host, so a miner is counted until the data ends. */
  public Incidents observedUntil(Map<String, Long> lastEventPerHost) {
    this.observedUntil = Map.copyOf(lastEventPerHost);
    return this;
  }

  /** A host quiet for longer than this starts a new incident (default 48 h). */
  public Incidents maxGap(Duration gap) {
    this.maxGapMs = gap.toMillis();
    return this;
  }

  /**
   * The alerts with their stable id ({@code event.id}), their attribution when the evidence
   * supports one ({@code threat.group.name} and {@code minewarden.attribution.*}) and the event's
   * {@code intel.*} fields, in the same order.
   */
  public static List<Alert> annotate(List<Alert> alerts, Attributor attributor) {
    Map<String, String> hostOfFolder = singleHostFolders(alerts);
    List<String> keys = alerts.stream().map(a -> {
      String h = hostOf(a.event());
      return h != null ? h : hostOfFolder.get(folder(a.event()));
    }).toList();
    List<Optional<Attribution>> attr = attributor.attributeEach(alerts, keys);
    // Each alert on its own (an id is a hash, its intel fields a pass over its event), so on all
    // cores: a large hunt ends with tens of thousands of alerts to annotate and nothing else to do.
    return java.util.stream.IntStream.range(0, alerts.size()).parallel()
        .mapToObj(i -> annotated(alerts.get(i), attr.get(i)))
        .toList();
  }

  private static Alert annotated(Alert a, Optional<Attribution> attribution) {
    Map<String, Object> at = new LinkedHashMap<>(a.attributes());
    at.put("event.id", AlertIds.of(a));
    a.event().fields().forEach((k, v) -> {
      if (k.startsWith("intel.") && v != null) {
        at.putIfAbsent(k, v);
      }
    });
    attribution.ifPresent(x -> {
      at.put(GROUP, x.actor());
      at.put(CONFIDENCE, x.confidence().label());
      at.put(SCORE, x.score());
      at.put(REASONS, x.reasons());
    });
    return new Alert(a.rule(), a.event(), a.related(), a.count(), at);
  }

  /** Builds the incidents of {@link #annotate annotated} alerts, most severe first. */
  public List<Incident> build(List<Alert> annotated) {
    Map<String, String> inferred = new HashMap<>();
    Map<String, List<Alert>> byHost = groupByHost(annotated, inferred);
    List<Incident> out = new ArrayList<>();
    for (Map.Entry<String, List<Alert>> e : byHost.entrySet()) {
      List<Alert> list = e.getValue();
      list.sort(Comparator.comparingLong((Alert a) -> a.event().timestampMillis())
          .thenComparing(AlertIds::of));
      int from = 0;
      for (int i = 1; i <= list.size(); i++) {
        if (i == list.size() || time(list.get(i)) - time(list.get(i - 1)) > maxGapMs) {
          boolean last = i == list.size();
          out.add(incident(e.getKey(), inferred.get(e.getKey()), list.subList(from, i), last));
          from = i;
        }
      }
    }
    out.sort(Comparator.comparingInt(Incident::score).reversed()
        .thenComparingLong(Incident::start).thenComparing(Incident::host));
    return out;
  }

  /** Folders from which the alerts that name a host name exactly one. */
  private static Map<String, String> singleHostFolders(List<Alert> alerts) {
    Map<String, Set<String>> hostsByFolder = new HashMap<>();
    for (Alert a : alerts) {
      String h = hostOf(a.event());
      if (h != null) {
        hostsByFolder.computeIfAbsent(folder(a.event()), k -> new TreeSet<>()).add(h);
      }
    }
    Map<String, String> out = new HashMap<>();
    hostsByFolder.forEach((f, hosts) -> {
      if (hosts.size() == 1) {
        out.put(f, hosts.iterator().next());
      }
    });
    return out;
  }

  private Map<String, List<Alert>> groupByHost(List<Alert> alerts, Map<String, String> inferred) {
    Map<String, String> hostOfFolder = singleHostFolders(alerts);
    Map<String, List<Alert>> byHost = new TreeMap<>();
    for (Alert a : alerts) {
      if (a.event().timestampMillis() == Event.NO_TIME) {
        continue; // an alert without a time cannot be placed on a timeline
      }
      String h = hostOf(a.event());
      if (h == null) {
        String folder = folder(a.event());
        if (hostOfFolder.containsKey(folder)) {
          h = hostOfFolder.get(folder);
          inferred.put(h, "alerts without a host name were read from " + folder
              + ", where every other log names " + h);
        } else {
          h = "unknown host (" + folder + ")";
        }
      }
      byHost.computeIfAbsent(h, k -> new ArrayList<>()).add(a);
    }
    return byHost;
  }

  private Incident incident(String host, String inferred, List<Alert> alerts, boolean lastOfHost) {
    long start = time(alerts.get(0));
    long end = time(alerts.get(alerts.size() - 1));
    Long seen = observedUntil.get(host);
    if (lastOfHost && seen != null && seen > end) {
      end = seen;
    }
    Severity worst = Severity.INFORMATIONAL;
    EnumSet<KillChainStage> stages = EnumSet.noneOf(KillChainStage.class);
    List<Incident.AlertRef> refs = new ArrayList<>();
    for (Alert a : alerts) {
      if (a.rule().level().compareTo(worst) > 0) {
        worst = a.rule().level();
      }
      stages.addAll(KillChainStage.of(a.rule().tags()));
      refs.add(new Incident.AlertRef(AlertIds.of(a), time(a), a.rule().id(), a.rule().title(),
          a.rule().level(), actor(a), confidence(a)));
    }
    List<Incident.Eviction> evictions = evictions(alerts);
    CostModel model = costs.apply(host);
    List<Holding> holdings = holdings(alerts, evictions, end);
    List<Incident.HourSlot> timeline = timeline(alerts, evictions, holdings, start, end, model);
    List<Incident.ActorActivity> actors = actors(alerts, holdings, model);
    double hours = (end - start) / (double) HOUR;
    double mined = holdings.stream().mapToDouble(h -> (h.to - h.from) / (double) HOUR).sum();
    double cpu = model.cpuHours(mined);
    double usd = model.usd(cpu);
    double base = model.baselineUsd(hours);
    Incident.Cost cost = new Incident.Cost(model, round(hours), round(mined), round(cpu),
        round(usd), round(base), base > 0 ? round(usd / base * 100) : 0);
    int score = Math.min(100, points(worst) + 10 * stages.size());
    return new Incident(id(host, start), host, inferred, start, end, score, worst,
        new ArrayList<>(stages), actors, timeline, evictions, cost, refs);
  }

  /**
   * Evictions: alerts whose commands kill or remove a group's artefacts, by the group the alert is
   * attributed to, of a group that was active on the host before (a kill list run against names
   * that never appeared here is tradecraft, not an eviction).
   */
  private static List<Incident.Eviction> evictions(List<Alert> alerts) {
    Map<String, Long> firstSeen = new HashMap<>();
    for (Alert a : alerts) {
      String who = actor(a);
      if (who != null) {
        firstSeen.merge(who, time(a), Math::min);
      }
    }
    List<Incident.Eviction> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Alert a : alerts) {
      String evictor = actor(a);
      List<Event> events = new ArrayList<>(a.related());
      events.add(a.event());
      for (Event e : events) {
        Object v = e.get("intel.evicts");
        if (!(v instanceof List<?> victims)) {
          continue;
        }
        for (Object victim : victims) {
          String vic = String.valueOf(victim);
          long t = e.timestampMillis() == Event.NO_TIME ? time(a) : e.timestampMillis();
          Long victimSince = firstSeen.get(vic);
          if (vic.equals(evictor) || victimSince == null || victimSince > t
              || !seen.add(evictor + "|" + vic + "|" + t / HOUR)) {
            continue;
          }
          out.add(new Incident.Eviction(t, evictor, vic, e.getString("CommandLine"), AlertIds.of(a)));
        }
      }
    }
    out.sort(Comparator.comparingLong(Incident.Eviction::time));
    return out;
  }

  /** A span during which one miner held the host's CPU. */
  private record Holding(String actor, long from, long to) {}

  /**
   * Who held the CPU when: the latest mining evidence takes it (miners kill what they find), an
   * unattributed miner does not displace a named one, and an eviction hands it to the evictor.
   */
  private static List<Holding> holdings(List<Alert> alerts, List<Incident.Eviction> evictions, long end) {
    TreeMap<Long, List<Object>> moments = new TreeMap<>();
    for (Alert a : alerts) {
      if (isMining(a)) {
        String who = actor(a);
        moments.computeIfAbsent(time(a), k -> new ArrayList<>())
            .add(who == null ? Incident.UNATTRIBUTED : who);
      }
    }
    for (Incident.Eviction ev : evictions) {
      moments.computeIfAbsent(ev.time(), k -> new ArrayList<>()).add(ev);
    }
    List<Holding> out = new ArrayList<>();
    String holder = null;
    long since = 0;
    for (Map.Entry<Long, List<Object>> m : moments.entrySet()) {
      String next = holder;
      for (Object o : m.getValue()) {
        if (o instanceof Incident.Eviction ev) {
          if (ev.victim().equals(next)) {
            next = ev.evictor();
          }
        } else {
          String who = (String) o;
          if (next == null || Incident.UNATTRIBUTED.equals(next) || !Incident.UNATTRIBUTED.equals(who)) {
            next = who;
          }
        }
      }
      if (!java.util.Objects.equals(next, holder)) {
        if (holder != null && m.getKey() > since) {
          out.add(new Holding(holder, since, m.getKey()));
        }
        holder = next;
        since = m.getKey();
      }
    }
    if (holder != null && end > since) {
      out.add(new Holding(holder, since, end));
    }
    return out;
  }

  private static List<Incident.HourSlot> timeline(List<Alert> alerts, List<Incident.Eviction> evictions,
      List<Holding> holdings, long start, long end, CostModel model) {
    List<Incident.HourSlot> out = new ArrayList<>();
    long first = Math.floorDiv(start, HOUR) * HOUR;
    long last = Math.floorDiv(end, HOUR) * HOUR;
    if ((last - first) / HOUR > 24 * 366) {
      last = first + 24 * 366 * HOUR; // a year of hours is the most a timeline shows
    }
    int ai = 0;
    for (long h = first; h <= last; h += HOUR) {
      Set<String> actors = new TreeSet<>();
      EnumSet<KillChainStage> stages = EnumSet.noneOf(KillChainStage.class);
      int count = 0;
      while (ai < alerts.size() && time(alerts.get(ai)) < h + HOUR) {
        Alert a = alerts.get(ai++);
        count++;
        stages.addAll(KillChainStage.of(a.rule().tags()));
        String who = actor(a);
        if (who != null) {
          actors.add(who);
        }
      }
      Map<String, Long> held = new TreeMap<>();
      for (Holding x : holdings) {
        long overlap = Math.min(x.to, h + HOUR) - Math.max(x.from, h);
        if (overlap > 0) {
          held.merge(x.actor, overlap, Long::sum);
        }
      }
      final long hourStart = h;
      List<Incident.Eviction> evs = evictions.stream()
          .filter(ev -> ev.time() >= hourStart && ev.time() < hourStart + HOUR).toList();
      evs.forEach(ev -> {
        if (ev.evictor() != null) {
          actors.add(ev.evictor());
        }
      });
      String holder = held.entrySet().stream().max(Map.Entry.comparingByValue())
          .map(Map.Entry::getKey).orElse(null);
      double cpu = model.cpuHours(held.values().stream().mapToLong(Long::longValue).sum() / (double) HOUR);
      out.add(new Incident.HourSlot(h, new ArrayList<>(actors), count, new ArrayList<>(stages),
          holder, round(cpu), round(model.usd(cpu)), evs));
    }
    return out;
  }

  private static List<Incident.ActorActivity> actors(List<Alert> alerts, List<Holding> holdings,
      CostModel model) {
    Map<String, List<Alert>> by = new LinkedHashMap<>();
    for (Alert a : alerts) {
      String who = actor(a);
      if (who != null) {
        by.computeIfAbsent(who, k -> new ArrayList<>()).add(a);
      }
    }
    List<Incident.ActorActivity> out = new ArrayList<>();
    for (Map.Entry<String, List<Alert>> e : by.entrySet()) {
      List<Alert> l = e.getValue();
      Alert best = l.stream().max(Comparator.comparing((Alert a) -> confidence(a),
          Comparator.nullsFirst(Comparator.<Confidence>naturalOrder()))
          .thenComparingDouble(a -> ((Number) a.attributes().getOrDefault(SCORE, 0.0)).doubleValue()))
          .orElseThrow();
      double hours = holdings.stream().filter(h -> h.actor.equals(e.getKey()))
          .mapToDouble(h -> (h.to - h.from) / (double) HOUR).sum();
      double cpu = model.cpuHours(hours);
      @SuppressWarnings("unchecked")
      List<String> reasons = (List<String>) best.attributes().getOrDefault(REASONS, List.of());
      out.add(new Incident.ActorActivity(e.getKey(), confidence(best), reasons, time(l.get(0)),
          time(l.get(l.size() - 1)), l.size(), round(cpu), round(model.usd(cpu))));
    }
    return out;
  }

  private static boolean isMining(Alert a) {
    for (String t : a.rule().tags()) {
      String v = t.toLowerCase(Locale.ROOT);
      if (v.equals("attack.t1496") || v.startsWith("attack.t1496.")) {
        // Instance launches in a cloud account are mining too, but not on this host's CPU.
        return !"aws".equals(a.event().logSource().product())
            || a.event().host() != null;
      }
    }
    return false;
  }

  static String hostOf(Event e) {
    if (e.host() != null && !e.host().isEmpty()) {
      return e.host();
    }
    String id = e.getString("cloud.instance.id");
    return id != null && !id.isEmpty() ? id : e.getString("MinerSide");
  }

  private static String folder(Event e) {
    String p = e.sourcePath();
    if (p == null) {
      return "-";
    }
    int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
    return slash < 0 ? "." : p.substring(0, slash);
  }

  static String actor(Alert a) {
    Object g = a.attributes().get(GROUP);
    return g == null ? null : g.toString();
  }

  static Confidence confidence(Alert a) {
    Object c = a.attributes().get(CONFIDENCE);
    return c == null ? null : Confidence.valueOf(c.toString().toUpperCase(Locale.ROOT));
  }

  private static long time(Alert a) {
    return a.event().timestampMillis();
  }

  private static int points(Severity s) {
    return switch (s) {
      case CRITICAL -> 40;
      case HIGH -> 30;
      case MEDIUM -> 20;
      case LOW -> 10;
      default -> 0;
    };
  }

  private static String id(String host, long start) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest((host + "|" + start).getBytes(StandardCharsets.UTF_8));
      return "inc-" + HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }
}
