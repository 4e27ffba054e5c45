package dev.minewarden.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a realistic AWS VPC flow log (version 2 default format, with the header line S3 delivery
 * writes) with planted cryptomining flows, and a truth file listing every mining record.
 *
 * <p>The estate: one account, {@code --enis} network interfaces in 10.0.0.0/16. Each minute
 * (aggregation interval 60 s) every interface logs its flows: outbound HTTPS, HTTP, DNS and NTP to
 * public services, inbound web traffic to the load-balanced interfaces, SSH from the bastion,
 * internal database and cache traffic (including an internal service on port 3333 and a Redis on
 * 6379, decoys for a port-only rule), rejected inbound scans, and the odd NODATA record. Public
 * addresses come from the documentation and benchmark ranges (192.0.2.0/24, 198.18.0.0/15,
 * 198.51.100.0/24); mining pools are 203.0.113.0/24.
 *
 * <p>The mining: {@code --miners} interfaces, compromised at a random minute, keep one long-lived
 * connection each to a pool address on a Stratum port (3333, 4444, 5555, 7777, 14444, 45700) or on
 * 443, logged every minute in both directions until the end. The truth file has one line per
 * mining record (the outbound and the inbound direction alike): {@code line,interface-id,srcaddr,
 * srcport,dstaddr,dstport,start}, the line number counting the header as line 1.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.minewarden.bench.VpcFlowGenerator \
 *     --records 10000000 --out /tmp/mwbench/vpc.log --truth /tmp/mwbench/vpc.truth.csv
 * </pre>
 *
 * Deterministic for a given seed. About 100 bytes per record.
 */
public final class VpcFlowGenerator {
  static final String HEADER =
      "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes"
          + " start end action log-status";
  static final int[] POOL_PORTS = {3333, 4444, 5555, 7777, 14444, 45700, 443};
  static final String ACCOUNT = "123456789012";

  private final SplittableRandom rnd;
  private final int enis;
  private final int miners;
  private final long records;
  private final long startSeconds;

  private VpcFlowGenerator(long records, int enis, int miners, long seed, long startSeconds) {
    this.rnd = new SplittableRandom(seed);
    this.records = records;
    this.enis = enis;
    this.miners = miners;
    this.startSeconds = startSeconds;
  }

  /** Entry point: {@code --records N --out FILE --truth FILE [--enis N] [--miners N] [--seed S]}. */
  public static void main(String[] args) throws IOException {
    long records = 10_000_000;
    int enis = 400;
    int miners = 12;
    long seed = 20_261_127L;
    Path out = null;
    Path truth = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--records" -> records = Long.parseLong(args[i + 1]);
        case "--enis" -> enis = Integer.parseInt(args[i + 1]);
        case "--miners" -> miners = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        case "--truth" -> truth = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (out == null || truth == null) {
      throw new IllegalArgumentException("--out and --truth are required");
    }
    long mining = new VpcFlowGenerator(records, enis, miners, seed, 1_795_000_000L).write(out, truth);
    System.err.printf("%d records, %d mining records -> %s, %s%n", records, mining, out, truth);
  }

  private String eni(int i) {
    return String.format("eni-%017x", 0x0a1b2c3d4e5f6000L + i * 7919L);
  }

  private static String internal(int i) {
    return "10.0." + (i / 250) + "." + (4 + i % 250);
  }

  private String publicPeer() {
    return switch (rnd.nextInt(3)) {
      case 0 -> "192.0.2." + (1 + rnd.nextInt(254));
      case 1 -> "198." + (18 + rnd.nextInt(2)) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
      default -> "198.51.100." + (1 + rnd.nextInt(254));
    };
  }

  private int ephemeral() {
    return 32768 + rnd.nextInt(28232);
  }

  /** One miner: which interface, from which minute, to which pool address and port. */
  private record Miner(int eni, long fromMinute, String pool, int port, int srcPort) {}

  private long write(Path out, Path truthFile) throws IOException {
    List<Miner> ms = new ArrayList<>();
    long minutes = Math.max(1, records / (enis * 6L));
    for (int m = 0; m < miners; m++) {
      int eni = 7 + m * (enis / Math.max(1, miners));
      ms.add(new Miner(eni % enis, rnd.nextLong(minutes), "203.0.113." + (10 + rnd.nextInt(40)),
          POOL_PORTS[rnd.nextInt(POOL_PORTS.length)], ephemeral()));
    }
    long mining = 0;
    long written = 0;
    long line = 1;
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20);
        PrintWriter truth = new PrintWriter(Files.newBufferedWriter(truthFile, StandardCharsets.UTF_8))) {
      StringBuilder sb = new StringBuilder(256);
      os.write((HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
      truth.println("line,interface-id,srcaddr,srcport,dstaddr,dstport,start");
      for (long minute = 0; written < records; minute++) {
        long start = startSeconds + minute * 60 + rnd.nextInt(5);
        for (int e = 0; e < enis && written < records; e++) {
          int flows = 1 + rnd.nextInt(10);
          for (int f = 0; f < flows && written < records; f++) {
            sb.setLength(0);
            benign(sb, e, start);
            os.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            written++;
            line++;
          }
          for (Miner m : ms) {
            if (m.eni() == e && minute >= m.fromMinute() && written + 2 <= records) {
              String self = internal(e);
              long pk = 40 + rnd.nextInt(30);
              sb.setLength(0);
              record(sb, eni(e), self, m.pool(), m.srcPort(), m.port(), 6, pk, pk * (180 + rnd.nextInt(60)),
                  start, "ACCEPT", "OK");
              record(sb, eni(e), m.pool(), self, m.port(), m.srcPort(), 6, pk, pk * (300 + rnd.nextInt(200)),
                  start, "ACCEPT", "OK");
              os.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
              truth.printf("%d,%s,%s,%d,%s,%d,%d%n", line + 1, eni(e), self, m.srcPort(), m.pool(), m.port(), start);
              truth.printf("%d,%s,%s,%d,%s,%d,%d%n", line + 2, eni(e), m.pool(), m.port(), self, m.srcPort(), start);
              line += 2;
              written += 2;
              mining += 2;
            }
          }
        }
      }
    }
    return mining;
  }

  /** One benign record of interface {@code e}. */
  private void benign(StringBuilder sb, int e, long start) {
    String eni = eni(e);
    String self = internal(e);
    int kind = rnd.nextInt(100);
    if (kind < 40) { // outbound HTTPS
      long pk = 5 + rnd.nextInt(400);
      if (rnd.nextBoolean()) {
        record(sb, eni, self, publicPeer(), ephemeral(), 443, 6, pk, pk * (60 + rnd.nextInt(1200)), start, "ACCEPT", "OK");
      } else {
        record(sb, eni, publicPeer(), self, 443, ephemeral(), 6, pk, pk * (200 + rnd.nextInt(1200)), start, "ACCEPT", "OK");
      }
    } else if (kind < 50) { // DNS to the VPC resolver and NTP
      boolean dns = rnd.nextInt(4) > 0;
      record(sb, eni, self, dns ? "10.0.0.2" : publicPeer(), ephemeral(), dns ? 53 : 123, 17, 1 + rnd.nextInt(4),
          70 + rnd.nextInt(200), start, "ACCEPT", "OK");
    } else if (kind < 62) { // inbound web
      long pk = 3 + rnd.nextInt(60);
      record(sb, eni, publicPeer(), self, ephemeral(), rnd.nextBoolean() ? 443 : 80, 6, pk, pk * (80 + rnd.nextInt(900)),
          start, "ACCEPT", "OK");
    } else if (kind < 72) { // internal database, cache and the internal service on 3333
      int[] ports = {5432, 3306, 6379, 3333, 8080, 9200};
      int port = ports[rnd.nextInt(ports.length)];
      long pk = 2 + rnd.nextInt(200);
      record(sb, eni, self, internal(rnd.nextInt(enis)), ephemeral(), port, 6, pk, pk * (100 + rnd.nextInt(800)),
          start, "ACCEPT", "OK");
    } else if (kind < 78) { // SSH from the bastion
      long pk = 10 + rnd.nextInt(300);
      record(sb, eni, "10.0.0.10", self, ephemeral(), 22, 6, pk, pk * (90 + rnd.nextInt(300)), start, "ACCEPT", "OK");
    } else if (kind < 92) { // rejected scans, some on pool-like ports (inbound, so not mining)
      int[] ports = {22, 23, 3389, 445, 3333, 4444, 5555, 8080, 6379, 2375};
      record(sb, eni, publicPeer(), self, ephemeral(), ports[rnd.nextInt(ports.length)], 6, 1, 40 + rnd.nextInt(20),
          start, "REJECT", "OK");
    } else if (kind < 99) { // outbound HTTP to package mirrors
      long pk = 5 + rnd.nextInt(3000);
      record(sb, eni, self, publicPeer(), ephemeral(), 80, 6, pk, pk * (500 + rnd.nextInt(900)), start, "ACCEPT", "OK");
    } else { // an idle interval
      sb.append("2 ").append(ACCOUNT).append(' ').append(eni).append(" - - - - - - - ")
          .append(start).append(' ').append(start + 60).append(" - NODATA\n");
    }
  }

  private static void record(StringBuilder sb, String eni, String src, String dst, int sport, int dport,
      int proto, long packets, long bytes, long start, String action, String status) {
    sb.append("2 ").append(ACCOUNT).append(' ').append(eni).append(' ').append(src).append(' ').append(dst)
        .append(' ').append(sport).append(' ').append(dport).append(' ').append(proto).append(' ')
        .append(packets).append(' ').append(bytes).append(' ').append(start).append(' ').append(start + 59)
        .append(' ').append(action).append(' ').append(status).append('\n');
  }
}
