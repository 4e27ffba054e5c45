package dev.minewarden.host.response;

import dev.minewarden.host.proc.PidStat;
import dev.minewarden.host.proc.ProcFs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Signals processes, only after re-reading {@code /proc/<pid>/stat} and finding the start time
 * the plan recorded (pids are reused). SIGSTOP goes through {@code kill -s STOP} with the numeric
 * pid; a process found reused right after its stop is continued at once. SIGKILL goes through
 * {@link ProcessHandle}, which the JDK checks against the start time it saw, and the start time
 * is re-read after the handle is taken, so a reuse at any moment is caught. Thread-safe.
 */
final class ProcControl {
  /** What happened to one process. */
  enum Outcome {
    /** Stopped (SIGSTOP) or killed, as asked. */
    DONE,
    /** The pid is gone or a zombie: nothing to do. */
    GONE,
    /** The pid now belongs to another process: not touched. */
    REUSED,
    /** The signal failed (permissions). */
    FAILED
  }

  private final ProcFs fs;
  private final CommandRunner local;

  ProcControl(ProcFs fs, CommandRunner local) {
    this.fs = fs;
    this.local = local;
  }

  /** The start time of the process now at pid, or -1 when there is none (or only a zombie). */
  long startTicks(int pid) {
    PidStat s = PidStat.parse(fs.readText(fs.pid(pid, "stat"), 4096, "stat"));
    return s == null || s.state() == 'Z' || s.state() == 'X' ? -1 : s.startTicks();
  }

  /** The one-letter state of the process now at pid, or {@code '?'} when gone. */
  char state(int pid) {
    PidStat s = PidStat.parse(fs.readText(fs.pid(pid, "stat"), 4096, "stat"));
    return s == null ? '?' : s.state();
  }

  private Outcome check(int pid, long startTicks) {
    long now = startTicks(pid);
    return now < 0 ? Outcome.GONE : now != startTicks ? Outcome.REUSED : null;
  }

  /** Sends SIGSTOP to the process if it is still the one planned. */
  Outcome stop(int pid, long startTicks) {
    Outcome before = check(pid, startTicks);
    if (before != null) {
      return before;
    }
    boolean ok = signal("STOP", pid);
    Outcome after = check(pid, startTicks);
    if (after == Outcome.REUSED) {
      // The pid changed hands between the check and the signal: let the newcomer run on.
      signal("CONT", pid);
      return Outcome.REUSED;
    }
    return after == Outcome.GONE ? Outcome.GONE : ok ? Outcome.DONE : Outcome.FAILED;
  }

  /** Sends SIGCONT to the process if it is still the one planned (undoing a freeze). */
  Outcome resume(int pid, long startTicks) {
    Outcome before = check(pid, startTicks);
    return before != null ? before : signal("CONT", pid) ? Outcome.DONE : Outcome.FAILED;
  }

  /** Sends SIGKILL to the process if it is still the one planned. */
  Outcome kill(int pid, long startTicks) {
    Outcome before = check(pid, startTicks);
    if (before != null) {
      return before;
    }
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    Outcome again = check(pid, startTicks);
    if (h.isEmpty() || again != null) {
      return again == null ? Outcome.GONE : again;
    }
    // The handle carries the start time the JDK read; destroy refuses if the pid changed since.
    return h.get().destroyForcibly() || startTicks(pid) < 0 ? Outcome.DONE : Outcome.FAILED;
  }

  /** Waits until none of the processes (pid to start ticks) is alive, at most {@code millis}; zombies count as gone. */
  boolean awaitGone(Map<Integer, Long> identities, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (identities.entrySet().stream().anyMatch(e -> startTicks(e.getKey()) == e.getValue())) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return true;
  }

  private boolean signal(String sig, int pid) {
    return local.run(List.of("kill", "-s", sig, "--", Integer.toString(pid))).ok();
  }
}
