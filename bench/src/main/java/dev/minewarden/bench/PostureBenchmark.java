package dev.minewarden.bench;

import dev.minewarden.posture.Assessment;
import dev.minewarden.posture.PostureScan;
import dev.minewarden.posture.cve.CveTable;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to read and assess a generated AWS estate (instances and as many security groups, plus
 * subnets and route tables) from its CLI JSON, producing scored, ordered findings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PostureBenchmark {
  @Param({"300", "1000"})
  public int instances;

  private Map<String, byte[]> files;
  private CveTable table;

  /** Generates the estate once per trial. */
  @Setup
  public void setUp() {
    files = PostureEstateGenerator.estate(instances, instances, 42);
    table = CveTable.bundled();
  }

  /** Parses the four exports and runs every check. */
  @Benchmark
  public Assessment assess() {
    PostureScan.Builder b = PostureScan.builder().cveTable(table);
    files.forEach(b::source);
    return b.build().run();
  }
}
