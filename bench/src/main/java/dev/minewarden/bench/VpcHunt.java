package dev.minewarden.bench;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.aws.VpcFlowLogFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The Minewarden side of the VPC flow benchmark, in process: parses a flow log with {@code
 * VpcFlowLogFormat} on one thread, matches the built-in pack plus the benchmark's pool rule, writes
 * the records the pool rule flags as CSV ({@code interface-id,srcaddr,srcport,dstaddr,dstport,start},
 * as {@link VpcDuckDb} does) and prints the parse-and-detect wall time.
 *
 * <pre>
 * java -Xmx256m -cp bench/target/benchmarks.jar dev.minewarden.bench.VpcHunt FILE OUT.csv
 * </pre>
 */
public final class VpcHunt {
  static final String RULE_ID = "e3bc8d82-4ffa-4a22-9207-cd4eb48524d6";

  private VpcHunt() {}

  /** Entry point: {@code FILE OUT.csv}. */
  public static void main(String[] args) throws IOException {
    DetectionEngine engine = DetectionEngine.builder().addRules(ruleFile()).build();
    List<String> rows = new ArrayList<>();
    long[] events = new long[1];
    long t0 = System.nanoTime();
    DetectionEngine.Session s = engine.session(a -> {
      if (a.rule().id().equals(RULE_ID)) {
        rows.add(row(a));
      }
    });
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 16)) {
      new VpcFlowLogFormat().parse(in, SourceContext.of(args[0], 0), new EventSink() {
        @Override
        public void event(Event event) {
          events[0]++;
          s.accept(event);
        }

        @Override
        public void malformed(long line, String reason, String excerpt) {}
      });
    }
    s.finish();
    double secs = (System.nanoTime() - t0) / 1e9;
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))) {
      rows.forEach(out::println);
    }
    System.err.printf("minewarden threads=1 records=%d rows=%d parse_detect_s=%.3f records_per_s=%.0f%n",
        events[0], rows.size(), secs, events[0] / secs);
  }

  private static String row(Alert a) {
    Event e = a.event();
    return e.get("interface-id") + "," + e.get("SourceIp") + "," + e.get("SourcePort") + ","
        + e.get("DestinationIp") + "," + e.get("DestinationPort") + "," + e.get("start");
  }

  /** The benchmark's pool rule, copied out of the jar so the engine can load it as a file. */
  static Path ruleFile() throws IOException {
    Path dir = Files.createTempDirectory("mw-vpc-rule");
    Path f = dir.resolve("vpc_mining_flow.yml");
    try (InputStream in = VpcHunt.class.getResourceAsStream("vpc/vpc_mining_flow.yml")) {
      Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
    }
    f.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return f;
  }
}
