package dev.minewarden.host;

import dev.minewarden.core.event.Event;
import dev.minewarden.host.proc.NetSocket;
import dev.minewarden.host.proc.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The per-process checks: miner traits, fake kernel threads, sustained CPU. Keeps, per process, how
 * many consecutive samples it stayed above the CPU threshold. Not thread-safe.
 */
final class ProcessChecks {
  private final SensorConfig config;
  private final Map<ProcessInfo.ProcessKey, Integer> hotStreak = new HashMap<>();
  private final Map<ProcessInfo.ProcessKey, Traits> traits = new HashMap<>();

  ProcessChecks(SensorConfig config) {
    this.config = config;
  }

  /**
   * Runs every per-process check on a snapshot. What depends only on a process's name, command
   * line and executable is worked out once per process and kept; each sample then only looks at
   * CPU and connections, so a quiet process costs a map lookup.
   *
   * @param eventOf the process_creation event of a process (the alert's triggering event); called
   *     only for processes with a finding
   */
  List<Finding> check(HostSnapshot snap, Function<ProcessInfo, Event> eventOf) {
    Map<Integer, List<NetSocket>> connections = connectionsByPid(snap);
    List<Finding> out = new ArrayList<>();
    Map<ProcessInfo.ProcessKey, Integer> nextStreak = new HashMap<>();
    Map<ProcessInfo.ProcessKey, Traits> nextTraits = new HashMap<>();
    for (ProcessInfo p : snap.processes().values()) {
      if (p.kernelThread()) {
        continue;
      }
      boolean hot = isHot(p, snap.cpuCount());
      int streak = hot ? hotStreak.getOrDefault(p.key(), 0) + 1 : 0;
      if (streak > 0) {
        nextStreak.put(p.key(), streak);
      }
      Traits t = traits.get(p.key());
      if (t == null || !t.describes(p)) {
        t = Traits.of(p);
      }
      nextTraits.put(p.key(), t);
      List<NetSocket> conns = connections.get(p.pid());
      boolean sustained = streak >= config.sustainSamples();
      if (t.any() || conns != null || sustained) {
        checkProcess(p, snap, conns == null ? List.of() : conns, sustained, t, eventOf, out);
      }
    }
    hotStreak.clear();
    hotStreak.putAll(nextStreak);
    traits.clear();
    traits.putAll(nextTraits);
    return out;
  }

  private boolean isHot(ProcessInfo p, int cpus) {
    double threshold = Math.max(config.highCpuMinCores(), config.highCpuFraction() * cpus);
    return !Double.isNaN(p.cpuCores()) && p.cpuCores() >= threshold;
  }

  /**
   * What a process's name, command line and executable say, worked out once per process.
   *
   * @param exe the executable it was worked out for
   * @param exeDeleted whether that executable was deleted
   * @param argv the arguments it was worked out for (compared by identity: the reader keeps them)
   * @param commandLine the miner indicators of the command line
   * @param name the miner-like name, or null
   * @param where the writable or hidden folder of the executable, or null
   * @param fake why it masquerades as a kernel thread, or null
   */
  private record Traits(String exe, boolean exeDeleted, List<String> argv, List<String> commandLine,
      String name, String where, String fake) {
    static Traits of(ProcessInfo p) {
      return new Traits(p.exe(), p.exeDeleted(), p.argv(), MinerSignals.commandLine(p.argv(), p.commandLine()),
          minerName(p), MinerSignals.writableOrHidden(p.exe()), fakeKernelThread(p));
    }

    boolean describes(ProcessInfo p) {
      return argv == p.argv() && exeDeleted == p.exeDeleted() && java.util.Objects.equals(exe, p.exe());
    }

    boolean any() {
      return !commandLine.isEmpty() || name != null || where != null || exeDeleted || fake != null;
    }
  }

  private void checkProcess(ProcessInfo p, HostSnapshot snap, List<NetSocket> conns, boolean hot, Traits t,
      Function<ProcessInfo, Event> eventOf, List<Finding> out) {
    NetSocket pool = null;
    String poolWhy = null;
    for (NetSocket s : conns) {
      poolWhy = poolReason(p, s);
      if (poolWhy != null) {
        pool = s;
        break;
      }
    }
    if (!t.any() && pool == null && !hot) {
      return;
    }
    Event ev = eventOf.apply(p);
    double price = config.usdPerVcpuHour();
    List<String> signals = new ArrayList<>();
    if (!t.commandLine().isEmpty()) {
      signals.add("command line");
      out.add(Finding.ofProcess(HostRules.MINER_COMMAND_LINE, p, ev,
          "miner command line: " + String.join(", ", t.commandLine()), price));
    }
    if (t.name() != null) {
      signals.add("name");
      out.add(Finding.ofProcess(HostRules.MINER_NAME, p, ev, "process named like a miner: " + t.name(), price));
    }
    if (pool != null) {
      signals.add("pool connection");
      out.add(Finding.ofProcess(HostRules.POOL_CONNECTION, p, ev, poolWhy, price)
          .put("destination.ip", pool.remoteIp())
          .put("destination.port", (long) pool.remotePort()));
    }
    if (hot) {
      signals.add("CPU");
      out.add(Finding.ofProcess(HostRules.HIGH_CPU, p, ev, String.format(Locale.ROOT,
          "%.2f of %d cores", p.cpuCores(), snap.cpuCount()), price));
    }
    if (t.where() != null) {
      signals.add("location");
      out.add(Finding.ofProcess(HostRules.EXEC_FROM_WRITABLE, p, ev, t.where(), price));
    }
    if (p.exeDeleted()) {
      signals.add("deleted executable");
      out.add(Finding.ofProcess(HostRules.DELETED_EXE, p, ev,
          "executable deleted after start: " + p.exe(), price));
    }
    boolean strong = signals.contains("command line") || signals.contains("name")
        || signals.contains("pool connection") || signals.contains("CPU");
    if (strong && signals.size() >= 2) {
      out.add(Finding.ofProcess(HostRules.MINER, p, ev, "miner signals: " + String.join(", ", signals), price));
    }
    if (t.fake() != null) {
      out.add(Finding.ofProcess(HostRules.FAKE_KTHREAD, p, ev, t.fake(), price));
    }
  }

  private static String minerName(ProcessInfo p) {
    for (String n : List.of(p.comm(), nullToEmpty(Text.basename(p.exe())),
        nullToEmpty(MinerSignals.argv0Name(p.argv())))) {
      if (MinerSignals.isMinerName(n)) {
        return n;
      }
    }
    return null;
  }

  private String poolReason(ProcessInfo p, NetSocket s) {
    if (!s.protocol().equals("tcp") || !s.isConnected()) {
      return null;
    }
    if (config.poolAddresses().contains(s.remoteIp())) {
      return "connection to pool address " + s.remoteIp() + ":" + s.remotePort();
    }
    String endpoint = s.remoteIp() + ":" + s.remotePort();
    if (MinerSignals.stratumEndpoints(p.commandLine()).contains(endpoint)) {
      return "connection to the Stratum pool its command line names: " + endpoint;
    }
    if (config.poolPorts().contains(s.remotePort()) && !config.poolPorts().contains(s.localPort())) {
      return "connection to mining-pool port " + s.remotePort() + " at " + s.remoteIp();
    }
    return null;
  }

  /**
   * Why a process masquerades as a kernel thread, or null. Real kernel threads carry the kernel's
   * {@code PF_KTHREAD} flag, have no executable and no command line, and are children of kthreadd
   * (pid 2); user space can copy the name but none of the rest.
   */
  static String fakeKernelThread(ProcessInfo p) {
    String shown = p.argv().isEmpty() ? p.comm() : p.argv().get(0).trim();
    boolean looks = KernelThreadNames.looksLikeKernelThread(shown)
        || KernelThreadNames.looksLikeKernelThread(p.comm());
    if (!looks || p.kernelThread()) {
      return null;
    }
    List<String> why = new ArrayList<>();
    why.add("named '" + shown + "' like a kernel thread but not one");
    if (p.exe() != null) {
      why.add("has executable " + p.exeAsShown());
    }
    if (!p.argv().isEmpty()) {
      why.add("has a command line");
    }
    if (p.ppid() != 2) {
      why.add("parent is pid " + p.ppid() + ", not kthreadd (2)");
    }
    return String.join("; ", why);
  }

  private static Map<Integer, List<NetSocket>> connectionsByPid(HostSnapshot snap) {
    Map<Integer, List<NetSocket>> out = new HashMap<>();
    for (NetSocket s : snap.sockets()) {
      Integer pid = snap.socketOwners().get(s.inode());
      if (pid != null && s.isConnected()) {
        out.computeIfAbsent(pid, k -> new ArrayList<>()).add(s);
      }
    }
    return out;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** The default mining-pool ports: Falco's list without ports common for other services. */
  static final Set<Integer> DEFAULT_POOL_PORTS = Set.of(3333, 3334, 3335, 3336, 3357, 4444, 5555,
      5556, 5588, 5730, 6099, 6666, 7777, 7778, 10128, 10343, 14433, 14444, 20580, 45560, 45700);
}
