package dev.minewarden.host;

import java.util.List;
import java.util.Set;

/**
 * One process as the sensor saw it in one sample. Text fields are decoded from the kernel's bytes
 * with invalid UTF-8 replaced, and are attacker-controlled: escape them before showing them.
 *
 * @param pid the process id
 * @param ppid the parent's pid
 * @param startTicks start time in clock ticks after boot (with the pid, the process's identity)
 * @param startTimeMillis start time, epoch ms (0 when the boot time is unknown)
 * @param uid the real user id, -1 when unknown
 * @param user the user name from {@code /etc/passwd}, or the uid as text
 * @param comm the kernel's command name
 * @param exe the executable path without the {@code " (deleted)"} suffix, or {@code null} when
 *     unreadable or absent (kernel threads)
 * @param exeDeleted whether the executable was deleted after the process started
 * @param argv the arguments ({@code argv[0]} first), empty for kernel threads
 * @param commandLine the arguments joined by spaces, at most the reader's bound
 * @param commandLineTruncated whether the command line was longer than the bound
 * @param cwd the working directory, or {@code null}
 * @param cpuTicks user plus system time, clock ticks
 * @param childCpuTicks user plus system time of reaped children, clock ticks
 * @param threads the number of threads
 * @param rssKb resident memory, KiB
 * @param cgroup the cgroup path, or {@code null}
 * @param containerId the 64-hex container id, or {@code null} outside containers
 * @param kernelThread whether the kernel flags this as a kernel thread ({@code PF_KTHREAD})
 * @param cpuCores CPU used since the previous sample in cores (1.0 = one core busy), or {@code
 *     NaN} for a process first seen in this sample
 * @param socketInodes the inodes of its sockets, from {@code /proc/<pid>/fd}
 */
public record ProcessInfo(
    int pid,
    int ppid,
    long startTicks,
    long startTimeMillis,
    int uid,
    String user,
    String comm,
    String exe,
    boolean exeDeleted,
    List<String> argv,
    String commandLine,
    boolean commandLineTruncated,
    String cwd,
    long cpuTicks,
    long childCpuTicks,
    int threads,
    long rssKb,
    String cgroup,
    String containerId,
    boolean kernelThread,
    double cpuCores,
    Set<Long> socketInodes) {

  /** Copies the collections. */
  public ProcessInfo {
    argv = List.copyOf(argv);
    socketInodes = Set.copyOf(socketInodes);
  }

  /** The identity of this process across samples: pid and start time (pids are reused). */
  public ProcessKey key() {
    return new ProcessKey(pid, startTicks);
  }

  /** The executable path with {@code " (deleted)"} appended when it was deleted, or null. */
  public String exeAsShown() {
    return exe == null ? null : exeDeleted ? exe + " (deleted)" : exe;
  }

  /** The best name to show: the executable, else {@code argv[0]}, else {@code [comm]}. */
  public String image() {
    if (exe != null) {
      return exe;
    }
    return argv.isEmpty() ? "[" + comm + "]" : argv.get(0);
  }

  /** Returns a copy with the CPU use since the previous sample set. */
  ProcessInfo withCpuCores(double cores) {
    return new ProcessInfo(pid, ppid, startTicks, startTimeMillis, uid, user, comm, exe, exeDeleted,
        argv, commandLine, commandLineTruncated, cwd, cpuTicks, childCpuTicks, threads, rssKb,
        cgroup, containerId, kernelThread, cores, socketInodes);
  }

  /**
   * A process's identity across samples.
   *
   * @param pid the process id
   * @param startTicks its start time in ticks after boot
   */
  public record ProcessKey(int pid, long startTicks) {}
}
