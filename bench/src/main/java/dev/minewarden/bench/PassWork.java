package dev.minewarden.bench;

import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.LogFormat;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.aws.VpcFlowLogFormat;
import dev.minewarden.ingest.sshd.SshdSyslogFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One pass of a benchmark's work over an input held in memory, run again and again by {@link
 * Passes} and {@link SideBySide}; each call runs a pass in a fresh session and returns its thread
 * CPU time in nanoseconds. Uses only long-standing engine and parser API, so that {@link
 * SideBySide} can run it against the jar of an older commit.
 *
 * <p>Kinds: {@code mixed}, {@code process}, {@code network} and {@code sshd} match 65,536 events of
 * {@link MixedEvents} (that stream, or one of its pools alone) with the built-in pack plus the
 * rules of {@code arg} (default: the SigmaHQ Linux rules); {@code vpc} parses and matches the
 * first 500,000 records of the flow log {@code arg} with the built-in pack plus the benchmark's
 * pool rule; {@code auth} the first 200,000 lines of the auth.log {@code arg} with the built-in
 * pack, as {@link AuthLogBenchmark} does.
 */
public final class PassWork implements LongSupplier {
  static final int EVENTS = 65_536;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Runnable pass;
  private final int units;
  private long alerts;

  private PassWork(Runnable pass, int units) {
    this.pass = pass;
    this.units = units;
  }

  /** The work of a kind; {@code arg}: the rules folder or the log file, {@code null}: default. */
  public static PassWork of(String kind, String arg) throws IOException {
    if (kind.equals("vpc") || kind.equals("auth")) {
      if (arg == null) {
        throw new IllegalArgumentException(kind + " needs a file");
      }
      return kind.equals("vpc")
          ? parsing(DetectionEngine.builder().addRules(VpcHunt.ruleFile()).build(),
              new VpcFlowLogFormat(),
              VpcFlowBenchmark.head(Path.of(arg), VpcFlowBenchmark.RECORDS + 1),
              SourceContext.of(arg, 0), VpcFlowBenchmark.RECORDS)
          : parsing(DetectionEngine.builder().build(), new SshdSyslogFormat(),
              VpcFlowBenchmark.head(Path.of(arg), AuthLogBenchmark.LINES),
              new SourceContext(arg, 0, 2026, ZoneOffset.UTC), AuthLogBenchmark.LINES);
    }
    Path rules = Path.of(arg != null ? arg : "/work/shared/data/sigma/rules/linux");
    DetectionEngine engine = DetectionEngine.builder().addRules(rules).build();
    MixedEvents.Pools p = MixedEvents.pools();
    if (!kind.equals("mixed")) {
      List<Event> one = switch (kind) {
        case "process" -> p.process();
        case "network" -> p.network();
        case "sshd" -> p.sshd();
        default -> throw new IllegalArgumentException("unknown kind " + kind);
      };
      p = new MixedEvents.Pools(one, one, one);
    }
    Event[] events = MixedEvents.stream(p, EVENTS, 20260302L, 1_795_000_000_000L);
    PassWork[] self = new PassWork[1];
    self[0] = new PassWork(() -> {
      DetectionEngine.Session s = engine.session(a -> self[0].alerts++);
      for (Event e : events) {
        s.accept(e);
      }
      s.finish();
    }, events.length);
    return self[0];
  }

  /** Parsing {@code data} with {@code format} into a fresh session of {@code engine} per pass. */
  private static PassWork parsing(DetectionEngine engine, LogFormat format, byte[] data,
      SourceContext context, int units) {
    PassWork[] self = new PassWork[1];
    self[0] = new PassWork(() -> {
      DetectionEngine.Session s = engine.session(a -> self[0].alerts++);
      try {
        format.parse(new ByteArrayInputStream(data), context, VpcFlowBenchmark.sink(s));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      s.finish();
    }, units);
    return self[0];
  }

  /** Runs one pass; its thread CPU time in nanoseconds. */
  @Override
  public long getAsLong() {
    alerts = 0;
    long t0 = THREADS.getCurrentThreadCpuTime();
    pass.run();
    return THREADS.getCurrentThreadCpuTime() - t0;
  }

  /** Events or records per pass. */
  public int units() {
    return units;
  }

  /** Alerts of the last pass. */
  public long alerts() {
    return alerts;
  }
}
