package dev.minewarden.host;

import dev.minewarden.host.proc.Mount;
import dev.minewarden.host.proc.ParseUtil;
import dev.minewarden.host.proc.PidStatus;
import dev.minewarden.host.proc.ProcFs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

/**
 * Looks for what a rootkit hides: pids that answer at {@code /proc/<pid>} but are missing from
 * the listing (as {@code libprocesshider} does through {@code /etc/ld.so.preload}), mounts over
 * {@code /proc/<pid>}, a non-empty {@code /etc/ld.so.preload}, and host CPU that no visible
 * process accounts for (which also catches kernel rootkits that hide a task from every view).
 *
 * <p>Probing is bounded by the number of processes: every sample probes the parents named by
 * visible processes and the pids allocated since the previous sample ({@code ns_last_pid}); every
 * {@code fullProbeEvery} samples, and on the first, the whole pid range up to the highest pid in
 * use (or all of {@code pid_max} when it is at most {@value #FULL_RANGE_LIMIT}). Not thread-safe.
 */
final class HiddenChecks {
  static final int FULL_RANGE_LIMIT = 1 << 18;
  private static final int INCREMENTAL_LIMIT = 1 << 16;

  private final ProcReader reader;
  private final SensorConfig config;
  private int samples;
  private int lastPid = -1;
  private int unaccountedStreak;

  HiddenChecks(ProcReader reader, SensorConfig config) {
    this.reader = reader;
    this.config = config;
  }

  List<Finding> check(HostSnapshot snap, HostEvents events) {
    List<Finding> out = new ArrayList<>();
    hiddenPids(snap, events, out);
    procMounts(snap, events, out);
    preload(snap, events, out);
    unaccountedCpu(snap, events, out);
    samples++;
    return out;
  }

  private void hiddenPids(HostSnapshot snap, HostEvents events, List<Finding> out) {
    ProcFs fs = reader.fs();
    Set<Integer> listed = snap.processes().keySet();
    TreeSet<Integer> candidates = candidates(snap, fs);
    Map<Integer, String> hidden = find(listed, candidates, pid -> tgidOf(fs, pid));
    if (hidden.isEmpty()) {
      return;
    }
    // A process born after the listing would look hidden: list again and keep only those still
    // missing from it and still answering.
    TreeSet<Integer> relisted = reader.listPids();
    for (Map.Entry<Integer, String> h : hidden.entrySet()) {
      int pid = h.getKey();
      if (relisted.contains(pid) || tgidOf(fs, pid) != pid) {
        continue;
      }
      ProcessInfo p = reader.readProcess(pid, null, reader.users(), 0);
      Finding f = p == null
          ? new Finding(HostRules.HIDDEN_PROCESS, "pid:" + pid, events.hostWide(snap.timeMillis()))
              .put("process.pid", (long) pid).put("event.reason", h.getValue())
          : Finding.ofProcess(HostRules.HIDDEN_PROCESS, p,
              events.process(p, snap.processes().get(p.ppid()), snap.timeMillis()), h.getValue(),
              config.usdPerVcpuHour());
      out.add(f);
    }
  }

  /**
   * Which probed pids reveal a hidden process, with the reason. Pure: {@code tgidOf} gives the
   * thread-group id that {@code /proc/<n>/status} reports, or -1 when {@code /proc/<n>} does not
   * answer. A thread id answers too (Linux serves {@code /proc/<tid>} without listing it), so a
   * thread whose process is listed is no finding, and one whose process is not reveals it.
   */
  static Map<Integer, String> find(Set<Integer> listed, Iterable<Integer> probes, IntUnaryOperator tgidOf) {
    Map<Integer, String> out = new TreeMap<>();
    for (int n : probes) {
      if (listed.contains(n)) {
        continue;
      }
      int tgid = tgidOf.applyAsInt(n);
      if (tgid <= 0 || listed.contains(tgid) || out.containsKey(tgid)) {
        continue;
      }
      out.put(tgid, tgid == n
          ? "pid " + n + " answers at /proc/" + n + " but is missing from the /proc listing"
          : "thread " + n + " belongs to process " + tgid + ", which is missing from the /proc listing");
    }
    return out;
  }

  private TreeSet<Integer> candidates(HostSnapshot snap, ProcFs fs) {
    TreeSet<Integer> c = new TreeSet<>();
    // Only parents missing from the listing can reveal anything (find() skips listed pids).
    for (ProcessInfo p : snap.processes().values()) {
      if (p.ppid() > 0 && !snap.processes().containsKey(p.ppid())) {
        c.add(p.ppid());
      }
    }
    int last = snap.lastPid();
    if (samples % Math.max(1, config.fullProbeEvery()) == 0) {
      int maxListed = snap.processes().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
      int pidMax = ParseUtil.parseInt(trim(fs.readText(fs.path("/proc/sys/kernel/pid_max"), 64, "sysctl")), -1);
      int upper = pidMax > 0 && pidMax <= FULL_RANGE_LIMIT ? pidMax : Math.max(last, maxListed) + 1024;
      for (int pid = 1; pid <= upper; pid++) {
        c.add(pid);
      }
    } else if (last > 0 && lastPid > 0 && last != lastPid) {
      int from = lastPid + 1;
      int count = 0;
      for (int pid = last > lastPid ? from : 1; pid <= last && count < INCREMENTAL_LIMIT; pid++, count++) {
        c.add(pid);
      }
    }
    lastPid = last;
    return c;
  }

  private static int tgidOf(ProcFs fs, int pid) {
    if (!fs.isDirectory(fs.path("/proc/" + pid))) {
      return -1;
    }
    PidStatus st = PidStatus.parse(fs.readText(fs.pid(pid, "status"), 64 << 10, "status"));
    return st == null ? -1 : st.tgid();
  }

  private static void procMounts(HostSnapshot snap, HostEvents events, List<Finding> out) {
    for (Mount m : snap.mounts()) {
      String mp = m.mountPoint();
      if (mp.startsWith("/proc/") && ParseUtil.isDigits(firstPart(mp.substring(6)))) {
        String pid = firstPart(mp.substring(6));
        out.add(new Finding(HostRules.PROC_MOUNT, "mount:" + mp, events.hostWide(snap.timeMillis()))
            .put("process.pid", ParseUtil.parseLong(pid, -1))
            .put("file.path", mp)
            .put("event.reason", "'" + m.device() + "' (" + m.type() + ") is mounted over " + mp
                + ", hiding process " + pid + " from ps and top"));
      }
    }
  }

  private void preload(HostSnapshot snap, HostEvents events, List<Finding> out) {
    ProcFs fs = reader.fs();
    String text = fs.readText(fs.path("/etc/ld.so.preload"), 1 << 20, "ld.so.preload");
    List<String> libs = preloadEntries(text);
    if (!libs.isEmpty()) {
      out.add(Finding.ofFile(HostRules.LD_PRELOAD, "/etc/ld.so.preload",
          events.file("/etc/ld.so.preload", snap.timeMillis()),
          "every process loads: " + String.join(", ", libs)));
    }
  }

  /** The libraries an {@code ld.so.preload} text names (whitespace-separated, {@code #} comments). */
  static List<String> preloadEntries(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String body = hash >= 0 ? line.substring(0, hash) : line;
      for (String w : body.trim().split("[\\s:]+")) {
        if (!w.isEmpty()) {
          out.add(w);
        }
      }
    }
    return out;
  }

  private void unaccountedCpu(HostSnapshot snap, HostEvents events, List<Finding> out) {
    double u = snap.unaccountedCores();
    double floor = Math.max(config.unaccountedMinCores(), 0.25 * snap.cpuCount());
    unaccountedStreak = !Double.isNaN(u) && u >= floor ? unaccountedStreak + 1 : 0;
    if (unaccountedStreak >= config.sustainSamples()) {
      out.add(new Finding(HostRules.HIDDEN_CPU, "host-cpu", events.hostWide(snap.timeMillis()))
          .put("host.cpu.unaccounted_cores", Finding.round(u))
          .put("cost.usd_per_hour", Finding.round(u * config.usdPerVcpuHour()))
          .put("event.reason", String.format(Locale.ROOT,
              "%.2f cores of user and system time in /proc/stat that no visible process accounts for", u)));
    }
  }

  private static String firstPart(String s) {
    int slash = s.indexOf('/');
    return slash < 0 ? s : s.substring(0, slash);
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }
}
