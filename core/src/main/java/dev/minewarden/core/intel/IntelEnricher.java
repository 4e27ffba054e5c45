package dev.minewarden.core.intel;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.FieldLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Adds intel to events before the rules see them: pool and actor matches of the event's names,
 * addresses, hashes, executables and command lines, pool ports, the name an address was resolved
 * from (passive DNS), and the groups a command evicts. Events without a match are returned as
 * they are; matched ones are copied with {@code intel.*} fields (see docs/events.md). Indicators
 * count at the event's time. Thread-safe when its {@link PassiveDns} is (it is).
 */
public final class IntelEnricher implements UnaryOperator<Event> {
  /** Fields holding DNS names. */
  static final String[] NAME_FIELDS = {"DestinationHostname", "query", "SourceHostname"};
  /** Fields holding addresses. */
  static final String[] IP_FIELDS = {"DestinationIp", "SourceIp"};
  /** Fields holding file hashes (or Sysmon's {@code Hashes} list). */
  static final String[] HASH_FIELDS = {"Hashes", "sha256", "sha1", "md5", "hash.sha256"};
  /** Fields holding executables or files, matched by base name and by path fragments. */
  static final String[] FILE_FIELDS = {"Image", "TargetFilename"};

  private static final int NAMES = 0;
  private static final int IPS = NAMES + NAME_FIELDS.length;
  private static final int HASHES = IPS + IP_FIELDS.length;
  private static final int FILES = HASHES + HASH_FIELDS.length;
  private static final int ANSWER = FILES + FILE_FIELDS.length;
  private static final int PORT = ANSWER + 1;
  private static final int COMMAND_LINE = PORT + 1;
  static final int SLOTS = COMMAND_LINE + 1;

  private final IntelMatcher matcher;
  private final PassiveDns dns;

  /**
   * @param matcher the intel to match
   * @param dns the passive DNS table to learn into and look up, or {@code null} for none
   */
  public IntelEnricher(IntelMatcher matcher, PassiveDns dns) {
    this.matcher = matcher;
    this.dns = dns;
  }

  /** The matcher in use. */
  public IntelMatcher matcher() {
    return matcher;
  }

  /** The passive DNS table, or {@code null}. */
  public PassiveDns passiveDns() {
    return dns;
  }

  @Override
  public Event apply(Event e) {
    // The fields that can hold indicators; most events (logins, flows to ordinary addresses)
    // have one or two, and none that match. A lazy event (a flow record) is asked for those
    // fields by name, so the others are never decoded; any other is read in one pass.
    Object[] c = new Object[SLOTS];
    // With no passive DNS to consult, a flow record's addresses are looked up as numbers read
    // from its bytes, and never made into text.
    boolean addressesFromRecord = e.isLazy() && (dns == null || dns.isEmpty());
    long port = Event.NO_NUMBER;
    if (e.isLazy()) {
      for (int slot : slotsOf(e.layout())) {
        if (slot == PORT) {
          port = e.number(SLOT_FIELDS[slot]); // a flow record's port, with no boxed value
          if (port != Event.NO_NUMBER) {
            continue;
          }
        }
        if (!addressesFromRecord || slot < IPS || slot >= IPS + IP_FIELDS.length) {
          c[slot] = e.get(SLOT_FIELDS[slot]);
        }
      }
    } else {
      for (int i = 0, n = e.fieldCount(); i < n; i++) {
        int slot = slot(e.fieldName(i));
        if (slot >= 0) {
          c[slot] = e.fieldValue(i);
        }
      }
    }
    if (dns != null && c[ANSWER] != null) {
      dns.learn(e);
    }
    Hits h = null;
    long t = e.timestampMillis();
    for (int k = 0; k < NAME_FIELDS.length; k++) {
      String v = text(c[NAMES + k]);
      if (v != null && !v.isEmpty()) {
        h = domain(h, NAME_FIELDS[k], v, t);
      }
    }
    for (int k = 0; k < IP_FIELDS.length; k++) {
      if (addressesFromRecord) {
        long a = e.ipv4(IP_FIELDS[k]);
        if (a >= 0) {
          h = indicators(h, IP_FIELDS[k], matcher.ipv4((int) a), t);
          continue;
        }
        c[IPS + k] = e.get(IP_FIELDS[k]); // another form: read as text below
      }
      String v = text(c[IPS + k]);
      if (v != null && !v.isEmpty()) {
        h = indicators(h, IP_FIELDS[k], matcher.ip(v), t);
      }
    }
    h = answers(h, c[ANSWER], t);
    if (!addressesFromRecord) {
      h = passiveDns(h, c, t);
    }
    h = port(h, port != Event.NO_NUMBER ? port : c[PORT] instanceof Number n ? n.longValue() : 0);
    for (int k = 0; k < HASH_FIELDS.length; k++) {
      String v = text(c[HASHES + k]);
      if (v != null) {
        h = hashes(h, HASH_FIELDS[k], v, t);
      }
    }
    for (int k = 0; k < FILE_FIELDS.length; k++) {
      String v = text(c[FILES + k]);
      if (v != null && !v.isEmpty()) {
        h = indicators(h, FILE_FIELDS[k], matcher.name(baseName(v)), t);
        h = text(h, FILE_FIELDS[k], v, t);
      }
    }
    String cmd = text(c[COMMAND_LINE]);
    if (cmd != null && !cmd.isEmpty()) {
      h = text(h, "CommandLine", cmd, t);
      h = tokens(h, cmd, t);
      List<String> victims = matcher.evictionTargets(cmd);
      if (!victims.isEmpty()) {
        h = hits(h);
        h.evicts.addAll(victims);
      }
    }
    return h == null ? e : h.apply(e, matcher.store());
  }

  private static String text(Object v) {
    return v == null ? null : v.toString();
  }

  /**
   * The slots whose field a lazy event's layout has: a flow record has four of the fifteen, and
   * the other eleven need not be asked for on every record. Kept for the last layout seen, since
   * the records of a file share one; events of several layouts in turn cost a look-up per slot,
   * as asking for every field did.
   */
  private int[] slotsOf(FieldLayout layout) {
    LayoutSlots last = lastLayout;
    if (last == null || last.layout() != layout) {
      last = new LayoutSlots(layout, java.util.stream.IntStream.range(0, SLOTS)
          .filter(slot -> layout.has(SLOT_FIELDS[slot])).toArray());
      lastLayout = last;
    }
    return last.slots();
  }

  /** A layout and its slots, published together. */
  private record LayoutSlots(FieldLayout layout, int[] slots) {}

  private volatile LayoutSlots lastLayout;

  /** The field name of each slot, in slot order. */
  static final String[] SLOT_FIELDS = java.util.stream.Stream.of(NAME_FIELDS, IP_FIELDS,
          HASH_FIELDS, FILE_FIELDS, new String[] {"answer", "DestinationPort", "CommandLine"})
      .flatMap(java.util.Arrays::stream)
      .toArray(String[]::new);

  /**
   * Where {@link #apply} keeps a field's value, or -1 for a field enrichment does not look at;
   * each of the field arrays above has its run of slots, in its order.
   */
  static int slot(String field) {
    return switch (field) {
      case "DestinationHostname" -> NAMES;
      case "query" -> NAMES + 1;
      case "SourceHostname" -> NAMES + 2;
      case "DestinationIp" -> IPS;
      case "SourceIp" -> IPS + 1;
      case "Hashes" -> HASHES;
      case "sha256" -> HASHES + 1;
      case "sha1" -> HASHES + 2;
      case "md5" -> HASHES + 3;
      case "hash.sha256" -> HASHES + 4;
      case "Image" -> FILES;
      case "TargetFilename" -> FILES + 1;
      case "answer" -> ANSWER;
      case "DestinationPort" -> PORT;
      case "CommandLine" -> COMMAND_LINE;
      default -> -1;
    };
  }

  private Hits domain(Hits h, String field, String name, long t) {
    return indicators(h, field, matcher.domain(name), t);
  }

  private Hits answers(Hits h, Object answers, long t) {
    if (answers instanceof List<?> l) {
      for (Object a : l) {
        if (a != null) {
          h = indicators(h, "answer", matcher.ip(a.toString()), t);
        }
      }
    }
    return h;
  }

  private Hits passiveDns(Hits h, Object[] c, long t) {
    if (dns == null) {
      return h;
    }
    String ip = text(c[IPS]);
    if (ip == null) {
      return h;
    }
    String name = dns.nameFor(text(c[IPS + 1]), ip, t);
    if (name == null) {
      return h;
    }
    h = hits(h);
    h.dnsName = name;
    if (c[NAMES] == null) {
      h.hostname = name;
    }
    return indicators(h, "DestinationHostname", matcher.domain(name), t);
  }

  /** Notes a listed pool port; 0 stands for no port (no pool listens there). */
  private Hits port(Hits h, long port) {
    PoolPort p = matcher.port(port);
    if (p != null) {
      h = hits(h);
      h.port = p;
    }
    return h;
  }

  private Hits hashes(Hits h, String field, String v, long t) {
    int i = 0;
    int n = v.length();
    while (i < n) {
      while (i < n && !isHex(v.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && isHex(v.charAt(i))) {
        i++;
      }
      int len = i - start;
      if (len == 32 || len == 40 || len == 64) {
        h = indicators(h, field, matcher.hash(v.substring(start, i)), t);
      }
    }
    return h;
  }

  private Hits text(Hits h, String field, String v, long t) {
    Hits[] box = {h};
    matcher.scanText(v, i -> {
      if (matcher.current(i, t)) {
        box[0] = hits(box[0]);
        box[0].add(field, i);
      }
    });
    return box[0];
  }

  /** Host names and IPv4 addresses inside a command line ({@code -o pool.example.com:3333}). */
  private Hits tokens(Hits h, String cmd, long t) {
    int n = Math.min(cmd.length(), 32_768);
    int i = 0;
    while (i < n) {
      while (i < n && isTokenBreak(cmd.charAt(i))) {
        i++;
      }
      int start = i;
      boolean dot = false;
      boolean letter = false;
      while (i < n && !isTokenBreak(cmd.charAt(i))) {
        char c = cmd.charAt(i);
        dot |= c == '.';
        letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        i++;
      }
      if (dot && i - start >= 4) {
        List<Indicator> found = letter ? matcher.domain(cmd, start, i) : matcher.ipv4(cmd, start, i);
        h = indicators(h, "CommandLine", found, t);
      }
    }
    return h;
  }

  private Hits indicators(Hits h, String field, List<Indicator> found, long t) {
    for (int k = 0; k < found.size(); k++) {
      Indicator i = found.get(k);
      if (matcher.current(i, t)) {
        h = hits(h);
        h.add(field, i);
      }
    }
    return h;
  }

  private static Hits hits(Hits h) {
    return h == null ? new Hits() : h;
  }

  private static boolean isTokenBreak(char c) {
    return c <= ' ' || "/\\\"'`|;&()<>=,:@[]{}".indexOf(c) >= 0;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static String baseName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** The fields hits add to an event, in order. */
  private static final class Added {
    final List<String> names = new ArrayList<>(8);
    final List<Object> values = new ArrayList<>(8);

    void field(String name, Object value) {
      names.add(name);
      values.add(value);
    }
  }

  /** What one event matched; created on the first hit only. */
  private static final class Hits {
    final Map<String, TreeSet<String>> sets = new TreeMap<>();
    final TreeSet<String> actors = new TreeSet<>();
    final TreeSet<String> labels = new TreeSet<>();
    final TreeSet<String> evicts = new TreeSet<>();
    final TreeSet<String> poolSources = new TreeSet<>();
    String poolDomain;
    PoolPort port;
    String dnsName;
    String hostname;

    void add(String field, Indicator i) {
      String set = i.actor() != null ? "actor" : "pool".equals(i.kind()) ? "pool" : "commodity";
      sets.computeIfAbsent(field, f -> new TreeSet<>()).add(set);
      labels.add(i.label());
      if (i.actor() != null) {
        actors.add(i.actor());
      }
      if (i.type() == IndicatorType.DOMAIN && i.actor() == null
          && (poolDomain == null || i.value().length() > poolDomain.length())) {
        poolDomain = i.value();
        poolSources.clear();
        poolSources.addAll(i.sources());
      }
    }

    Event apply(Event e, IntelStore store) {
      // Collected, then added in one step: a flow record stays lazy (Event.withFields).
      Added b = new Added();
      if (hostname != null) {
        b.field("DestinationHostname", hostname);
      }
      if (dnsName != null) {
        b.field("intel.dns.name", dnsName);
      }
      sets.forEach((f, s) -> b.field("intel." + f, new ArrayList<>(s)));
      if (!actors.isEmpty()) {
        b.field("intel.actor", new ArrayList<>(actors));
      }
      if (!labels.isEmpty()) {
        b.field("intel.indicator", new ArrayList<>(labels));
      }
      if (poolDomain != null) {
        b.field("intel.pool.domain", poolDomain);
        b.field("intel.pool.source", new ArrayList<>(poolSources));
        List<String> credits = new ArrayList<>();
        for (String s : poolSources) {
          IntelSource src = store.sources().get(s);
          if (src != null && src.attributionWithMatches()) {
            credits.add(src.attribution());
          }
        }
        if (!credits.isEmpty()) {
          b.field("intel.pool.attribution", credits);
        }
      }
      if (port != null) {
        b.field("intel.pool.port", (long) port.port());
        b.field("intel.pool.coin", port.coin());
      }
      if (!evicts.isEmpty()) {
        b.field("intel.evicts", new ArrayList<>(evicts));
      }
      return e.withFields(b.names, b.values);
    }
  }
}
