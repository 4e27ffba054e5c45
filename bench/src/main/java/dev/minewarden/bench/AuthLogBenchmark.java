package dev.minewarden.bench;

import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.sshd.SshdSyslogFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
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
 * Steady-state, single-threaded sshd auth.log hunting in lines per second: the first {@value
 * #LINES} lines of the {@code gen_authlog.py} file, held in memory, parsed by {@code
 * SshdSyslogFormat} and matched by the whole built-in pack (Sigma rules and correlations, a fresh
 * session per pass).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar AuthLogBenchmark -p file=/tmp/mwbench/auth.log
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:+UseSerialGC"})
@Threads(1)
public class AuthLogBenchmark {
  static final int LINES = 200_000;

  /** The generated auth.log. */
  @Param({"/tmp/mwbench/auth.log"})
  public String file;

  private byte[] data;
  private DetectionEngine engine;
  private final SshdSyslogFormat format = new SshdSyslogFormat();
  private long count;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    data = VpcFlowBenchmark.head(Path.of(file), LINES);
    engine = DetectionEngine.builder().build();
    System.out.printf("%n%d lines, %d alerts per pass%n", LINES, parseAndDetect());
  }

  /** Parse and match every line. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public long parseAndDetect() throws IOException {
    count = 0;
    DetectionEngine.Session s = engine.session(a -> count++);
    format.parse(new ByteArrayInputStream(data), new SourceContext(file, 0, 2026, ZoneOffset.UTC),
        new EventSink() {
          @Override
          public void event(Event event) {
            s.accept(event);
          }

          @Override
          public void malformed(long line, String reason, String excerpt) {}
        });
    s.finish();
    return count;
  }
}
