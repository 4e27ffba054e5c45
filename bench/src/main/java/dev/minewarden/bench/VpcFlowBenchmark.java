package dev.minewarden.bench;

import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.aws.VpcFlowLogFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
 * Steady-state, single-threaded VPC flow log hunting in records per second: the first {@value
 * #RECORDS} records of a {@link VpcFlowGenerator} file, held in memory, parsed by {@code
 * VpcFlowLogFormat} and matched by the built-in pack plus the benchmark's pool rule ({@code
 * parseAndDetect}), or only parsed ({@code parse}).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar VpcFlowBenchmark -p file=/tmp/mwbench/vpc.log
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:+UseSerialGC"})
@Threads(1)
public class VpcFlowBenchmark {
  static final int RECORDS = 500_000;

  /** A file written by {@link VpcFlowGenerator}. */
  @Param({"/tmp/mwbench/vpc.log"})
  public String file;

  private byte[] data;
  private DetectionEngine engine;
  private final VpcFlowLogFormat format = new VpcFlowLogFormat();
  private long count;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    data = head(Path.of(file), RECORDS + 1);
    engine = DetectionEngine.builder().addRules(VpcHunt.ruleFile()).build();
    System.out.printf("%n%d records, %d rules, %d alerts per pass%n", RECORDS,
        engine.detectionRules().size(), parseAndDetect());
  }

  /** Parse and match every record. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long parseAndDetect() throws IOException {
    count = 0;
    DetectionEngine.Session s = engine.session(a -> count++);
    format.parse(new ByteArrayInputStream(data), SourceContext.of(file, 0), sink(s));
    s.finish();
    return count;
  }

  /** Parse only. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long parse() throws IOException {
    count = 0;
    format.parse(new ByteArrayInputStream(data), SourceContext.of(file, 0), sink(e -> count++));
    return count;
  }

  static EventSink sink(java.util.function.Consumer<Event> c) {
    return new EventSink() {
      @Override
      public void event(Event event) {
        c.accept(event);
      }

      @Override
      public void malformed(long line, String reason, String excerpt) {}
    };
  }

  /** The first {@code lines} lines of a file. */
  static byte[] head(Path p, int lines) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = in.readNBytes(lines * 200);
      int n = 0;
      for (int i = 0; i < buf.length; i++) {
        if (buf[i] == '\n' && ++n == lines) {
          return java.util.Arrays.copyOf(buf, i + 1);
        }
      }
      throw new IOException(p + " has fewer than " + lines + " lines");
    }
  }
}
