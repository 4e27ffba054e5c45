package dev.minewarden.bench;

import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.aws.VpcFlowLogFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * Repeated passes over one in-memory input, timed in the thread's CPU time rather than wall time,
 * so time the shared host gives to other work counts less: prints the best pass and the mean of
 * the second half of the passes (after the compilers have settled). Complements the JMH
 * benchmarks when comparing two jars side by side, one JVM after another.
 *
 * <pre>
 * java -Xmx256m -XX:+UseSerialGC -cp bench/target/benchmarks.jar dev.minewarden.bench.Passes \
 *     mixed|process|network|sshd [passes] [rules folder]
 * java -Xmx256m -XX:+UseSerialGC -cp bench/target/benchmarks.jar dev.minewarden.bench.Passes \
 *     vpc FILE [passes]
 * </pre>
 *
 * <p>Engine streams: {@link MixedEvents}, 65,536 events, the built-in pack plus the SigmaHQ Linux
 * rules, one session per pass. {@code vpc}: the first 500,000 records of a {@link
 * VpcFlowGenerator} file, parsed and matched by the built-in pack plus the benchmark's pool rule.
 */
public final class Passes {
  private static final int EVENTS = 65_536;

  private Passes() {}

  /** Runs the passes and prints one line. */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: Passes mixed|process|network|sshd [passes] [rules] | vpc FILE [passes]");
      System.exit(2);
    }
    String kind = args[0];
    boolean vpc = kind.equals("vpc");
    int passes = args.length > (vpc ? 2 : 1) ? Integer.parseInt(args[vpc ? 2 : 1]) : 30;
    Runnable pass;
    long[] alerts = new long[1];
    int units;
    if (vpc) {
      byte[] data = VpcFlowBenchmark.head(Path.of(args[1]), VpcFlowBenchmark.RECORDS + 1);
      DetectionEngine engine = DetectionEngine.builder().addRules(VpcHunt.ruleFile()).build();
      VpcFlowLogFormat format = new VpcFlowLogFormat();
      units = VpcFlowBenchmark.RECORDS;
      pass = () -> {
        DetectionEngine.Session s = engine.session(a -> alerts[0]++);
        try {
          format.parse(new ByteArrayInputStream(data), SourceContext.of(args[1], 0),
              VpcFlowBenchmark.sink(s));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        s.finish();
      };
    } else {
      Path rules = Path.of(args.length > 2 ? args[2] : "/work/shared/data/sigma/rules/linux");
      DetectionEngine engine = DetectionEngine.builder().addRules(rules).build();
      MixedEvents.Pools p = MixedEvents.pools();
      if (!kind.equals("mixed")) {
        List<Event> one = switch (kind) {
          case "process" -> p.process();
          case "network" -> p.network();
          case "sshd" -> p.sshd();
          default -> throw new IllegalArgumentException("unknown stream " + kind);
        };
        p = new MixedEvents.Pools(one, one, one);
      }
      Event[] events = MixedEvents.stream(p, EVENTS, 20260302L, 1_795_000_000_000L);
      units = events.length;
      pass = () -> {
        DetectionEngine.Session s = engine.session(a -> alerts[0]++);
        for (Event e : events) {
          s.accept(e);
        }
        s.finish();
      };
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double best = 0;
    double secondHalfSeconds = 0;
    int secondHalf = 0;
    for (int i = 0; i < passes; i++) {
      alerts[0] = 0;
      long t0 = threads.getCurrentThreadCpuTime();
      pass.run();
      double seconds = (threads.getCurrentThreadCpuTime() - t0) / 1e9;
      best = Math.max(best, units / seconds);
      if (i >= passes / 2) {
        secondHalfSeconds += seconds;
        secondHalf++;
      }
    }
    System.out.printf("%s: best pass %.0f per cpu-second, mean of the last %d passes %.0f, "
        + "%d alerts per pass%n", kind, best, secondHalf, units * secondHalf / secondHalfSeconds,
        alerts[0]);
  }
}
