package dev.minewarden.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds a fake host root ({@code proc/}, {@code etc/}, ...) in a test's temporary folder. */
final class FixtureTree {
  static final long KTHREAD_FLAGS = 0x00208040L;
  static final long USER_FLAGS = 0x00400100L;

  final Path root;

  FixtureTree(Path root) {
    this.root = root;
    stat(1000, 1000, 10);
    write("/proc/mounts", "proc /proc proc rw,relatime 0 0\n/dev/vda / ext4 rw 0 0\n");
    write("/proc/modules", "");
    write("/proc/sys/kernel/ns_last_pid", "500\n");
    write("/proc/sys/kernel/pid_max", "8192\n");
    write("/proc/sys/vm/nr_hugepages", "0\n");
    write("/proc/sys/kernel/nmi_watchdog", "1\n");
    write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n");
    for (String t : List.of("tcp", "tcp6", "udp", "udp6")) {
      write("/proc/net/" + t, "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
    }
    kernelThread(2, 0, "kthreadd");
    process(1, 0, 0, "systemd", "/usr/lib/systemd/systemd", List.of("/sbin/init"), 0);
  }

  /** Writes /proc/stat with the given user and system ticks, and idle ticks. */
  FixtureTree stat(long user, long system, long idle) {
    write("/proc/stat", "cpu  " + user + " 0 " + system + " " + idle + " 0 0 0 0 0 0\n"
        + "cpu0 " + user / 2 + " 0 " + system / 2 + " " + idle / 2 + " 0 0 0 0 0 0\n"
        + "cpu1 " + user / 2 + " 0 " + system / 2 + " " + idle / 2 + " 0 0 0 0 0 0\n"
        + "intr 0\nbtime 1700000000\nprocesses 100\n");
    return this;
  }

  FixtureTree kernelThread(int pid, int ppid, String comm) {
    statFile(pid, ppid, comm, KTHREAD_FLAGS, 0, 0);
    write("/proc/" + pid + "/status", "Name:\t" + comm + "\nTgid:\t" + pid + "\nPPid:\t" + ppid
        + "\nUid:\t0\t0\t0\t0\nThreads:\t1\n");
    write("/proc/" + pid + "/cmdline", "");
    return this;
  }

  /** A user process: exe link (may be dangling, may end in " (deleted)"), argv, CPU ticks. */
  FixtureTree process(int pid, int ppid, int uid, String comm, String exe, List<String> argv, long ticks) {
    statFile(pid, ppid, comm, USER_FLAGS, ticks, 0);
    write("/proc/" + pid + "/status", "Name:\t" + comm + "\nTgid:\t" + pid + "\nPPid:\t" + ppid
        + "\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\nThreads:\t1\nVmRSS:\t  1024 kB\n");
    write("/proc/" + pid + "/cmdline", argv.isEmpty() ? "" : String.join("\0", argv) + "\0");
    write("/proc/" + pid + "/cgroup", "0::/user.slice\n");
    link("/proc/" + pid + "/exe", exe);
    link("/proc/" + pid + "/cwd", "/");
    mkdir("/proc/" + pid + "/fd");
    return this;
  }

  /** A thread {@code tid} of process {@code tgid}, served at /proc/tid as Linux does. */
  FixtureTree thread(int tid, int tgid, String comm) {
    statFile(tid, 1, comm, USER_FLAGS, 0, 0);
    write("/proc/" + tid + "/status", "Name:\t" + comm + "\nTgid:\t" + tgid + "\nPPid:\t1\nUid:\t0\t0\t0\t0\n");
    return this;
  }

  FixtureTree cpu(int pid, int ppid, String comm, long ticks, long childTicks) {
    statFile(pid, ppid, comm, USER_FLAGS, ticks, childTicks);
    return this;
  }

  private void statFile(int pid, int ppid, String comm, long flags, long ticks, long childTicks) {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    // cutime cstime priority nice threads itreal starttime vsize rss ...
    write("/proc/" + pid + "/stat", pid + " (" + comm + ") S " + ppid + " " + pid + " " + pid
        + " 0 -1 " + flags + " 0 0 0 0 " + ticks + " 0 " + childTicks + " 0 20 0 1 0 " + (100 + pid)
        + " 1000000 256 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n");
  }

  /** Adds a socket owned by pid: a line in the table and an fd link to it. */
  FixtureTree socket(int pid, String table, String line, long inode, int fd) {
    String header = read("/proc/net/" + table);
    write("/proc/net/" + table, header + line + "\n");
    link("/proc/" + pid + "/fd/" + fd, "socket:[" + inode + "]");
    return this;
  }

  FixtureTree write(String hostPath, String text) {
    Path p = path(hostPath);
    try {
      Files.createDirectories(p.getParent());
      Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  FixtureTree delete(String hostPath) {
    try {
      Files.deleteIfExists(path(hostPath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  String read(String hostPath) {
    try {
      return Files.readString(path(hostPath), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FixtureTree link(String hostPath, String target) {
    Path p = path(hostPath);
    try {
      Files.createDirectories(p.getParent());
      Files.deleteIfExists(p);
      Files.createSymbolicLink(p, Path.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  FixtureTree mkdir(String hostPath) {
    try {
      Files.createDirectories(path(hostPath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Path path(String hostPath) {
    return root.resolve(hostPath.substring(1));
  }
}
