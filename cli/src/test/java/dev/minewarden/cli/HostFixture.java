package dev.minewarden.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A minimal host root for the scan and agent commands: one fake kernel thread, one kthreadd. */
final class HostFixture {
  private HostFixture() {}

  static Path create(Path root) throws IOException {
    write(root, "proc/stat", "cpu  100 0 100 1000 0 0 0 0 0 0\ncpu0 100 0 100 1000 0 0 0 0 0 0\nbtime 1700000000\n");
    write(root, "proc/mounts", "proc /proc proc rw 0 0\n");
    write(root, "proc/modules", "");
    write(root, "proc/sys/kernel/hostname", "fixture-host\n");
    write(root, "proc/sys/kernel/pid_max", "1024\n");
    write(root, "etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
    for (String t : new String[] {"tcp", "tcp6", "udp", "udp6"}) {
      write(root, "proc/net/" + t, "  sl  local_address rem_address   st\n");
    }
    process(root, 2, 0, "kthreadd", 0x00208040L, null, "");
    process(root, 666, 1, "kworker/0:2\u001b[31m", 0x00400100L, "/var/tmp/.x/kw", "[kworker/0:2]\u001b[31m\nX\0");
    return root;
  }

  static void process(Path root, int pid, int ppid, String comm, long flags, String exe, String cmdline)
      throws IOException {
    write(root, "proc/" + pid + "/stat", pid + " (" + comm + ") S " + ppid + " 1 1 0 -1 " + flags
        + " 0 0 0 0 1 1 0 0 20 0 1 0 50 0 10 0\n");
    write(root, "proc/" + pid + "/status", "Tgid:\t" + pid + "\nPPid:\t" + ppid + "\nUid:\t0\t0\t0\t0\nThreads:\t1\n");
    write(root, "proc/" + pid + "/cmdline", cmdline);
    if (exe != null) {
      Files.createSymbolicLink(root.resolve("proc/" + pid + "/exe"), Path.of(exe));
    }
  }

  private static void write(Path root, String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }
}
