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
 * Builds a {@link HostSnapshot} from {@code /proc}, reading only what can have changed. A process
 * first seen (a new pid, or a pid whose start time or name changed: a reused pid or an exec) is
 * read in full: {@code stat}, {@code status}, {@code exe}, {@code cwd}, {@code ns/net}, {@code
 * cmdline}, {@code cgroup} and its {@code fd} links. A process already known costs one read of
 * {@code stat} (CPU, parent, threads, memory); its {@code status}, {@code exe} and {@code cwd} are
 * read again every {@value #REFRESH_EVERY} samples (staggered by pid), so a changed user or a
 * deleted executable shows within that many samples. Socket owners are cached by inode: a socket
 * whose owner is unknown makes the reader scan the {@code fd} links of recent processes, and of
 * all processes at most every {@value #FD_RESCAN_EVERY} samples. Then the socket tables once per
 * network namespace, the mounts, modules and a few sysctls; {@code /etc/passwd} only when it
 * changed. Not thread-safe: one reader per sensor.
 */
final class ProcReader {
  /** The most of one command line that is read; Linux's ARG_MAX is 2 MiB with an 8 MiB stack. */
  static final int MAX_CMDLINE = 2 << 20;

  /** Every how many samples a known process's status, exe and cwd are read again. */
  static final int REFRESH_EVERY = 30;
  /** The fewest samples between two scans of every process's fd links for unknown socket owners. */
  static final int FD_RESCAN_EVERY = 5;
  /** Processes first seen within this many samples are scanned first for unknown socket owners. */
  private static final int RECENT_SAMPLES = 30;
  /** Processes first seen within this many samples have their stat read every sample (an exec soon after start). */
  static final int YOUNG_SAMPLES = 10;

  private static final int SMALL = 64 << 10;
  private static final Map<String, String> SYSCTLS = Map.of(
      "vm.nr_hugepages", "/proc/sys/vm/nr_hugepages",
      "kernel.nmi_watchdog", "/proc/sys/kernel/nmi_watchdog",
      "msr.allow_writes", "/sys/module/msr/parameters/allow_writes");

  private final ProcFs fs;
  private final int clockTicks;
  private final UnaryOperator<java.util.TreeSet<Integer>> listingFilter;
  private final byte[] statBuf = new byte[8192];
  /** Socket inode to owning pid, kept across samples. */
  private final Map<Long, Integer> owners = new HashMap<>();
  /** Socket inodes no fd scan could place (other users' processes, unprivileged), until the next full scan. */
  private final Set<Long> unowned = new HashSet<>();
  /** The sample in which each process (by identity) was first seen. */
  private final Map<ProcessInfo.ProcessKey, Long> firstSeen = new HashMap<>();
  /** The network namespace of each process, by identity. */
  private final Map<ProcessInfo.ProcessKey, String> netnsOf = new HashMap<>();
  private long sample;
  private long lastFullFdScan = Long.MIN_VALUE / 2;
  private Object passwdStamp;
  private Map<Integer, String> users = Map.of();

  private final int cpuEvery;
  private final int socketEvery;
  /** The CPU ticks (own, reaped children's) of each process at the last full CPU sample. */
  private Map<ProcessInfo.ProcessKey, long[]> ticksAtCpuSample = new HashMap<>();
  /** The time of each process's last stat read, and its ticks then, for its CPU use. */
  private final Map<ProcessInfo.ProcessKey, long[]> lastStat = new HashMap<>();
  private CpuStat cpuAtCpuSample;
  private long cpuSampleMillis;
  private double lastUnaccounted = Double.NaN;
  private Set<String> modules;
  private Map<String, String> sysctls = Map.of();
  /** Per socket-table folder: the sockstat text and the sockets when the tables were last read. */
  private final Map<String, Object[]> socketCache = new HashMap<>();

  ProcReader(ProcFs fs, int clockTicks, UnaryOperator<java.util.TreeSet<Integer>> listingFilter) {
    this(fs, clockTicks, listingFilter, 1, 1);
  }

  /**
   * @param cpuEvery every how many samples every process's stat is read for its CPU use (1: every
   *     sample); in between only processes first seen within {@value #YOUNG_SAMPLES} samples are
   * @param socketEvery the most samples between two reads of the socket tables (1: every sample);
   *     in between they are read when a namespace's {@code sockstat} counts moved
   */
  ProcReader(ProcFs fs, int clockTicks, UnaryOperator<java.util.TreeSet<Integer>> listingFilter, int cpuEvery,
      int socketEvery) {
    this.fs = fs;
    this.clockTicks = clockTicks;
    this.listingFilter = listingFilter;
    this.cpuEvery = Math.max(1, cpuEvery);
    this.socketEvery = Math.max(1, socketEvery);
  }

  ProcFs fs() {
    return fs;
  }

  /** The pids that a directory listing of {@code /proc} shows. */
  java.util.TreeSet<Integer> listPids() {
    return listingFilter.apply(fs.listNumeric(fs.path("/proc"), "proc"));
  }

  /** Reads one sample; {@code previous} (nullable) gives CPU deltas and what is known of each process. */
  HostSnapshot read(HostSnapshot previous, long nowMillis) {
    fs.resetDenied();
    sample++;
    CpuStat cpu = CpuStat.parse(fs.readText(fs.path("/proc/stat"), SMALL, "stat"));
    Map<Integer, String> users = cachedUsers();
    long bootMillis = cpu == null ? 0 : cpu.bootTimeSeconds() * 1000;
    boolean cpuSample = previous == null || sample % cpuEvery == 0;
    Map<Integer, ProcessInfo> procs = new TreeMap<>();
    Map<String, Integer> netns = new LinkedHashMap<>();
    List<ProcessInfo> fresh = new ArrayList<>();
    Set<ProcessInfo.ProcessKey> live = new HashSet<>();
    for (int pid : listPids()) {
      ProcessInfo prev = previous == null ? null : previous.processes().get(pid);
      ProcessInfo p;
      if (prev != null && !cpuSample && firstSeen.getOrDefault(prev.key(), 0L) <= sample - YOUNG_SAMPLES) {
        p = prev;
      } else {
        p = readProcess(pid, prev, users, bootMillis);
        if (p == null) {
          continue;
        }
        p = withCpu(p, nowMillis);
      }
      procs.put(pid, p);
      ProcessInfo.ProcessKey key = p.key();
      live.add(key);
      if (prev == null || prev.startTicks() != p.startTicks() || !prev.comm().equals(p.comm())) {
        firstSeen.put(key, sample);
        fresh.add(p);
      }
      String ns = p.kernelThread() ? null : netnsOf.computeIfAbsent(key, k -> fs.readLink(fs.pid(pid, "ns/net"), "ns"));
      if (ns != null) {
        netns.putIfAbsent(ns, pid);
      }
    }
    firstSeen.keySet().retainAll(live);
    netnsOf.keySet().retainAll(live);
    lastStat.keySet().retainAll(live);
    List<NetSocket> sockets = sockets(netns);
    for (ProcessInfo p : fresh) {
      p.socketInodes().forEach(i -> owners.put(i, p.pid()));
    }
    Map<Long, Integer> socketOwners = resolveOwners(sockets, procs);
    double hostCores = Double.NaN;
    if (previous != null && previous.cpu() != null && cpu != null) {
      double elapsedTicks = Math.max(1, (nowMillis - previous.timeMillis()) * clockTicks / 1000.0);
      hostCores = (cpu.busyTicks() - previous.cpu().busyTicks()) / elapsedTicks;
    }
    if (cpuSample) {
      lastUnaccounted = unaccounted(cpu, procs, nowMillis);
    }
    if (cpuSample) {
      // Kernel tuning moves rarely: read on the CPU cadence.
      String modulesText = fs.readText(fs.path("/proc/modules"), 1 << 20, "modules");
      modules = modulesText == null ? null : Modules.parse(modulesText);
      sysctls = sysctls();
    }
    return new HostSnapshot(nowMillis, procs, sockets, socketOwners,
        Mount.parse(fs.readText(fs.path("/proc/mounts"), 4 << 20, "mounts")),
        modules, sysctls, cpu, hostCores, lastUnaccounted,
        ParseUtil.parseInt(trim(fs.readText(fs.path("/proc/sys/kernel/ns_last_pid"), 64, "sysctl")), -1),
        fs.denied());
  }

  /** The process with its CPU use since its previous stat read; NaN for a process first read. */
  private ProcessInfo withCpu(ProcessInfo p, long nowMillis) {
    long[] last = lastStat.put(p.key(), new long[] {nowMillis, p.cpuTicks()});
    if (last == null) {
      return p;
    }
    double elapsedTicks = Math.max(1, (nowMillis - last[0]) * clockTicks / 1000.0);
    return p.withCpuCores(Math.max(0, p.cpuTicks() - last[1]) / elapsedTicks);
  }

  /**
   * Host user+system ticks since the previous CPU sample minus what visible processes account
   * for, their own time and the time of children they reaped (so short-lived children of visible
   * parents are not counted as missing), in cores; NaN on the first. Processes first seen since
   * count with all their time, as they were born inside the interval.
   */
  private double unaccounted(CpuStat cpu, Map<Integer, ProcessInfo> procs, long nowMillis) {
    Map<ProcessInfo.ProcessKey, long[]> ticks = new HashMap<>();
    double seen = 0;
    for (ProcessInfo p : procs.values()) {
      ticks.put(p.key(), new long[] {p.cpuTicks(), p.childCpuTicks()});
      long[] before = ticksAtCpuSample.get(p.key());
      if (before != null) {
        seen += Math.max(0, p.cpuTicks() - before[0]);
        seen += Math.max(0, p.childCpuTicks() - before[1]);
      } else {
        seen += p.cpuTicks() + p.childCpuTicks();
      }
    }
    double out = Double.NaN;
    if (cpuAtCpuSample != null && cpu != null) {
      double elapsedTicks = Math.max(1, (nowMillis - cpuSampleMillis) * clockTicks / 1000.0);
      out = Math.max(0, cpu.processTicks() - cpuAtCpuSample.processTicks() - seen) / elapsedTicks;
    }
    ticksAtCpuSample = ticks;
    cpuAtCpuSample = cpu;
    cpuSampleMillis = nowMillis;
    return out;
  }

  /**
   * The owner of every socket in the tables, from the cache; sockets of unknown owner make the
   * reader scan fd links: first of processes seen recently (a new miner's pool connection), then,
   * at most every {@value #FD_RESCAN_EVERY} samples, of every process. Drops what is gone.
   */
  private Map<Long, Integer> resolveOwners(List<NetSocket> sockets, Map<Integer, ProcessInfo> procs) {
    Set<Long> present = new HashSet<>();
    boolean unknown = false;
    for (NetSocket s : sockets) {
      present.add(s.inode());
      unknown |= !owners.containsKey(s.inode()) && !unowned.contains(s.inode());
    }
    owners.keySet().retainAll(present);
    owners.values().removeIf(pid -> !procs.containsKey(pid));
    unowned.retainAll(present);
    if (unknown) {
      scanFds(procs, p -> firstSeen.getOrDefault(p.key(), 0L) > sample - RECENT_SAMPLES);
      boolean stillUnknown = false;
      for (NetSocket s : sockets) {
        stillUnknown |= !owners.containsKey(s.inode()) && !unowned.contains(s.inode());
      }
      if (stillUnknown && sample - lastFullFdScan >= FD_RESCAN_EVERY) {
        lastFullFdScan = sample;
        unowned.clear();
        scanFds(procs, p -> true);
        for (NetSocket s : sockets) {
          if (!owners.containsKey(s.inode())) {
            unowned.add(s.inode());
          }
        }
      }
    }
    Map<Long, Integer> out = new HashMap<>();
    for (NetSocket s : sockets) {
      Integer pid = owners.get(s.inode());
      if (pid != null) {
        out.put(s.inode(), pid);
      }
    }
    return out;
  }

  private void scanFds(Map<Integer, ProcessInfo> procs, java.util.function.Predicate<ProcessInfo> which) {
    for (ProcessInfo p : procs.values()) {
      if (!p.kernelThread() && which.test(p)) {
        for (long inode : socketInodes(p.pid())) {
          owners.putIfAbsent(inode, p.pid());
        }
      }
    }
  }

  /** The user names, read again only when {@code /etc/passwd} changed. */
  private Map<Integer, String> cachedUsers() {
    Object stamp;
    try {
      var a = java.nio.file.Files.readAttributes(fs.path("/etc/passwd"), java.nio.file.attribute.BasicFileAttributes.class);
      stamp = List.of(a.size(), a.lastModifiedTime().toMillis(), String.valueOf(a.fileKey()));
    } catch (java.io.IOException e) {
      stamp = null;
    }
    if (stamp == null || !stamp.equals(passwdStamp)) {
      users = users();
      passwdStamp = stamp;
    }
    return users;
  }

  /** Reads one process, or returns null when it is gone or is no process (a thread's id). */
  ProcessInfo readProcess(int pid, ProcessInfo prev, Map<Integer, String> users, long bootMillis) {
    int n = fs.readInto(fs.pid(pid, "stat"), statBuf, "stat");
    PidStat stat = n < 0 ? null : PidStat.parse(statBuf, n);
    if (stat == null) {
      return null;
    }
    boolean sameProcess = prev != null && prev.startTicks() == stat.startTicks()
        && prev.comm().equals(stat.comm());
    long period = (REFRESH_EVERY + cpuEvery - 1) / cpuEvery * cpuEvery;
    if (sameProcess && (pid + sample) % period >= cpuEvery) {
      return known(prev, stat);
    }
    PidStatus status = PidStatus.parse(fs.readText(fs.pid(pid, "status"), SMALL, "status"));
    String exeLink = stat.isKernelThread() ? null : fs.readLink(fs.pid(pid, "exe"), "exe");
    boolean deleted = exeLink != null && exeLink.endsWith(" (deleted)");
    String exe = deleted ? exeLink.substring(0, exeLink.length() - 10) : exeLink;
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
        sameProcess ? prev.commandLine() : String.join(" ", argv),
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
        stat.isKernelThread() ? Set.of() : sameProcess ? prev.socketInodes() : socketInodes(pid));
  }

  /** A known process with what its stat line says now; the rest as last read. */
  private static ProcessInfo known(ProcessInfo prev, PidStat stat) {
    return new ProcessInfo(prev.pid(), stat.ppid(), prev.startTicks(), prev.startTimeMillis(), prev.uid(),
        prev.user(), prev.comm(), prev.exe(), prev.exeDeleted(), prev.argv(), prev.commandLine(),
        prev.commandLineTruncated(), prev.cwd(), stat.cpuTicks(), stat.cutime() + stat.cstime(),
        stat.threads(), prev.kernelThread() ? 0 : stat.rssPages() * 4, prev.cgroup(), prev.containerId(),
        prev.kernelThread(), Double.NaN, prev.socketInodes());
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
    Set<String> dirs = new HashSet<>();
    String own = fs.readLink(fs.path("/proc/self/ns/net"), "ns");
    socketsOf("/proc/net/", byInode, dirs);
    for (Map.Entry<String, Integer> ns : netns.entrySet()) {
      if (!ns.getKey().equals(own)) {
        socketsOf("/proc/" + ns.getValue() + "/net/", byInode, dirs);
      }
    }
    socketCache.keySet().retainAll(dirs);
    return new ArrayList<>(byInode.values());
  }

  /**
   * The sockets of one namespace's tables. Walking the TCP tables costs the kernel a pass over its
   * whole connection hash, so with {@code socketEvery > 1} they are read again only when the
   * namespace's {@code sockstat} counts moved, or every {@code socketEvery} samples.
   */
  private void socketsOf(String dir, Map<Long, NetSocket> byInode, Set<String> dirs) {
    dirs.add(dir);
    Object[] cached = socketCache.get(dir);
    String stamp = null;
    if (socketEvery > 1) {
      stamp = inUse(fs.readText(fs.path(dir + "sockstat"), 4096, "net")) + "|"
          + inUse(fs.readText(fs.path(dir + "sockstat6"), 4096, "net"));
      if (cached != null && stamp.equals(cached[0]) && sample - (long) cached[2] < socketEvery) {
        @SuppressWarnings("unchecked")
        List<NetSocket> same = (List<NetSocket>) cached[1];
        same.forEach(s -> byInode.putIfAbsent(s.inode(), s));
        return;
      }
    }
    Map<Long, NetSocket> mine = new LinkedHashMap<>();
    readSocketTables(dir, mine);
    socketCache.put(dir, new Object[] {stamp, List.copyOf(mine.values()), sample});
    mine.values().forEach(s -> byInode.putIfAbsent(s.inode(), s));
  }

  /**
   * The sockets-in-use counts of a {@code sockstat} text ({@code TCP: inuse 3 ...} gives {@code
   * TCP=3}): they move when a connection or listener opens or closes, unlike the memory and
   * TIME_WAIT counts beside them. Pure.
   */
  static String inUse(String sockstat) {
    if (sockstat == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (String line : sockstat.split("\n")) {
      int colon = line.indexOf(':');
      int at = line.indexOf(" inuse ");
      if (colon > 0 && at > colon && (line.startsWith("TCP") || line.startsWith("UDP"))) {
        int end = line.indexOf(' ', at + 7);
        b.append(line, 0, colon).append('=').append(line, at + 7, end < 0 ? line.length() : end).append(' ');
      }
    }
    return b.toString();
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
