package dev.minewarden.core.intel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The indexes of an {@link IntelStore}, built once for matching at hunt speed: domains by
 * registrable-domain suffix (one hash probe per label), IPv4 addresses by hash, networks and
 * IPv6 in a binary trie, hashes and names by hash, and one Aho-Corasick automaton for command
 * lines, paths and URLs. Lookups return every indicator of the value whatever its age; {@link
 * #current} filters by event time. Immutable and thread-safe.
 */
public final class IntelMatcher {
  private static final List<String> KILL_VERBS = List.of(
      "kill", "pkill", "killall", "rm", "rmi", "stop", "disable", "mask", "userdel", "sed",
      "unlink", "shred", "uninstall", "uninstall.sh", "kill -9");

  private final IntelStore store;
  private final Ageing ageing;
  private final DomainIndex<List<Indicator>> domains;
  private final IpIndex<List<Indicator>> ips;
  private final Map<String, List<Indicator>> hashes;
  private final Map<String, List<Indicator>> names;
  private final TextAutomaton text;
  private final List<List<Indicator>> textHits;
  private final TextAutomaton artefacts;
  private final List<String> artefactActor;
  private final TextAutomaton killVerbs;
  /** The pool ports, by number in ascending order: a few, searched without boxing the number. */
  private final int[] portNumbers;
  private final PoolPort[] portEntries;
  /** One bit per listed port number: most flows' ports are not listed. */
  private final long[] listedPorts = new long[65536 / 64];

  IntelMatcher(IntelStore store, Ageing ageing) {
    this.store = store;
    this.ageing = ageing;
    Map<String, List<Indicator>> dom = new HashMap<>();
    Map<String, List<Indicator>> ip = new LinkedHashMap<>();
    Map<String, List<Indicator>> hash = new HashMap<>();
    Map<String, List<Indicator>> name = new HashMap<>();
    Map<String, List<Indicator>> txt = new LinkedHashMap<>();
    Map<String, Integer> txtFlags = new HashMap<>();
    for (Indicator i : store.indicators()) {
      switch (i.type()) {
        case DOMAIN -> add(dom, i.value(), i);
        case IP, CIDR -> add(ip, i.value(), i);
        case HASH -> add(hash, i.value(), i);
        case FILE_NAME, PROCESS_NAME -> {
          add(name, i.value().toLowerCase(Locale.ROOT), i);
          addText(txt, txtFlags, i.value(), i,
              TextAutomaton.LEFT_BOUNDARY | TextAutomaton.RIGHT_BOUNDARY);
        }
        case FILE_PATH, COMMAND_LINE, URL -> addText(txt, txtFlags, i.value(), i, 0);
        case PORT -> { } // actor ports are context, not evidence: see the profiles
      }
    }
    this.domains = new DomainIndex<>(freeze(dom));
    this.ips = new IpIndex<>(new ArrayList<>(ip.keySet()), new ArrayList<>(freeze(ip).values()));
    this.hashes = freeze(hash);
    this.names = freeze(name);
    List<String> patterns = new ArrayList<>(txt.keySet());
    int[] flags = patterns.stream().mapToInt(p -> txtFlags.getOrDefault(p, 0)).toArray();
    this.text = new TextAutomaton(patterns, flags);
    this.textHits = patterns.stream().map(p -> List.copyOf(txt.get(p))).toList();
    List<String> art = new ArrayList<>();
    List<String> artActor = new ArrayList<>();
    for (ActorProfile a : store.actors()) {
      for (String s : a.artefacts()) {
        art.add(s);
        artActor.add(a.name());
      }
    }
    int[] artFlags = new int[art.size()];
    java.util.Arrays.fill(artFlags, TextAutomaton.LEFT_BOUNDARY);
    this.artefacts = new TextAutomaton(art, artFlags);
    this.artefactActor = List.copyOf(artActor);
    int[] verbFlags = new int[KILL_VERBS.size()];
    java.util.Arrays.fill(verbFlags, TextAutomaton.LEFT_BOUNDARY | TextAutomaton.RIGHT_BOUNDARY);
    this.killVerbs = new TextAutomaton(KILL_VERBS, verbFlags);
    Map<Integer, PoolPort> ports = new java.util.TreeMap<>(store.poolPorts());
    this.portNumbers = ports.keySet().stream().mapToInt(Integer::intValue).toArray();
    this.portEntries = ports.values().toArray(PoolPort[]::new);
    for (int p : portNumbers) {
      if (p > 0 && p < 65536) {
        listedPorts[p >>> 6] |= 1L << p;
      }
    }
  }

  /** The store this matcher indexes. */
  public IntelStore store() {
    return store;
  }

  /** The ageing applied by {@link #current}. */
  public Ageing ageing() {
    return ageing;
  }

  /** Indicators of the most specific listed domain {@code name} equals or lies under; empty if none. */
  public List<Indicator> domain(String name) {
    List<Indicator> l = domains.find(name);
    return l == null ? List.of() : l;
  }

  /** As {@link #domain(String)} for {@code s[from, to)}. */
  List<Indicator> domain(String s, int from, int to) {
    List<Indicator> l = domains.find(s, from, to);
    return l == null ? List.of() : l;
  }

  /** Indicators of an address (exact, or the longest listed network holding it); empty if none. */
  public List<Indicator> ip(String address) {
    List<Indicator> l = ips.find(address);
    return l == null ? List.of() : l;
  }

  /**
   * As {@link #ip(String)} for a plain dotted-quad address already read as a number ({@link
   * dev.minewarden.core.event.Event#ipv4}).
   */
  List<Indicator> ipv4(int address) {
    List<Indicator> l = ips.findV4Int(address);
    return l == null ? List.of() : l;
  }

  /** As {@link #ip(String)} for a dotted-quad IPv4 address in {@code s[from, to)}. */
  List<Indicator> ipv4(String s, int from, int to) {
    long v = IpIndex.parseV4(s, from, to);
    if (v < 0) {
      return List.of();
    }
    List<Indicator> l = ips.findV4Int((int) v);
    return l == null ? List.of() : l;
  }

  /** Indicators of a file hash (hex, any case); empty if none. */
  public List<Indicator> hash(String hex) {
    List<Indicator> l = hashes.get(hex.toLowerCase(Locale.ROOT));
    return l == null ? List.of() : l;
  }

  /** Indicators of a file or process base name, ignoring case; empty if none. */
  public List<Indicator> name(String baseName) {
    List<Indicator> l = names.get(baseName.toLowerCase(Locale.ROOT));
    return l == null ? List.of() : l;
  }

  /** The pool port with this number, or {@code null}. */
  public PoolPort port(long port) {
    if (port <= 0 || port >= 65536 || (listedPorts[(int) port >>> 6] & 1L << port) == 0) {
      return null;
    }
    int i = java.util.Arrays.binarySearch(portNumbers, (int) port);
    return i >= 0 ? portEntries[i] : null;
  }

  /** Reports the indicators whose literal (command line, path, URL, name) occurs in {@code s}. */
  public void scanText(String s, Consumer<Indicator> sink) {
    text.scan(s, (id, end) -> textHits.get(id).forEach(sink));
  }

  /**
   * The groups whose artefacts a command line names while killing, stopping or removing
   * something ({@code pkill -f kdevtmpfsi}, {@code systemctl stop sysupdate}): the victims of an
   * eviction, sorted; empty when the command is no removal.
   */
  public List<String> evictionTargets(String commandLine) {
    boolean[] verb = new boolean[1];
    killVerbs.scan(commandLine, (id, end) -> verb[0] = true);
    if (!verb[0]) {
      return List.of();
    }
    Set<String> victims = new TreeSet<>();
    artefacts.scan(commandLine, (id, end) -> victims.add(artefactActor.get(id)));
    return List.copyOf(victims);
  }

  /** Whether the indicator counts at event time {@code t} under this matcher's ageing. */
  public boolean current(Indicator i, long t) {
    return i.currentAt(t, ageing);
  }

  /**
   * Every indicator a bare value matches, current at {@code t} ({@link Long#MIN_VALUE}: any
   * time): as a domain, an address, a hash, a name, and as text.
   */
  public List<Indicator> lookup(String value, long t) {
    Set<Indicator> out = new LinkedHashSet<>();
    String v = value.trim();
    out.addAll(domain(v));
    out.addAll(ip(v));
    out.addAll(hash(v));
    out.addAll(name(v));
    scanText(v, out::add);
    try {
      PoolPort p = port(Long.parseLong(v));
      if (p != null) {
        out.addAll(store.indicators().stream()
            .filter(i -> i.type() == IndicatorType.PORT && i.value().equals(v)).toList());
      }
    } catch (NumberFormatException e) {
      // not a port
    }
    return out.stream().filter(i -> t == Long.MIN_VALUE || current(i, t)).toList();
  }

  private static void add(Map<String, List<Indicator>> m, String k, Indicator i) {
    m.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
  }

  private static void addText(Map<String, List<Indicator>> m, Map<String, Integer> flags,
      String k, Indicator i, int f) {
    add(m, k, i);
    flags.merge(k, f, (a, b) -> a & b); // the looser requirement wins when types share a literal
  }

  private static Map<String, List<Indicator>> freeze(Map<String, List<Indicator>> m) {
    Map<String, List<Indicator>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }
}
