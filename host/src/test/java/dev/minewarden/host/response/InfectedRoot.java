package dev.minewarden.host.response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A host root under a test folder whose {@code proc} links to the live {@code /proc}, with an
 * {@code etc/passwd}, a root crontab and an {@code authorized_keys} file; and a miner-like
 * infection to start in it: a launcher script, two watchdog scripts that respawn the miner and each
 * other, and the "miner" (a renamed copy of {@code sleep}). Every executable lies under the root,
 * so the test can tell its own processes from anything else on the machine by path alone.
 */
final class InfectedRoot {
  static final String LEGIT_CRON = "17 3 * * * /usr/local/bin/backup.sh";
  static final String LEGIT_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOf0admin admin@laptop";
  static final String ATTACKER_KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCattacker root@pool";

  final Path root;
  final Path drop;
  final Path cron;
  final Path keys;
  private final List<Process> started = new ArrayList<>();

  InfectedRoot(Path root) throws IOException {
    this.root = root;
    this.drop = root.resolve("var/tmp/.x");
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve("proc"), Path.of("/proc"));
    write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
    write("etc/hosts", "127.0.0.1 localhost\n");
    cron = write("var/spool/cron/crontabs/root", "# m h dom mon dow command\n" + LEGIT_CRON + "\n");
    keys = write("root/.ssh/authorized_keys", LEGIT_KEY + "\n");
  }

  /** Drops the miner, its watchdogs and launcher, and adds the cron line and SSH key. */
  void infect() throws IOException {
    Files.createDirectories(drop);
    copyExecutable(Path.of("/bin/sleep"), drop.resolve("kdevtmpfsi"));
    copyExecutable(Path.of("/bin/sleep"), drop.resolve("nap"));
    copyExecutable(Path.of("/bin/bash"), drop.resolve("bash"));
    Files.writeString(drop.resolve("launch.sh"), String.join("\n",
        "d=${0%/*}",
        "(exec -a kdevtmpfsi \"$d/kdevtmpfsi\" 600) &",
        "echo $! > \"$d/miner.pid\"",
        "\"$d/bash\" \"$d/watch.sh\" a &",
        "\"$d/bash\" \"$d/watch.sh\" b &",
        "wait", ""), StandardCharsets.UTF_8);
    // Each watchdog restarts the miner and the other watchdog when they die, every 50 ms.
    Files.writeString(drop.resolve("watch.sh"), String.join("\n",
        "d=${0%/*}; me=$1",
        "if [ \"$me\" = a ]; then other=b; else other=a; fi",
        "echo $$ > \"$d/watch-$me.pid\"",
        "while :; do",
        "  read -r m < \"$d/miner.pid\"",
        "  if ! kill -0 \"$m\" 2>/dev/null; then (exec -a kdevtmpfsi \"$d/kdevtmpfsi\" 600) & echo $! > \"$d/miner.pid\"; fi",
        "  if [ -s \"$d/watch-$other.pid\" ]; then read -r o < \"$d/watch-$other.pid\";"
            + " kill -0 \"$o\" 2>/dev/null || \"$d/bash\" \"$d/watch.sh\" $other & fi",
        "  \"$d/nap\" 0.05",
        "done", ""), StandardCharsets.UTF_8);
    Files.writeString(cron, "* * * * * " + drop.resolve("bash") + " " + drop.resolve("launch.sh") + "\n",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Files.writeString(keys, ATTACKER_KEY + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  /** Starts the launcher and waits (at most 20 s) until the miner and both watchdogs run. */
  Process launch() throws Exception {
    Process p = start(List.of(drop.resolve("bash").toString(), drop.resolve("launch.sh").toString()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (running("kdevtmpfsi") >= 1 && running("watch.sh") >= 2) {
        return p;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("the infection did not start");
  }

  /** Starts a command (recorded, killed by {@link #close()}). */
  Process start(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    started.add(p);
    return p;
  }

  /** How many live processes (not zombies) run from under the root and mention the text. */
  long running(String text) {
    return ours().stream().filter(h -> describe(h).contains(text)).count();
  }

  /** Live processes whose executable or arguments lie under this root: only this test starts such. */
  List<ProcessHandle> ours() {
    String r = root.toString();
    List<ProcessHandle> out = new ArrayList<>();
    ProcessHandle.allProcesses().forEach(h -> {
      if (describe(h).contains(r) && !isZombie(h.pid())) {
        out.add(h);
      }
    });
    return out;
  }

  static String describe(ProcessHandle h) {
    try {
      String exe = Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "exe")).toString();
      String cmd = new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")),
          StandardCharsets.UTF_8).replace('\0', ' ');
      return exe + " " + cmd;
    } catch (IOException e) {
      return "";
    }
  }

  /** The state letter of a live process ({@code T} when stopped), or {@code '?'}. */
  static char state(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2);
    } catch (IOException | RuntimeException e) {
      return '?';
    }
  }

  static boolean isZombie(long pid) {
    char s = state(pid);
    return s == 'Z' || s == 'X' || s == '?';
  }

  /** Kills everything this test started: the recorded processes and anything running from under the root. */
  void close() throws Exception {
    for (int round = 0; round < 3; round++) {
      for (ProcessHandle h : ours()) {
        h.destroyForcibly();
      }
    }
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    // The link to /proc goes first, so that the temporary folder's clean-up never walks it.
    Files.deleteIfExists(root.resolve("proc"));
  }

  Path write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  static void copyExecutable(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
  }
}
