package dev.minewarden.host.response;

import dev.minewarden.host.proc.NetSocket;
import dev.minewarden.host.proc.ProcFs;
import dev.minewarden.host.proc.Text;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says which processes the response must never touch, and why: PID 1, kernel threads, Minewarden
 * itself and its ancestors, the SSH daemon's listener (and anything listening on port 22), and
 * whatever the policy allowlists or leaves outside its {@code only} scope. Not thread-safe.
 */
final class Guard {
  private static final int SSH_PORT = 22;

  private final ProcFs fs;
  private final ProcessTable table;
  private final ResponsePolicy policy;
  private final Set<Integer> selfAndAncestors = new HashSet<>();
  private final Map<Integer, String> hashes = new HashMap<>();
  private Set<Long> listenInodes;
  private Set<Long> sshInodes;

  Guard(ProcFs fs, ProcessTable table, ResponsePolicy policy, long selfPid) {
    this.fs = fs;
    this.table = table;
    this.policy = policy;
    int pid = (int) selfPid;
    for (int i = 0; i < 64 && pid > 0 && selfAndAncestors.add(pid); i++) {
      ProcessTable.Proc p = table.get(pid);
      pid = p == null ? 0 : p.ppid();
    }
  }

  /** Why the process must be left alone, or {@code null} when it may be acted on. */
  String protection(ProcessTable.Proc p) {
    if (p.pid() <= 1) {
      return "PID 1";
    }
    if (p.kernelThread()) {
      return "a kernel thread";
    }
    if (selfAndAncestors.contains(p.pid())) {
      return p.pid() == ProcessHandle.current().pid() ? "Minewarden itself" : "an ancestor of Minewarden";
    }
    if (isSshListener(p)) {
      return "the SSH daemon's listener";
    }
    String allow = selects(policy.allowlist(), p);
    if (allow != null) {
      return "allowlisted (" + allow + ")";
    }
    if (!policy.only().isEmptyForProcesses() && selects(policy.only(), p) == null) {
      return "outside the policy's only: scope";
    }
    return null;
  }

  /** Which entry of the selector picks the process, or {@code null}. */
  String selects(ResponsePolicy.Selector s, ProcessTable.Proc p) {
    String script = Images.script(p);
    for (String g : s.executables()) {
      if (Glob.matches(g, p.exe()) || Glob.matches(g, script)) {
        return "executable " + g;
      }
    }
    for (String u : s.users()) {
      if (u.equals(p.user()) || u.equals(Integer.toString(p.uid()))) {
        return "user " + u;
      }
    }
    for (String c : s.containers()) {
      if (p.containerId() != null && c.length() >= 12 && p.containerId().startsWith(c)) {
        return "container " + c;
      }
    }
    if (!s.sha256().isEmpty()) {
      String h = exeHash(p);
      if (h != null && s.sha256().contains(h)) {
        return "sha256 " + h;
      }
    }
    return null;
  }

  /** The SHA-256 of the running executable, read through {@code /proc/<pid>/exe}, or {@code null}. */
  String exeHash(ProcessTable.Proc p) {
    return hashes.computeIfAbsent(p.pid(), k -> Hashing.sha256(fs.pid(p.pid(), "exe")));
  }

  private boolean isSshListener(ProcessTable.Proc p) {
    boolean sshd = p.exe() != null && Text.basename(p.exe()).equals("sshd");
    if (sshd && p.ppid() <= 1) {
      return true;
    }
    loadListeners();
    Set<Long> inodes = sshd ? listenInodes : sshInodes;
    if (inodes.isEmpty()) {
      return false;
    }
    for (String fd : fs.listNames(fs.pid(p.pid(), "fd"), "fd")) {
      String link = fs.readLink(fs.pid(p.pid(), "fd/" + fd), "fd");
      if (link != null && link.startsWith("socket:[") && link.endsWith("]")) {
        long inode = dev.minewarden.host.proc.ParseUtil.parseLong(link.substring(8, link.length() - 1), -1);
        if (inodes.contains(inode)) {
          return true;
        }
      }
    }
    return false;
  }

  private void loadListeners() {
    if (listenInodes != null) {
      return;
    }
    listenInodes = new HashSet<>();
    sshInodes = new HashSet<>();
    for (String proto : List.of("tcp", "tcp6")) {
      String text = fs.readText(fs.path("/proc/net/" + proto), 16 << 20, "net");
      for (NetSocket s : NetSocket.parse(text, "tcp")) {
        if (s.isListening()) {
          listenInodes.add(s.inode());
          if (s.localPort() == SSH_PORT) {
            sshInodes.add(s.inode());
          }
        }
      }
    }
  }

  /** The table the guard judges against. */
  ProcessTable table() {
    return table;
  }
}
