package dev.minewarden.host;

import dev.minewarden.host.proc.NetSocket;
import dev.minewarden.host.proc.ParseUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Host-wide checks against the baseline in {@link SensorState}: new listening ports, kernel
 * settings miners change, and the host's CPU spend as money per hour. Not thread-safe.
 */
final class StateChecks {
  private final SensorConfig config;
  private final Deque<Double> recentCost = new ArrayDeque<>();

  StateChecks(SensorConfig config) {
    this.config = config;
  }

  /** New listening ports since the baseline; the first sample records the baseline. */
  List<Finding> listeners(HostSnapshot snap, SensorState state, HostEvents events) {
    List<Finding> out = new ArrayList<>();
    Map<String, NetSocket> now = new TreeMap<>();
    for (NetSocket s : snap.sockets()) {
      if (s.isListening() && s.localPort() != 0) {
        now.putIfAbsent(s.protocol() + "/" + s.localPort(), s);
      }
    }
    for (Map.Entry<String, NetSocket> e : now.entrySet()) {
      if (state.listenersBaselined && !state.listeners.contains(e.getKey())) {
        NetSocket s = e.getValue();
        ProcessInfo owner = snap.ownerOf(s);
        Finding f = owner == null
            ? new Finding(HostRules.NEW_LISTENER, "listen:" + e.getKey(), events.hostWide(snap.timeMillis()))
            : Finding.ofProcess(HostRules.NEW_LISTENER, owner,
                events.process(owner, snap.processes().get(owner.ppid()), snap.timeMillis()), null,
                config.usdPerVcpuHour());
        out.add(f.put("network.transport", s.protocol()).put("server.ip", s.localIp())
            .put("server.port", (long) s.localPort())
            .put("event.reason", "new " + s.protocol() + " listener on " + s.localIp() + ":" + s.localPort()));
      }
    }
    state.listeners.addAll(now.keySet());
    state.listenersBaselined = true;
    return out;
  }

  /** Kernel settings as miners set them, and changes toward them since the baseline. */
  List<Finding> kernel(HostSnapshot snap, SensorState state, HostEvents events) {
    Map<String, String> k = new TreeMap<>(snap.sysctls());
    boolean msrLoaded = (snap.modules() != null && snap.modules().contains("msr"))
        || k.containsKey("msr.allow_writes");
    k.put("msr.loaded", Boolean.toString(msrLoaded));
    List<String> traits = traits(k);
    List<Finding> out = new ArrayList<>();
    if (!traits.isEmpty()) {
      out.add(new Finding(HostRules.KERNEL_TUNING, "kernel:" + traits, events.hostWide(snap.timeMillis()))
          .put("event.reason", String.join("; ", traits)));
    }
    if (state.kernelBaselined) {
      List<String> changes = changesTowardMining(state.kernel, k);
      if (!changes.isEmpty()) {
        out.add(new Finding(HostRules.KERNEL_TUNING_CHANGE, "kernel-change:" + changes,
            events.hostWide(snap.timeMillis())).put("event.reason", String.join("; ", changes)));
      }
    }
    state.kernel.clear();
    state.kernel.putAll(k);
    state.kernelBaselined = true;
    return out;
  }

  /** The mining traits of a set of kernel settings, as sentences. Pure. */
  static List<String> traits(Map<String, String> k) {
    List<String> out = new ArrayList<>();
    long huge = ParseUtil.parseLong(k.get("vm.nr_hugepages"), 0);
    if (huge > 0) {
      out.add("vm.nr_hugepages=" + huge + " (RandomX miners reserve huge pages)");
    }
    if ("0".equals(k.get("kernel.nmi_watchdog"))) {
      out.add("kernel.nmi_watchdog=0 (miners turn the NMI watchdog off)");
    }
    if ("true".equals(k.get("msr.loaded"))) {
      out.add("msr module loaded" + (isOn(k.get("msr.allow_writes")) ? " with allow_writes=on (XMRig's MSR tweak)" : ""));
    }
    return out;
  }

  /** Changes from {@code before} to {@code now} that move toward mining. Pure. */
  static List<String> changesTowardMining(Map<String, String> before, Map<String, String> now) {
    List<String> out = new ArrayList<>();
    long h0 = ParseUtil.parseLong(before.get("vm.nr_hugepages"), 0);
    long h1 = ParseUtil.parseLong(now.get("vm.nr_hugepages"), 0);
    if (h1 > h0) {
      out.add("vm.nr_hugepages raised from " + h0 + " to " + h1);
    }
    if ("0".equals(now.get("kernel.nmi_watchdog")) && !"0".equals(before.getOrDefault("kernel.nmi_watchdog", "0"))) {
      out.add("kernel.nmi_watchdog turned off");
    }
    if ("true".equals(now.get("msr.loaded")) && !"true".equals(before.get("msr.loaded"))) {
      out.add("msr module loaded");
    }
    if (isOn(now.get("msr.allow_writes")) && !isOn(before.get("msr.allow_writes"))) {
      out.add("msr allow_writes turned on");
    }
    return out;
  }

  private static boolean isOn(String v) {
    return v != null && (v.equalsIgnoreCase("on") || v.equals("1") || v.equalsIgnoreCase("y"));
  }

  /**
   * The host's CPU spend against its baseline: an exponentially weighted mean of past samples'
   * dollars per hour, updated only while the host is not in alert so that a miner does not become
   * the baseline. Fires when the mean of the last {@code sustainSamples} samples exceeds both
   * {@code costFactor} times the baseline and the baseline plus half a vCPU.
   */
  List<Finding> cost(HostSnapshot snap, SensorState state, HostEvents events) {
    List<Finding> out = new ArrayList<>();
    if (Double.isNaN(snap.hostCpuCores())) {
      return out;
    }
    double price = config.usdPerVcpuHour();
    double usd = snap.hostCpuCores() * price;
    recentCost.addLast(usd);
    while (recentCost.size() > Math.max(1, config.sustainSamples())) {
      recentCost.removeFirst();
    }
    double mean = recentCost.stream().mapToDouble(Double::doubleValue).average().orElse(usd);
    double base = state.costBaselineUsdPerHour;
    boolean trusted = state.costSamples >= config.costBaselineSamples();
    boolean high = trusted && recentCost.size() >= config.sustainSamples()
        && mean > config.costFactor() * base && mean > base + 0.5 * price;
    if (high) {
      out.add(new Finding(HostRules.CPU_COST, "host-cost", events.hostWide(snap.timeMillis()))
          .put("cost.usd_per_hour", Finding.round(mean))
          .put("cost.baseline_usd_per_hour", Finding.round(base))
          .put("host.cpu.cores", Finding.round(snap.hostCpuCores()))
          .put("event.reason", String.format(Locale.ROOT,
              "host CPU costs $%.4f/h against a baseline of $%.4f/h ($%.3f per vCPU-hour)", mean, base, price)));
    } else {
      double alpha = Math.max(1.0 / (state.costSamples + 1), 1.0 / 600);
      state.costBaselineUsdPerHour = state.costSamples == 0 ? usd : base + alpha * (usd - base);
      state.costSamples++;
    }
    return out;
  }
}
