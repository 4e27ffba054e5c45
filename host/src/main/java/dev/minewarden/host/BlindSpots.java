package dev.minewarden.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns refused reads into sentences saying what a sample could not see and what that hides. */
final class BlindSpots {
  private static final Map<String, String> WHAT = Map.of(
      "exe", "executables of %d processes (deleted or /tmp executables there go unseen)",
      "fd", "open sockets of %d processes (their connections cannot be tied to them)",
      "cwd", "working directories of %d processes",
      "cmdline", "command lines of %d processes",
      "ns", "network namespaces of %d processes (sockets in containers may be missed)",
      "watched-file", "%d watched files (persistence there goes unseen)",
      "watched-dir", "%d watched folders, such as other users' ~/.ssh",
      "proc", "the /proc listing (%d refusals)",
      "status", "status of %d processes");

  private BlindSpots() {}

  static List<String> describe(HostSnapshot snap, Map<String, Long> denied) {
    List<String> out = new ArrayList<>();
    Map<String, Long> all = new java.util.TreeMap<>(snap.denied());
    denied.forEach((k, v) -> all.merge(k, v, Math::max));
    all.forEach((kind, count) -> out.add("could not read " + String.format(java.util.Locale.ROOT,
        WHAT.getOrDefault(kind, kind + " (%d refusals)"), count)));
    if (snap.modules() == null) {
      out.add("no /proc/modules: loaded modules (msr) cannot be listed");
    }
    if (snap.cpu() == null) {
      out.add("no /proc/stat: host CPU and cost cannot be measured");
    }
    snap.mounts().stream()
        .filter(m -> m.mountPoint().equals("/proc") && (m.hasOption("hidepid") || m.hasOption("subset")))
        .findFirst()
        .ifPresent(m -> out.add("/proc is mounted with " + m.options()
            + ": other users' processes are hidden from this sensor"));
    if (!out.isEmpty() && !isRoot()) {
      out.add("running unprivileged: run as root to see everything");
    }
    return out;
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
