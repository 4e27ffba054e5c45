package dev.minewarden.host.response;

import dev.minewarden.host.proc.Cgroups;
import dev.minewarden.host.proc.Passwd;
import dev.minewarden.host.proc.PidStat;
import dev.minewarden.host.proc.ProcFs;
import dev.minewarden.host.proc.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The processes of a host as the responder needs them: identity (pid and start time), parent,
 * executable, arguments, user and container. Read fresh before planning and again while acting,
 * through the configurable root. Immutable.
 */
public final class ProcessTable {
  /** Enough of a command line for images and allowlists; {@link #fullArgv} reads more. */
  private static final int MAX_CMDLINE = 4 << 10;
  private static final int MAX_FULL_CMDLINE = 256 << 10;
  private static final String DELETED = " (deleted)";

  private final Map<Integer, Proc> byPid;

  private ProcessTable(Map<Integer, Proc> byPid) {
    this.byPid = Collections.unmodifiableMap(byPid);
  }

  /**
   * One process. Text fields are attacker-controlled.
   *
   * @param pid the process id
   * @param ppid the parent's pid
   * @param startTicks start time in clock ticks after boot: with the pid, the process's identity
   * @param state the one-letter state ({@code R}, {@code S}, {@code T} stopped, {@code Z} zombie)
   * @param comm the kernel's command name
   * @param exe the executable path without {@code " (deleted)"}, or {@code null} when unreadable
   * @param exeDeleted whether the executable was deleted after start
   * @param argv the arguments
   * @param uid the effective user id (the owner of {@code /proc/<pid>}), -1 when unknown
   * @param user the user name, or the uid as text
   * @param containerId the container id, or {@code null}
   * @param kernelThread whether the kernel flags it as a kernel thread
   */
  public record Proc(int pid, int ppid, long startTicks, char state, String comm, String exe,
      boolean exeDeleted, List<String> argv, int uid, String user, String containerId,
      boolean kernelThread) {
    /** Copies the arguments. */
    public Proc {
      argv = List.copyOf(argv);
    }

    /** The executable, else {@code argv[0]}, else {@code [comm]}: the name to show. */
    public String image() {
      return exe != null ? exe : argv.isEmpty() ? "[" + comm + "]" : argv.get(0);
    }
  }

  /**
   * Reads every process under the root's {@code /proc}; processes that exit meanwhile are skipped.
   * Per process: {@code stat}, the owner of {@code /proc/<pid>}, the {@code exe} link, 4 KiB of
   * {@code cmdline}, and {@code cgroup} only when {@code containers} is set: a few hundred
   * processes in tens of milliseconds, since a response re-reads the table several times.
   */
  public static ProcessTable read(ProcFs fs, boolean containers) {
    Map<Integer, String> users = new HashMap<>();
    for (Passwd.Account a : Passwd.parse(fs.readText(fs.path("/etc/passwd"), 4 << 20, "passwd"))) {
      users.putIfAbsent(a.uid(), a.name());
    }
    Map<Integer, Proc> out = new TreeMap<>();
    for (int pid : fs.listNumeric(fs.path("/proc"), "proc")) {
      Proc p = readOne(fs, pid, users, containers);
      if (p != null) {
        out.put(pid, p);
      }
    }
    return new ProcessTable(out);
  }

  /** Reads every process, with container ids. */
  public static ProcessTable read(ProcFs fs) {
    return read(fs, true);
  }

  /** The whole argument list of a process (up to 256 KiB), or what the table has when it is gone. */
  static List<String> fullArgv(ProcFs fs, Proc p) {
    byte[] cmd = fs.readBytes(fs.pid(p.pid(), "cmdline"), MAX_FULL_CMDLINE, "cmdline");
    return cmd == null || cmd.length == 0 ? p.argv() : Text.splitNul(cmd, cmd.length);
  }

  /** Reads one process, or returns {@code null} when it is gone or unreadable. */
  static Proc readOne(ProcFs fs, int pid, Map<Integer, String> users, boolean containers) {
    PidStat stat = PidStat.parse(fs.readText(fs.pid(pid, "stat"), 4096, "stat"));
    if (stat == null) {
      return null;
    }
    int uid = uid(fs.path("/proc/" + pid));
    String link = fs.readLink(fs.pid(pid, "exe"), "exe");
    boolean deleted = link != null && link.endsWith(DELETED);
    String exe = deleted ? link.substring(0, link.length() - DELETED.length()) : link;
    byte[] cmd = fs.readBytes(fs.pid(pid, "cmdline"), MAX_CMDLINE, "cmdline");
    List<String> argv = cmd == null ? List.of() : Text.splitNul(cmd, cmd.length);
    String container = containers
        ? Cgroups.containerId(fs.readText(fs.pid(pid, "cgroup"), 16 << 10, "cgroup")) : null;
    String user = users.getOrDefault(uid, uid < 0 ? null : Integer.toString(uid));
    return new Proc(pid, stat.ppid(), stat.startTicks(), stat.state(), stat.comm(), exe, deleted,
        argv, uid, user, container, stat.isKernelThread() || stat.ppid() == 2 || pid == 2);
  }

  /** The owner of {@code /proc/<pid>}: the process's effective uid, one stat call; -1 when gone. */
  private static int uid(java.nio.file.Path procDir) {
    try {
      return (Integer) java.nio.file.Files.getAttribute(procDir, "unix:uid");
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Builds a table from known processes (for callers that keep their own view). */
  public static ProcessTable of(List<Proc> procs) {
    Map<Integer, Proc> m = new TreeMap<>();
    procs.forEach(p -> m.put(p.pid(), p));
    return new ProcessTable(m);
  }

  /** The process with this pid, or {@code null}. */
  public Proc get(int pid) {
    return byPid.get(pid);
  }

  /** Every process, by pid. */
  public Map<Integer, Proc> all() {
    return byPid;
  }

  /** The direct children of a process. */
  public List<Proc> children(int pid) {
    List<Proc> out = new ArrayList<>();
    for (Proc p : byPid.values()) {
      if (p.ppid() == pid && p.pid() != pid) {
        out.add(p);
      }
    }
    return out;
  }
}
