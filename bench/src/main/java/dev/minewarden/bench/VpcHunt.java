package dev.minewarden.bench;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.FilePieces;
import dev.minewarden.ingest.PieceArrays;
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
 * VpcFlowLogFormat} on one thread (or on several, in pieces), matches the built-in pack plus the
 * benchmark's pool rule, writes the records the pool rule flags as CSV ({@code
 * interface-id,srcaddr,srcport,dstaddr,dstport,start}, as {@link VpcDuckDb} does) and prints the
 * parse-and-detect wall time.
 *
 * <pre>
 * java -Xmx256m -cp bench/target/benchmarks.jar dev.minewarden.bench.VpcHunt FILE OUT.csv [THREADS]
 * </pre>
 */
public final class VpcHunt {
  static final String RULE_ID = "e3bc8d82-4ffa-4a22-9207-cd4eb48524d6";

  private VpcHunt() {}

  /** Entry point: {@code FILE OUT.csv [THREADS]}. */
  public static void main(String[] args) throws IOException, InterruptedException {
    DetectionEngine engine = DetectionEngine.builder().addRules(ruleFile()).build();
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    List<String> rows = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.LongAdder events = new java.util.concurrent.atomic.LongAdder();
    long t0 = System.nanoTime();
    // Alerts held for ordering as `hunt` holds them for one input: the flows to Stratum ports feed
    // the built-in pack's correlations, and the default 100,000 would keep their events alive
    // until the end, for the collector to copy again and again.
    DetectionEngine.Session s = engine.session(a -> {
      if (a.rule().id().equals(RULE_ID)) {
        rows.add(row(a));
      }
    }, HELD_ALERTS);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 16)) {
      if (threads == 1) {
        Counting sink = new Counting(s);
        new VpcFlowLogFormat().parse(in, SourceContext.of(args[0], 0), sink);
        events.add(sink.events);
      } else {
        inPieces(in, threads, SourceContext.of(args[0], 0), s, events);
      }
    }
    s.finish();
    double secs = (System.nanoTime() - t0) / 1e9;
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))) {
      rows.forEach(out::println);
    }
    System.err.printf(
        "minewarden threads=%d records=%d rows=%d parse_detect_s=%.3f records_per_s=%.0f%n",
        threads, events.sum(), rows.size(), secs, events.sum() / secs);
  }

  /**
   * Several threads, as {@code hunt} reads a flow log: this thread cuts the file into 1 MB pieces
   * at line ends and carries the header's layout from piece to piece ({@code FilePieces}); the
   * workers parse and match the pieces. Only the pool rule's alerts are written, and no
   * correlation rule takes flow records, so the pieces need no commit in file order.
   */
  private static void inPieces(InputStream in, int threads, SourceContext ctx,
      DetectionEngine.Session session, java.util.concurrent.atomic.LongAdder events)
      throws IOException, InterruptedException {
    FilePieces pieces = new VpcFlowLogFormat().pieces();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(2 * threads);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    Object state = null;
    long line = 1;
    byte[] carry = new byte[0];
    PieceArrays arrays = new PieceArrays(PIECE, 2 * threads + 1); // as cli.hunt.ChunkedLines
    while (true) {
      int want = carry.length + PIECE;
      byte[] buf = arrays.take(want);
      System.arraycopy(carry, 0, buf, 0, carry.length);
      int n = carry.length;
      int r;
      while (n < want && (r = in.read(buf, n, want - n)) > 0) {
        n += r;
      }
      if (n == 0) {
        break;
      }
      int cut = n < want ? n : pieces.cut(buf, n);
      if (cut < 0) {
        throw new IllegalStateException("no line end in " + PIECE + " bytes: no flow log");
      }
      Object before = state;
      long first = line;
      FilePieces.Scan scan = pieces.scan(state, buf, cut);
      state = scan.state();
      line += scan.lines();
      inFlight.acquire();
      done.add(pool.submit(() -> {
        try {
          Counting sink = new Counting(session);
          pieces.parse(before, buf, cut, first, ctx, sink);
          events.add(sink.events);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        } finally {
          arrays.give(buf);
          inFlight.release();
        }
      }));
      carry = java.util.Arrays.copyOfRange(buf, cut, n);
      if (n < want) {
        break;
      }
    }
    pool.shutdown();
    for (java.util.concurrent.Future<?> f : done) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a piece failed", e.getCause());
      }
    }
  }

  private static final int PIECE = 1 << 20;

  /** As {@code HuntCommand} holds alerts for ordering when it reads one input. */
  private static final int HELD_ALERTS = 10_000;

  /**
   * Passes events to the session and counts them in a plain field, added up once per piece: a
   * shared counter bumped per record cost 2% of a one-thread run, which is the harness's time,
   * not Minewarden's.
   */
  private static final class Counting implements EventSink {
    private final DetectionEngine.Session session;
    long events;

    Counting(DetectionEngine.Session session) {
      this.session = session;
    }

    @Override
    public void event(Event event) {
      events++;
      session.accept(event);
    }

    @Override
    public void malformed(long line, String reason, String excerpt) {}
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
