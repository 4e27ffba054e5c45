package dev.minewarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code scan --respond}, {@code agent --respond --apply} and {@code undo} from the command line. */
class RespondCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(Object command, String... args) {
    return run(command, new StringWriter(), args);
  }

  private static Run run(Object command, StringWriter out, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path policy(String... lines) throws Exception {
    Path p = dir.resolve("policy.yaml");
    Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void scan_respondPrintsADryRunPlanOnStderr() throws Exception {
    Path root = HostFixture.create(dir.resolve("root"));
    Path policy = policy("rules:", "  - match: {rules: [mw-host-fake-kthread]}", "    actions: [kill-tree, quarantine]");

    Run r = run(new ScanCommand(), "--root", root.toString(), "--window", "0", "--format", "ndjson",
        "--state", dir.resolve("state").toString(), "--respond", "--policy", policy.toString());

    assertThat(r.err()).contains("dry run, nothing done (--apply acts)", "freeze", "kill-tree", "pid 666 /var/tmp/.x/kw");
    assertThat(r.err()).doesNotContain("\u001b");
    assertThat(r.out().lines()).isNotEmpty().allMatch(l -> json(l).at("/event/kind").asText().equals("alert"));
  }

  @Test
  void scan_planAsNdjsonObjectsBesideAlerts_applyOnFixtureSignalsNothing() throws Exception {
    Path root = HostFixture.create(dir.resolve("root"));
    Path policy = policy("rules:", "  - match: {rules: [mw-host-fake-kthread]}", "    actions: [kill-tree]");

    Run r = run(new ScanCommand(), "--root", root.toString(), "--window", "0", "--format", "ndjson",
        "--state", dir.resolve("state").toString(), "--respond", "--apply", "--policy", policy.toString(),
        "--plan-format", "ndjson");

    List<JsonNode> objects = new ArrayList<>();
    for (String l : r.out().split("\n")) {
      objects.add(JSON.readTree(l));
    }
    assertThat(objects).anyMatch(o -> o.at("/event/kind").asText().equals("alert"));
    List<JsonNode> response = objects.stream().filter(o -> o.at("/event/dataset").asText().equals("minewarden.response")).toList();
    assertThat(response).extracting(o -> o.at("/event/action").asText()).contains("freeze", "kill-tree");
    assertThat(response).allMatch(o -> o.at("/event/kind").asText().equals("event"));
    assertThat(response.get(0).at("/event/outcome").asText()).isEqualTo("skipped");
    assertThat(response.get(0).at("/minewarden/response/message").asText()).contains("not this machine's");
  }

  @Test
  void respondOptions_needRespond() {
    Run r = run(new ScanCommand(), "--root", dir.toString(), "--window", "0", "--apply");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--apply and --policy need --respond");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void agent_stopsTheMinerWithinASecondOfItsAlert_thenUndoListsAndVerifies() throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("proc"), Path.of("/proc"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Path miner = root.resolve("var/tmp/.x/kdevtmpfsi");
    Files.createDirectories(miner.getParent());
    Files.copy(Path.of("/bin/sleep"), miner);
    Files.setPosixFilePermissions(miner, PosixFilePermissions.fromString("rwx------"));
    Path state = dir.resolve("state");
    // The only: scope keeps the agent on processes running from under the test root.
    Path policy = policy("mode: apply", "rules:", "  - match: {rules: [mw-host-miner], minLevel: critical}",
        "    actions: [kill-tree, quarantine]", "only:", "  executables: ['" + root + "/*']");
    Process p = new ProcessBuilder(miner.toString(), "600").start();
    AtomicLong exitedAt = new AtomicLong();
    p.onExit().thenRun(() -> exitedAt.set(System.currentTimeMillis()));
    try {
      awaitExe(p.pid(), miner);

      AtomicLong alertedAt = new AtomicLong();
      StringWriter stdout = new StringWriter() {
        @Override
        public void write(String s, int off, int len) {
          super.write(s, off, len);
          if (alertedAt.get() == 0 && toString().contains("\"mw-host-miner\"")) {
            alertedAt.set(System.currentTimeMillis());
          }
        }
      };

      Run r = run(new AgentCommand(), stdout, "--root", root.toString(), "--state", state.toString(), "--interval",
          "0.3", "--samples", "3", "--respond", "--policy", policy.toString());

      assertThat(p.waitFor(5, TimeUnit.SECONDS)).as("miner killed; agent said: " + r.err()).isTrue();
      JsonNode alert = r.out().lines().map(RespondCommandTest::json)
          .filter(o -> o.at("/rule/id").asText().equals("mw-host-miner") && o.at("/process/pid").asLong() == p.pid())
          .findFirst().orElseThrow();
      assertThat(Instant.parse(alert.get("@timestamp").asText()).toEpochMilli()).isLessThanOrEqualTo(alertedAt.get());
      assertThat(exitedAt.get() - alertedAt.get()).as("ms from the alert's output to the miner's exit").isBetween(0L, 1000L);
      assertThat(miner).doesNotExist();
      assertThat(r.err()).contains("applied", "killed 1 processes");

      Run list = run(new UndoCommand(), "--root", root.toString(), "--state", state.toString(), "--list");
      assertThat(list.code()).isZero();
      assertThat(list.err()).contains("chain intact");
      String quarantineId = list.out().lines().filter(l -> l.contains("quarantine")).findFirst().orElseThrow().split(" ")[0];

      Run undo = run(new UndoCommand(), "--root", root.toString(), "--state", state.toString(), quarantineId);

      assertThat(undo.code()).as(undo.out() + undo.err()).isZero();
      assertThat(undo.out()).contains("restored " + miner);
      assertThat(miner).exists();
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(root.resolve("proc"));
    }
  }

  @Test
  void undo_verifyReportsAnEditedLog() throws Exception {
    Path state = dir.resolve("state");
    Files.createDirectories(state);
    var log = new dev.minewarden.host.response.AuditLog(state.resolve("audit.log"));
    log.append(java.util.Map.of("id", "r1.1", "run", "r1", "action", "quarantine", "target", "/tmp/x"));
    Files.writeString(state.resolve("audit.log"), Files.readString(state.resolve("audit.log")).replace("/tmp/x", "/tmp/y"));

    Run r = run(new UndoCommand(), "--state", state.toString(), "--verify");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("BROKEN at line 1");
  }

  private static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  private static void awaitExe(long pid, Path exe) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        if (Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).equals(exe)) {
          return;
        }
      } catch (java.io.IOException e) {
        // Not exec'd yet.
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("process " + pid + " never ran " + exe);
  }
}
