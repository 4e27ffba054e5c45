package dev.minewarden.host.proc;

/**
 * The host-wide CPU counters of {@code /proc/stat}, in clock ticks since boot.
 *
 * @param user user time including nice and guest time, ticks
 * @param system system time, ticks
 * @param idle idle plus iowait, ticks
 * @param other irq, softirq and steal, ticks
 * @param cpus the number of {@code cpuN} lines (online CPUs)
 * @param bootTimeSeconds the boot time in epoch seconds ({@code btime}), or 0
 */
public record CpuStat(long user, long system, long idle, long other, int cpus, long bootTimeSeconds) {

  /** Time that processes account for in their own {@code utime}/{@code stime}, ticks. */
  public long processTicks() {
    return user + system;
  }

  /** All time, busy or idle, ticks. */
  public long totalTicks() {
    return user + system + idle + other;
  }

  /** Busy time of any kind, ticks. */
  public long busyTicks() {
    return user + system + other;
  }

  /**
   * Parses the text of {@code /proc/stat}.
   *
   * @return the counters, or {@code null} when there is no aggregate {@code cpu} line
   */
  public static CpuStat parse(String text) {
    if (text == null) {
      return null;
    }
    long[] agg = null;
    int cpus = 0;
    long btime = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("cpu ")) {
        agg = numbers(line);
      } else if (line.startsWith("cpu")) {
        cpus++;
      } else if (line.startsWith("btime ")) {
        btime = ParseUtil.parseLong(line.substring(6).trim(), 0);
      }
    }
    if (agg == null) {
      return null;
    }
    // Fields: user nice system idle iowait irq softirq steal guest guest_nice. Guest time is
    // already inside user and nice, so it is not added again.
    return new CpuStat(
        agg[0] + agg[1], agg[2], agg[3] + agg[4], agg[5] + agg[6] + agg[7], Math.max(cpus, 1), btime);
  }

  private static long[] numbers(String line) {
    String[] parts = line.trim().split("\\s+");
    long[] out = new long[10];
    for (int i = 1; i < parts.length && i <= out.length; i++) {
      out[i - 1] = Math.max(0, ParseUtil.parseLong(parts[i], 0));
    }
    return out;
  }
}
