package dev.minewarden.bench;

import dev.minewarden.core.correlation.CorrelationStats;
import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.sshd.SshdSyslogFormat;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * Correlation state under a flood of distinct group keys: an sshd log of {@code --keys} failed
 * passwords, each from a different IPv4 source, all within ten minutes of each other, streamed
 * (never held whole) through the sshd parser and the built-in pack, whose brute-force correlations
 * group by source address. Prints, every million lines and at the end, the open groups, evictions,
 * alerts held for ordering, used heap and the peak heap; run it with {@code -Xmx256m} to show the
 * state stays within the per-rule cap (100,000 groups) whatever the number of keys.
 *
 * <pre>
 * java -Xmx256m -XX:+UseSerialGC -cp bench/target/benchmarks.jar \
 *     dev.minewarden.bench.CorrelationStateBenchmark --keys 10000000 --held 10000
 * </pre>
 */
public final class CorrelationStateBenchmark {
  private CorrelationStateBenchmark() {}

  /**
   * Entry point: {@code [--keys N] [--held N] [--groups N]}; {@code --held} is the session's
   * reorder buffer (the hunt uses 10,000 for one input, {@link
   * DetectionEngine#DEFAULT_HELD_ALERTS} for several), {@code --groups} the cap on open groups per
   * correlation rule (default 100,000, the engine's).
   */
  public static void main(String[] args) throws IOException {
    long keys = 10_000_000L;
    int held = DetectionEngine.DEFAULT_HELD_ALERTS;
    int groups = 100_000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--keys" -> keys = Long.parseLong(args[i + 1]);
        case "--held" -> held = Integer.parseInt(args[i + 1]);
        case "--groups" -> groups = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    DetectionEngine engine = DetectionEngine.builder().maxGroupsPerRule(groups).build();
    long[] alerts = new long[1];
    DetectionEngine.Session s = engine.session(a -> alerts[0]++, held);
    long t0 = System.nanoTime();
    SourceContext ctx = new SourceContext("flood.log", 1_795_000_000_000L, 2026, ZoneOffset.UTC);
    new SshdSyslogFormat().parse(new Flood(keys), ctx, new EventSink() {
      long n;

      @Override
      public void event(Event e) {
        s.accept(e);
        if (++n % 1_000_000 == 0) {
          report(n, s, alerts[0], t0);
        }
      }

      @Override
      public void malformed(long line, String reason, String excerpt) {
        throw new IllegalStateException(line + ": " + reason);
      }
    });
    report(keys, s, alerts[0], t0);
    s.finish();
    System.out.printf("after finish: %s; peak heap %.1f MB; max heap %.0f MB%n", s.correlationStats(),
        peakHeapMb(), Runtime.getRuntime().maxMemory() / 1e6);
  }

  private static void report(long n, DetectionEngine.Session s, long alerts, long t0) {
    CorrelationStats st = s.correlationStats();
    Runtime rt = Runtime.getRuntime();
    System.out.printf("%,d lines: open groups %,d, evicted %,d, held alerts %,d, alerts %,d,"
            + " used heap %.1f MB, peak heap %.1f MB, %.1f s%n", n, st.openGroups(), st.evictedGroups(),
        st.bufferedAlerts(), alerts, (rt.totalMemory() - rt.freeMemory()) / 1e6, peakHeapMb(),
        (System.nanoTime() - t0) / 1e9);
  }

  /** The sum of the heap pools' peak usage since the start (MB). */
  static double peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    return peak / 1e6;
  }

  /**
   * The log, made on the fly: line i is a failed password from 10.a.b.c (i in base 256), with
   * stamps from 00:00:00 to 00:09:59 so every key is inside every window.
   */
  static final class Flood extends InputStream {
    private final long lines;
    private long i;
    private byte[] cur = new byte[0];
    private int pos;

    Flood(long lines) {
      this.lines = lines;
    }

    @Override
    public int read() {
      if (pos == cur.length && !next()) {
        return -1;
      }
      return cur[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == cur.length && !next()) {
        return -1;
      }
      int n = Math.min(len, cur.length - pos);
      System.arraycopy(cur, pos, b, off, n);
      pos += n;
      return n;
    }

    private boolean next() {
      if (i >= lines) {
        return false;
      }
      StringBuilder sb = new StringBuilder(8192);
      for (int k = 0; k < 64 && i < lines; k++, i++) {
        long sec = i * 600 / Math.max(1, lines);
        String ip = "10." + ((i >> 16) & 0xFF) + "." + ((i >> 8) & 0xFF) + "." + (i & 0xFF);
        if (i >= 1 << 24) {
          ip = "2001:db8::" + Long.toHexString(i);
        }
        sb.append("Mar  2 00:0").append(sec / 60).append(sec % 60 < 10 ? ":0" : ":").append(sec % 60)
            .append(" web-01 sshd[").append(1000 + (i % 30000)).append("]: Failed password for root from ")
            .append(ip).append(" port ").append(30000 + (i % 30000)).append(" ssh2\n");
      }
      cur = sb.toString().getBytes(StandardCharsets.US_ASCII);
      pos = 0;
      return true;
    }
  }
}
