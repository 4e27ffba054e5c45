package dev.minewarden.core.intel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A versioned set of intelligence: indicators, actor profiles, mining-pool ports and the
 * sources they came from. {@link #bundled()} is the set shipped with Minewarden; imports are
 * added with {@link #toBuilder()}. The version names the bundle and a digest of the content, so
 * two stores with the same version hold the same indicators. Immutable and thread-safe.
 */
public final class IntelStore {
  private static volatile IntelStore bundled;

  private final String version;
  private final Map<String, IntelSource> sources;
  private final List<Indicator> indicators;
  private final Map<String, ActorProfile> actors;
  private final Map<Integer, PoolPort> poolPorts;
  private final List<String> problems;

  private IntelStore(Builder b) {
    this.sources = Map.copyOf(b.sources);
    List<Indicator> list = new ArrayList<>(b.indicators.values());
    list.sort(Comparator.comparing(Indicator::key));
    this.indicators = List.copyOf(list);
    this.actors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.actors));
    this.poolPorts = java.util.Collections.unmodifiableMap(new TreeMap<>(b.ports));
    this.problems = List.copyOf(b.problems);
    this.version = b.baseVersion + "+" + digest(indicators);
  }

  /** The intel bundled with Minewarden, loaded once. */
  public static IntelStore bundled() {
    IntelStore s = bundled;
    if (s == null) {
      synchronized (IntelStore.class) {
        s = bundled;
        if (s == null) {
          s = BundledIntel.load();
          bundled = s;
        }
      }
    }
    return s;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding everything in this store, to add imports to. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.baseVersion = version.contains("+") ? version.substring(0, version.indexOf('+')) : version;
    b.sources.putAll(sources);
    indicators.forEach(b::add);
    b.actors.putAll(actors);
    b.ports.putAll(poolPorts);
    b.problems.addAll(problems);
    return b;
  }

  /** The version: the bundle's release and a digest of the indicators ({@code 2026.11.1+3f2a9c1e}). */
  public String version() {
    return version;
  }

  /** Every indicator, sorted by type, value and actor. */
  public List<Indicator> indicators() {
    return indicators;
  }

  /** The actor profiles, in the order they were added. */
  public Collection<ActorProfile> actors() {
    return actors.values();
  }

  /** The profile called {@code nameOrAlias}, ignoring case. */
  public Optional<ActorProfile> actor(String nameOrAlias) {
    return actors.values().stream().filter(a -> a.isCalled(nameOrAlias)).findFirst();
  }

  /** Mining-pool ports by port number. */
  public Map<Integer, PoolPort> poolPorts() {
    return poolPorts;
  }

  /** The sources by key. */
  public Map<String, IntelSource> sources() {
    return sources;
  }

  /** Entries left out when the store was built, each with its reason. */
  public List<String> problems() {
    return problems;
  }

  /** The indicators whose value equals {@code value} (normalised per type), in any type. */
  public List<Indicator> find(String value) {
    String v = value.trim();
    String lower = Domains.normalise(v);
    return indicators.stream()
        .filter(i -> i.value().equals(v) || i.value().equals(lower))
        .toList();
  }

  /** A matcher over this store for event time {@code ageing}. */
  public IntelMatcher matcher(Ageing ageing) {
    return new IntelMatcher(this, ageing);
  }

  /** Counts of indicators by type and by actor ({@code commodity} for none). */
  public Map<String, Map<String, Integer>> stats() {
    Map<String, Integer> byType = new TreeMap<>();
    Map<String, Integer> byActor = new TreeMap<>();
    for (Indicator i : indicators) {
      byType.merge(i.type().id(), 1, Integer::sum);
      byActor.merge(i.actor() == null ? "commodity" : i.actor(), 1, Integer::sum);
    }
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    out.put("type", byType);
    out.put("actor", byActor);
    return out;
  }

  private static String digest(List<Indicator> list) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Indicator i : list) {
        md.update((i.key() + "|" + i.firstSeen() + "|" + i.lastSeen() + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest(), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Collects a store. Indicators with the same type, value and actor are merged. Not thread-safe. */
  public static final class Builder {
    private String baseVersion = "local";
    private final Map<String, IntelSource> sources = new LinkedHashMap<>();
    private final Map<String, Indicator> indicators = new LinkedHashMap<>();
    private final Map<String, ActorProfile> actors = new LinkedHashMap<>();
    private final Map<Integer, PoolPort> ports = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private Builder() {}

    /** The release part of the version ({@code 2026.11.1}). */
    public Builder version(String v) {
      this.baseVersion = v;
      return this;
    }

    /** Adds a source. */
    public Builder addSource(IntelSource s) {
      sources.put(s.key(), s);
      return this;
    }

    /** Adds an indicator, merging it with one of the same key; its actor is canonicalised. */
    public Builder add(Indicator i) {
      Indicator c = i;
      if (i.actor() != null) {
        String name = canonicalActor(i.actor());
        if (!name.equals(i.actor())) {
          c = new Indicator(i.type(), i.value(), name, i.kind(), i.note(), i.sources(),
              i.firstSeen(), i.lastSeen());
        }
      }
      indicators.merge(c.key(), c, Indicator::mergedWith);
      return this;
    }

    /**
     * Adds a profile; one whose name is a known group's name or alias only adds its aliases to
     * that group (aliases alone do not merge groups: vendors reuse each other's words).
     */
    public Builder addActor(ActorProfile p) {
      for (Map.Entry<String, ActorProfile> e : actors.entrySet()) {
        ActorProfile a = e.getValue();
        if (a.isCalled(p.name())) {
          List<String> aliases = new ArrayList<>(a.aliases());
          for (String s : concat(p.name(), p.aliases())) {
            if (!a.isCalled(s)) {
              aliases.add(s);
            }
          }
          e.setValue(new ActorProfile(a.name(), aliases, a.summary(), a.behaviours(),
              a.artefacts(), a.evicts(), a.ignore()));
          return this;
        }
      }
      actors.put(p.name(), p);
      return this;
    }

    /** Adds a pool port. */
    public Builder addPort(PoolPort p) {
      ports.put(p.port(), p);
      return this;
    }

    /** Records an entry that was left out. */
    public Builder problem(String p) {
      problems.add(p);
      return this;
    }

    /** The canonical name of a known actor called {@code name}, or {@code name} itself. */
    public String canonicalActor(String name) {
      for (ActorProfile a : actors.values()) {
        if (a.isCalled(name)) {
          return a.name();
        }
      }
      return name.trim();
    }

    /** The profile called {@code name}, if known. */
    public Optional<ActorProfile> actor(String name) {
      return actors.values().stream().filter(a -> a.isCalled(name)).findFirst();
    }

    /** Builds the store. */
    public IntelStore build() {
      return new IntelStore(this);
    }

    private static List<String> concat(String first, List<String> rest) {
      List<String> l = new ArrayList<>();
      l.add(first);
      l.addAll(rest);
      return l;
    }
  }
}
