package dev.minewarden.host.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.host.HostEvents;
import dev.minewarden.host.HostRules;
import dev.minewarden.host.HostSensor;
import dev.minewarden.host.SampleResult;
import dev.minewarden.host.proc.PidStat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes and files: a miner-like tree with two watchdogs that respawn the miner and each
 * other, started from a cron line and backed by an added SSH key, all under a temporary root whose
 * {@code proc} is the live one. The policy's {@code only} scope keeps every action on processes
 * running from under that root, which only this test starts.
 */
@EnabledOnOs(OS.LINUX)
class ResponseLiveTest {
  @TempDir Path tmp;
  private InfectedRoot host;
  private Path state;

  @BeforeEach
  void setUp() throws Exception {
    host = new InfectedRoot(tmp.resolve("host"));
    state = tmp.resolve("state");
  }

  @AfterEach
  void tearDown() throws Exception {
    host.close();
  }

  private ResponsePolicy policy(String mode) {
    return ResponsePolicy.parse(String.join("\n",
        "mode: " + mode,
        "rules:",
        "  - name: stop-miner",
        "    match: {rules: [mw-host-miner, mw-host-miner-name], minLevel: high}",
        "    actions: [kill-tree, quarantine, remove-persistence, rotate-credentials]",
        "allowlist:",
        "  executables: ['" + host.root.resolve("opt/lab") + "/*']",
        "only:",
        "  executables: ['" + host.root + "/*']", ""), "test policy");
  }

  private Responder responder(String mode) {
    return Responder.builder().root(host.root).dir(state).policy(policy(mode)).build();
  }

  /** The sensor's alerts about processes running from under the test root. */
  private List<Alert> sensorAlerts() throws Exception {
    Set<Long> ours = host.ours().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    SampleResult r = HostSensor.builder().root(host.root).checkAttributes(false).build().scan(Duration.ZERO);
    return r.alerts().stream().filter(a -> ours.contains(a.attributes().get("process.pid")))
        .collect(Collectors.toList());
  }

  @Test
  void respond_minerTreeWithWatchdogsStoppedForGoodAndUndone() throws Exception {
    Responder responder = responder("apply");
    host.infect();
    Process launcher = host.launch();
    String cronBefore = Files.readString(host.cron);
    String keysBefore = Files.readString(host.keys);
    byte[] minerBytes = Files.readAllBytes(host.drop.resolve("kdevtmpfsi"));

    Responder.Response resp = responder.respond(sensorAlerts());

    assertThat(resp.applied()).isTrue();
    assertThat(resp.results()).as(resp.results().toString()).allMatch(ActionResult::succeeded);
    assertThat(resp.plan().steps()).extracting(s -> s.kind()).startsWith(ActionKind.FREEZE)
        .contains(ActionKind.REMOVE_PERSISTENCE, ActionKind.QUARANTINE, ActionKind.KILL, ActionKind.ROTATE_CREDENTIALS);
    List<ActionKind> order = resp.plan().steps().stream().map(Plan.Step::kind).collect(Collectors.toList());
    assertThat(order.lastIndexOf(ActionKind.REMOVE_PERSISTENCE)).isLessThan(order.indexOf(ActionKind.KILL));
    assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).as("launcher killed").isTrue();
    assertThat(host.ours()).as("nothing runs from the root any more").isEmpty();
    assertThat(host.drop.resolve("kdevtmpfsi")).doesNotExist();
    assertThat(host.drop.resolve("watch.sh")).doesNotExist();
    String cronAfter = Files.readString(host.cron);
    assertThat(cronAfter).contains(InfectedRoot.LEGIT_CRON).doesNotContain("launch.sh");
    assertThat(Files.readString(host.keys)).isEqualTo(InfectedRoot.LEGIT_KEY + "\n");
    Path stored = quarantined(resp, "kdevtmpfsi");
    assertThat(Files.readAllBytes(stored)).isEqualTo(minerBytes);
    assertThat(Files.getPosixFilePermissions(stored)).doesNotContain(PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(stored.getFileName().toString()).isEqualTo(Hashing.sha256(minerBytes) + ".bin");
    assertThat(stored.resolveSibling(Hashing.sha256(minerBytes) + ".json")).content()
        .contains(host.drop.resolve("kdevtmpfsi").toString());
    assertThat(resp.results().stream().filter(r -> r.step().kind() == ActionKind.ROTATE_CREDENTIALS)
        .findFirst().orElseThrow().message()).contains("authorized_keys", "user root");

    List<String> undone = new Undo(responder.audit()).undo(resp.plan().runId());

    assertThat(undone).anyMatch(l -> l.contains("kill-tree: cannot be undone"));
    assertThat(Files.readString(host.cron)).isEqualTo(cronBefore);
    assertThat(Files.readString(host.keys)).isEqualTo(keysBefore);
    assertThat(Files.readAllBytes(host.drop.resolve("kdevtmpfsi"))).isEqualTo(minerBytes);
    assertThat(Files.isExecutable(host.drop.resolve("kdevtmpfsi"))).isTrue();
    assertThat(responder.audit().verify().ok()).isTrue();
    assertThat(new Undo(responder.audit()).undo(resp.plan().runId())).allMatch(l -> l.contains("already undone")
        || l.contains("cannot be undone"));
  }

  @Test
  void respond_allowlistedTwinWithSameCommandLineLeftAlone() throws Exception {
    Responder responder = responder("apply");
    host.infect();
    Path twinExe = host.root.resolve("opt/lab/kdevtmpfsi");
    InfectedRoot.copyExecutable(Path.of("/bin/sleep"), twinExe);
    Process twin = host.start(List.of("bash", "-c", "exec -a kdevtmpfsi \"$0\" 600", twinExe.toString()));
    host.launch();
    awaitCmdline(twin.pid(), "kdevtmpfsi\0" + "600\0");
    List<Alert> alerts = sensorAlerts();
    assertThat(alerts).as("the sensor flags the twin too").anyMatch(a -> Long.valueOf(twin.pid()).equals(a.attributes().get("process.pid")));

    Responder.Response resp = responder.respond(alerts);

    assertThat(resp.plan().leftAlone()).anyMatch(n -> n.target().contains("pid " + twin.pid())
        && n.reason().startsWith("allowlisted (executable"));
    assertThat(twin.isAlive()).isTrue();
    assertThat(InfectedRoot.state(twin.pid())).isNotEqualTo('T');
    assertThat(host.ours()).extracting(ProcessHandle::pid).containsExactly(twin.pid());
    assertThat(twinExe).exists();
  }

  @Test
  void execute_pidReusedBetweenPlanAndActionIsNotTouched() throws Exception {
    Responder responder = responder("apply");
    Path other = host.root.resolve("bin/other");
    InfectedRoot.copyExecutable(Path.of("/bin/sleep"), other);
    Process b = host.start(List.of(other.toString(), "600"));
    long realStart = awaitStart(b.pid());
    // When the plan was made, pid b belonged to an earlier process: a miner that has since exited.
    String minerPath = host.drop.resolve("kdevtmpfsi").toString();
    ProcessTable then = ProcessTable.of(List.of(new ProcessTable.Proc((int) b.pid(), 1, realStart - 500, 'R',
        "kdevtmpfsi", minerPath, false, List.of(minerPath), 0, "root", null, false)));
    Plan plan = responder.plan(List.of(minerAlert(b.pid(), minerPath)), then);
    assertThat(plan.steps()).extracting(Plan.Step::kind).contains(ActionKind.FREEZE, ActionKind.KILL);

    Responder.Response resp = responder.execute(plan);

    ActionResult freeze = resp.results().get(0);
    assertThat(freeze.message()).contains("pid reused since the plan, not touched: " + b.pid());
    assertThat(b.isAlive()).isTrue();
    assertThat(InfectedRoot.state(b.pid())).isNotEqualTo('T');
    assertThat(resp.results()).filteredOn(r -> r.step().kind() == ActionKind.KILL)
        .allMatch(r -> r.outcome().equals("skipped"));
  }

  @Test
  void respond_dryRunTouchesNothing() throws Exception {
    Responder responder = responder("dry-run");
    host.infect();
    host.launch();
    String cron = Files.readString(host.cron);

    Responder.Response resp = responder.respond(sensorAlerts());

    assertThat(resp.applied()).isFalse();
    assertThat(resp.results()).isNotEmpty().allMatch(r -> r.outcome().equals("planned"));
    assertThat(resp.plan().steps()).anyMatch(s -> s.kind() == ActionKind.REMOVE_PERSISTENCE
        && s.detail().get("lines").toString().contains(InfectedRoot.ATTACKER_KEY));
    // The watchdogs respawn the miner now and then, so the count of live members varies; a dry
    // run must leave the tree running and nothing stopped.
    assertThat(host.ours()).isNotEmpty().allMatch(h -> InfectedRoot.state(h.pid()) != 'T');
    assertThat(Files.readString(host.cron)).isEqualTo(cron);
    assertThat(responder.audit().file()).doesNotExist();
  }

  private static Path quarantined(Responder.Response resp, String name) {
    ActionResult q = resp.results().stream().filter(r -> r.step().kind() == ActionKind.QUARANTINE
        && r.step().target().endsWith("/" + name)).findFirst().orElseThrow();
    return Path.of((String) q.undo().get("stored"));
  }

  private static Alert minerAlert(long pid, String exe) {
    Event e = Event.builder(HostEvents.PROCESS).time(System.currentTimeMillis()).field("ProcessId", pid)
        .field("Image", exe).build();
    return new Alert(HostRules.MINER, e, List.of(), 1, Map.of("process.pid", pid, "process.executable", exe));
  }

  private static long awaitStart(long pid) throws Exception {
    awaitCmdline(pid, "");
    return PidStat.parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))).startTicks();
  }

  /** Waits (at most 20 s) for the process to have exec'd into the expected command line. */
  private static void awaitCmdline(long pid, String prefix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        String c = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        if (c.startsWith(prefix) && !c.startsWith("bash")) {
          return;
        }
      } catch (java.io.IOException e) {
        // Not there yet.
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("process " + pid + " never showed " + prefix);
  }
}
