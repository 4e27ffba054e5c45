package dev.minewarden.host;

import dev.minewarden.host.proc.Cgroups;
import dev.minewarden.host.proc.CpuStat;
import dev.minewarden.host.proc.Modules;
import dev.minewarden.host.proc.Mount;
import dev.minewarden.host.proc.NetSocket;
import dev.minewarden.host.proc.ParseUtil;
import dev.minewarden.host.proc.Passwd;
import dev.minewarden.host.proc.PidStat;
import dev.minewarden.host.proc.PidStatus;
import dev.minewarden.host.proc.ProcFs;
import dev.minewarden.host.proc.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Builds a {@link HostSnapshot} from {@code /proc}: a constant number of reads per process
 * ({@code stat}, {@code status}, {@code exe}, {@code cwd}, the {@code fd} links) plus, for a process
 * first seen, its {@code cmdline} and {@code cgroup}; then the socket tables once per network
 * namespace, the mounts, modules and a few sysctls. Not thread-safe: one reader per sensor.
 */
final class ProcReader {
  /** The most of one command line that is read; Linux's ARG_MAX is 2 MiB with an 8 MiB stack. */
  static final int MAX_CMDLINE = 2 << 20;

  private static final int SMALL = 64 << 10;
  private static final Map<String, String> SYSCTLS = Map.of(
      "vm.nr_hugepages", "/proc/sys/vm/nr_hugepages",
      "kernel.nmi_watchdog", "/proc/sys/kernel/nmi_watchdog",
      "msr.allow_writes", "/sys/module/msr/parameters/allow_writes");

  private final ProcFs fs;
  private final int clockTicks;
  private final UnaryOperator<java.util.TreeSet<Integer>> listingFilter;

  ProcReader(ProcFs fs, int clockTicks, UnaryOperator<java.util.TreeSet<Integer>> listingFilter) {
    this.fs = fs;
    this.clockTicks = clockTicks;
    this.listingFilter = listingFilter;
  }

  ProcFs fs() {
    return fs;
  }

  /** The pids that a directory listing of {@code /proc} shows. */
  java.util.TreeSet<Integer> listPids() {
    return listingFilter.apply(fs.listNumeric(fs.path("/proc"), "proc"));
  }

  /** Reads one sample; {@code previous} (nullable) gives CPU deltas and cached command lines. */
  HostSnapshot read(HostSnapshot previous, long nowMillis) {
    fs.resetDenied();
    CpuStat cpu = CpuStat.parse(fs.readText(fs.path("/proc/stat"), SMALL, "stat"));
    Map<Integer, String> users = users();
    long bootMillis = cpu == null ? 0 : cpu.bootTimeSeconds() * 1000;
    Map<Integer, ProcessInfo> procs = new TreeMap<>();
    Map<String, Integer> netns = new LinkedHashMap<>();
    for (int pid : listPids()) {
      ProcessInfo prev = previous == null ? null : previous.processes().get(pid);
      ProcessInfo p = readProcess(pid, prev, users, bootMillis);
      if (p != null) {
        procs.put(pid, p);
        String ns = p.kernelThread() ? null : fs.readLink(fs.pid(pid, "ns/net"), "ns");
        if (ns != null) {
          netns.putIfAbsent(ns, pid);
        }
      }
    }
    List<NetSocket> sockets = sockets(netns);
    Map<Long, Integer> owners = new HashMap<>();
    procs.values().forEach(p -> p.socketInodes().forEach(i -> owners.putIfAbsent(i, p.pid())));
    double hostCores = Double.NaN;
    double unaccounted = Double.NaN;
    if (previous != null && previous.cpu() != null && cpu != null) {
      double elapsedTicks = Math.max(1, (nowMillis - previous.timeMillis()) * clockTicks / 1000.0);
      hostCores = (cpu.busyTicks() - previous.cpu().busyTicks()) / elapsedTicks;
      procs.replaceAll((pid, p) -> withCpu(p, previous, elapsedTicks));
      unaccounted = unaccounted(cpu, previous, procs) / elapsedTicks;
    }
    String modulesText = fs.readText(fs.path("/proc/modules"), 1 << 20, "modules");
    return new HostSnapshot(nowMillis, procs, sockets, owners,
        Mount.parse(fs.readText(fs.path("/proc/mounts"), 4 << 20, "mounts")),
        modulesText == null ? null : Modules.parse(modulesText),
        sysctls(), cpu, hostCores, unaccounted,
        ParseUtil.parseInt(trim(fs.readText(fs.path("/proc/sys/kernel/ns_last_pid"), 64, "sysctl")), -1),
        fs.denied());
  }

  private static ProcessInfo withCpu(ProcessInfo p, HostSnapshot previous, double elapsedTicks) {
    ProcessInfo before = previous.processes().get(p.pid());
    if (before == null || before.startTicks() != p.startTicks()) {
      return p;
    }
    return p.withCpuCores(Math.max(0, p.cpuTicks() - before.cpuTicks()) / elapsedTicks);
  }

  /**
   * Host user+system ticks minus what visible processes account for, their own time and the time
   * of children they reaped (so short-lived children of visible parents are not counted as
   * missing). New processes count with all their time, as they were born inside the interval.
   */
  private static double unaccounted(CpuStat cpu, HostSnapshot previous, Map<Integer, ProcessInfo> procs) {
    double host = cpu.processTicks() - previous.cpu().processTicks();
    double seen = 0;
    for (ProcessInfo p : procs.values()) {
      ProcessInfo before = previous.processes().get(p.pid());
      if (before != null && before.startTicks() == p.startTicks()) {
        seen += Math.max(0, p.cpuTicks() - before.cpuTicks());
        seen += Math.max(0, p.childCpuTicks() - before.childCpuTicks());
      } else {
        seen += p.cpuTicks() + p.childCpuTicks();
      }
    }
    return Math.max(0, host - seen);
  }

  /** Reads one process, or returns null when it is gone or is no process (a thread's id). */
  ProcessInfo readProcess(int pid, ProcessInfo prev, Map<Integer, String> users, long bootMillis) {
    PidStat stat = PidStat.parse(fs.readText(fs.pid(pid, "stat"), 8192, "stat"));
    if (stat == null) {
      return null;
    }
    PidStatus status = PidStatus.parse(fs.readText(fs.pid(pid, "status"), SMALL, "status"));
    String exeLink = stat.isKernelThread() ? null : fs.readLink(fs.pid(pid, "exe"), "exe");
    boolean deleted = exeLink != null && exeLink.endsWith(" (deleted)");
    String exe = deleted ? exeLink.substring(0, exeLink.length() - 10) : exeLink;
    boolean sameProcess = prev != null && prev.startTicks() == stat.startTicks()
        && prev.comm().equals(stat.comm());
    List<String> argv;
    boolean truncated;
    String cgroupText = null;
    if (sameProcess) {
      argv = prev.argv();
      truncated = prev.commandLineTruncated();
    } else {
      byte[] raw = fs.readBytes(fs.pid(pid, "cmdline"), MAX_CMDLINE + 1, "cmdline");
      int len = raw == null ? 0 : Math.min(raw.length, MAX_CMDLINE);
      truncated = raw != null && raw.length > MAX_CMDLINE;
      argv = raw == null ? List.of() : Text.splitNul(raw, len);
      cgroupText = fs.readText(fs.pid(pid, "cgroup"), SMALL, "cgroup");
    }
    int uid = status == null ? -1 : status.uid();
    return new ProcessInfo(
        pid,
        stat.ppid(),
        stat.startTicks(),
        bootMillis == 0 ? 0 : bootMillis + stat.startTicks() * 1000 / clockTicks,
        uid,
        users.getOrDefault(uid, uid < 0 ? null : Integer.toString(uid)),
        stat.comm(),
        exe,
        deleted,
        argv,
        String.join(" ", argv),
        truncated,
        stat.isKernelThread() ? null : fs.readLink(fs.pid(pid, "cwd"), "cwd"),
        stat.cpuTicks(),
        stat.cutime() + stat.cstime(),
        status == null ? stat.threads() : status.threads(),
        status == null ? stat.rssPages() * 4 : status.rssKb(),
        sameProcess ? prev.cgroup() : Cgroups.path(cgroupText),
        sameProcess ? prev.containerId() : Cgroups.containerId(cgroupText),
        stat.isKernelThread(),
        Double.NaN,
        stat.isKernelThread() ? Set.of() : socketInodes(pid));
  }

  private Set<Long> socketInodes(int pid) {
    Set<Long> inodes = new HashSet<>();
    java.nio.file.Path fdDir = fs.pid(pid, "fd");
    boolean[] denied = {false};
    for (String fd : fs.listNames(fdDir, "fd")) {
      String link = fs.readLinkQuiet(fdDir.resolve(fd), denied);
      if (link != null && link.startsWith("socket:[") && link.endsWith("]")) {
        long inode = ParseUtil.parseLong(link.substring(8, link.length() - 1), -1);
        if (inode > 0) {
          inodes.add(inode);
        }
      }
    }
    if (denied[0]) {
      fs.deny("fd");
    }
    return inodes;
  }

  /**
   * The sockets of the sensor's own network namespace ({@code /proc/net}) and of every other
   * namespace a process is in, read once per namespace through one of its processes.
   */
  private List<NetSocket> sockets(Map<String, Integer> netns) {
    Map<Long, NetSocket> byInode = new LinkedHashMap<>();
    readSocketTables("/proc/net/", byInode);
    String own = fs.readLink(fs.path("/proc/self/ns/net"), "ns");
    for (Map.Entry<String, Integer> ns : netns.entrySet()) {
      if (!ns.getKey().equals(own)) {
        readSocketTables("/proc/" + ns.getValue() + "/net/", byInode);
      }
    }
    return new ArrayList<>(byInode.values());
  }

  private void readSocketTables(String dir, Map<Long, NetSocket> byInode) {
    for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
      String text = fs.readText(fs.path(dir + table), 64 << 20, "net");
      String proto = table.startsWith("tcp") ? "tcp" : "udp";
      for (NetSocket s : NetSocket.parse(text, proto)) {
        // Inode 0 marks TIME_WAIT and orphaned sockets: no process holds them.
        if (s.inode() != 0) {
          byInode.putIfAbsent(s.inode(), s);
        }
      }
    }
  }

  private Map<String, String> sysctls() {
    Map<String, String> out = new TreeMap<>();
    SYSCTLS.forEach((name, path) -> {
      String v = trim(fs.readText(fs.path(path), 256, "sysctl"));
      if (v != null) {
        out.put(name, v);
      }
    });
    return out;
  }

  /** User names by uid from {@code /etc/passwd}. */
  Map<Integer, String> users() {
    Map<Integer, String> out = new HashMap<>();
    for (Passwd.Account a : Passwd.parse(fs.readText(fs.path("/etc/passwd"), 4 << 20, "passwd"))) {
      out.putIfAbsent(a.uid(), a.name());
    }
    return out;
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }
}
