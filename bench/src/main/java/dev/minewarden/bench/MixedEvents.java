package dev.minewarden.bench;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.Formats;
import dev.minewarden.ingest.LogFormat;
import dev.minewarden.ingest.SourceContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The detection engine benchmark's event stream: the sample logs committed beside this class
 * (auditd, Zeek, VPC flow, Route 53 Resolver and sshd files from the shared samples and the example
 * estate), parsed by the real parsers, then drawn in fixed proportions (half process creations, a
 * third network connections and DNS queries, the rest sshd) in a seeded order with event times
 * 10 ms apart. Deterministic for a given size and seed.
 */
public final class MixedEvents {
  /** The sample files, relative to this class. */
  static final String[] FILES = {
    "mixed/auditd-execve-records.log",
    "mixed/auditd-wget-chmod-exec-tmp.log",
    "mixed/examples/web-1-audit.log",
    "mixed/zeek-conn.json.log",
    "mixed/zeek-conn.tsv.log",
    "mixed/zeek-dns.json.log",
    "mixed/zeek-dns.tsv.log",
    "mixed/aws-vpc-flow-v2-default.log",
    "mixed/aws-route53-resolver-query.ndjson",
    "mixed/examples/network-conn.log",
    "mixed/examples/network-dns.log",
    "mixed/examples/cloud-vpc-flow.log",
    "mixed/sshd-accepted.log",
    "mixed/sshd-bruteforce-invalid-user.log",
    "mixed/sshd-syslog-variants.log",
    "mixed/examples/web-1-auth.log",
  };

  /** Events of each kind parsed from the samples. */
  public record Pools(List<Event> process, List<Event> network, List<Event> sshd) {}

  private MixedEvents() {}

  /** Parses every sample file and sorts its events into the three pools; other events are left out. */
  public static Pools pools() {
    Formats formats = Formats.builtin();
    List<Event> process = new ArrayList<>();
    List<Event> network = new ArrayList<>();
    List<Event> sshd = new ArrayList<>();
    for (String name : FILES) {
      byte[] data = resource(name);
      Optional<LogFormat> format = formats.detect(data, data.length);
      if (format.isEmpty()) {
        throw new IllegalStateException("no format recognises " + name);
      }
      SourceContext ctx = new SourceContext(name, 1_795_000_000_000L, 2026, ZoneOffset.UTC);
      try {
        format.get().parse(new ByteArrayInputStream(data), ctx, new EventSink() {
          @Override
          public void event(Event e) {
            LogSource ls = e.logSource();
            if ("process_creation".equals(ls.category())) {
              process.add(e);
            } else if ("network_connection".equals(ls.category()) || "dns".equals(ls.category())) {
              network.add(e);
            } else if ("sshd".equals(ls.service())) {
              sshd.add(e);
            }
          }

          @Override
          public void malformed(long line, String reason, String excerpt) {}
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Pools(List.copyOf(process), List.copyOf(network), List.copyOf(sshd));
  }

  /**
   * Draws {@code size} events: each position is a process creation with probability 1/2, a network
   * or DNS event with probability 1/3, else an sshd event, picked at random from its pool and
   * re-timed so the stream runs forward 10 ms per event from {@code startMillis}.
   *
   * <p>Each drawn event is made the way a parser makes one: every text value is a string of its
   * own (equal to the sample's, not the same object), and the values that no two real events share
   * are new: process ids, audit serials, connection uids, client ports (in the sshd message too).
   * The samples hold a few dozen distinct events; drawn as they are, anything that remembers
   * values from event to event would meet nothing new and look faster than on a real log.
   */
  public static Event[] stream(Pools pools, int size, long seed, long startMillis) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Event[] out = new Event[size];
    for (int i = 0; i < size; i++) {
      int k = rnd.nextInt(6);
      List<Event> pool = k < 3 ? pools.process() : k < 5 ? pools.network() : pools.sshd();
      Event e = pool.get(rnd.nextInt(pool.size()));
      out[i] = fresh(e, startMillis + 10L * i, i, rnd);
    }
    return out;
  }

  /** A copy of a sample event as a parser would make it at a given time: see {@link #stream}. */
  private static Event fresh(Event e, long time, int i, SplittableRandom rnd) {
    long pid = 1_000 + rnd.nextInt(4_000_000);
    long port = 1_024 + rnd.nextInt(64_000);
    Object oldPort = e.get("SourcePort");
    boolean zeek = e.has("id.orig_h"); // its uid names a connection; auditd's uid is a user
    Event.Builder b = Event.builder(e.logSource(), e.fieldCount()).time(time).host(e.host())
        .source(e.sourcePath(), e.sourceLine());
    for (int f = 0; f < e.fieldCount(); f++) {
      String name = e.fieldName(f);
      Object v = e.fieldValue(f);
      Object fresh = switch (name) {
        case "ProcessId", "pid" -> number(v, pid);
        case "SourcePort", "id.orig_p" -> number(v, port);
        case "msg" -> String.format("audit(%d.%03d:%d)", time / 1000, time % 1000, 100_000 + i);
        case "uid" -> zeek ? "C" + Long.toString(rnd.nextLong() & Long.MAX_VALUE, 36) : v;
        case "message" -> v instanceof String m && oldPort != null
            ? m.replace(" port " + oldPort, " port " + port)
            : v;
        default -> v;
      };
      b.field(name, fresh instanceof String t ? new String(t.toCharArray()) : fresh);
    }
    return b.build();
  }

  /** {@code n} in the type of the value it replaces (text or a number). */
  private static Object number(Object like, long n) {
    return like instanceof String ? Long.toString(n) : like instanceof Long ? (Object) n : like;
  }

  private static byte[] resource(String name) {
    try (InputStream in = MixedEvents.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
