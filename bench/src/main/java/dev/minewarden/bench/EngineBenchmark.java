package dev.minewarden.bench;

import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded throughput of the compiled detection engine (Sigma matching plus the correlation
 * feed) on the {@link MixedEvents} stream, in events per second. One operation is one event; each
 * invocation runs a fresh session over the whole stream and finishes it.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar EngineBenchmark -p rules=builtin+sigmahq
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:+UseSerialGC"})
@Threads(1)
public class EngineBenchmark {
  /** Events per invocation (the stream's length). */
  static final int EVENTS = 8_192;

  /** {@code builtin} or {@code builtin+sigmahq} (the built-in pack plus every SigmaHQ Linux rule). */
  @Param({"builtin+sigmahq"})
  public String rules;

  /** The SigmaHQ Linux rules folder. */
  @Param({"/work/shared/data/sigma/rules/linux"})
  public String sigmaDir;

  /**
   * {@code mixed} (the proportions of {@link MixedEvents}), or one kind alone: {@code process},
   * {@code network} or {@code sshd}, to see what each costs.
   */
  @Param({"mixed"})
  public String stream;

  private DetectionEngine engine;
  private Event[] events;
  private long alerts;

  @Setup(Level.Trial)
  public void setUp() {
    DetectionEngine.Builder b = DetectionEngine.builder();
    if (rules.contains("sigmahq")) {
      b.addRules(Path.of(sigmaDir));
    }
    engine = b.build();
    MixedEvents.Pools pools = only(MixedEvents.pools(), stream);
    events = MixedEvents.stream(pools, EVENTS, 20_260_302L, 1_795_000_000_000L);
    long n = run();
    System.out.printf("%n%d detection rules, %d correlations, %d load errors; pools: %d process,"
            + " %d network/dns, %d sshd; %d alerts per pass of %d events%n",
        engine.detectionRules().size(), engine.correlationRules().size(),
        engine.loadErrors().size(), pools.process().size(), pools.network().size(),
        pools.sshd().size(), n, EVENTS);
  }

  /** One pass over the stream in a fresh session. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long mixedStream() {
    return run();
  }

  private static MixedEvents.Pools only(MixedEvents.Pools p, String kind) {
    return switch (kind) {
      case "mixed" -> p;
      case "process" -> new MixedEvents.Pools(p.process(), p.process(), p.process());
      case "network" -> new MixedEvents.Pools(p.network(), p.network(), p.network());
      case "sshd" -> new MixedEvents.Pools(p.sshd(), p.sshd(), p.sshd());
      default -> throw new IllegalArgumentException("unknown stream " + kind);
    };
  }

  private long run() {
    alerts = 0;
    DetectionEngine.Session s = engine.session(a -> alerts++);
    for (Event e : events) {
      s.accept(e);
    }
    s.finish();
    return alerts;
  }
}
