package dev.minewarden.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.alert.EcsAlert;
import dev.minewarden.core.text.Sanitize;
import dev.minewarden.core.event.Event;
import dev.minewarden.host.testproc.FakeMiner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Starts real processes on this host (a renamed, deleted {@code sleep}; a fake kernel thread; a
 * CPU-burning fake miner talking Stratum to a loopback listener; processes with hostile names)
 * and checks the sensor sees each of them. Every process started here is killed afterwards.
 */
@EnabledOnOs(OS.LINUX)
class LiveProcessTest {
  private final List<Process> started = new ArrayList<>();
  private Path shmDir;

  @BeforeEach
  void makeDir() throws IOException {
    shmDir = Files.createDirectories(Path.of("/dev/shm", "mw-test-" + UUID.randomUUID()));
  }

  @AfterEach
  void killAll() throws Exception {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    if (Files.exists(shmDir)) {
      try (Stream<Path> s = Files.walk(shmDir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  void scan_deletedMinerCopyInDevShm() throws Exception {
    Path copy = shmDir.resolve("kdevtmpfsi");
    Files.copy(Path.of("/bin/sleep"), copy);
    copy.toFile().setExecutable(true);
    Process p = start(List.of(copy.toString(), "30"));
    awaitProc(p, "exe", link -> link.equals(copy.toString()));
    Files.delete(copy);

    SampleResult r = sensor().scan(Duration.ZERO);

    ProcessInfo seen = r.snapshot().processes().get((int) p.pid());
    assertThat(seen.exeDeleted()).as("exe (deleted) is noticed").isTrue();
    assertThat(seen.exe()).isEqualTo(copy.toString());
    assertThat(rulesFor(r, p)).contains("mw-host-miner-name", "mw-host-exec-writable-dir",
        "mw-host-deleted-exe", "mw-host-miner");
    Alert deleted = alert(r, p, "mw-host-deleted-exe");
    assertThat(deleted.attributes().get("process.executable")).isEqualTo(copy + " (deleted)");
  }

  @Test
  void scan_fakeKernelThreadFromExecA() throws Exception {
    Process p = start(List.of("bash", "-c", "exec -a '[kworker/0:2]' sleep 30"));
    awaitProc(p, "cmdline", c -> c.startsWith("[kworker/0:2]"));

    SampleResult r = sensor().scan(Duration.ZERO);

    Alert a = alert(r, p, "mw-host-fake-kthread");
    assertThat(a.attributes().get("event.reason").toString())
        .contains("[kworker/0:2]", "has executable", "not kthreadd");
    assertThat(a.rule().tags()).contains("attack.t1036.005");
    // Real kernel threads on the same host raise nothing.
    assertThat(r.alerts()).filteredOn(x -> x.rule().id().equals("mw-host-fake-kthread"))
        .allMatch(x -> !((Long) x.attributes().get("process.parent.pid")).equals(2L));
  }

  @Test
  void scan_cpuBurningStratumClient() throws Exception {
    try (ServerSocket pool = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      CountDownLatch loggedIn = new CountDownLatch(1);
      AtomicReference<String> login = new AtomicReference<>();
      List<Socket> clients = new CopyOnWriteArrayList<>();
      Thread server = new Thread(() -> serveStratum(pool, login, loggedIn, clients));
      server.setDaemon(true);
      server.start();
      Process idle = start(List.of("sleep", "30"));
      assertThat(idle).isSameAs(started.get(0));
      String url = "stratum+tcp://127.0.0.1:" + pool.getLocalPort();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = start(List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
          FakeMiner.class.getName(), "-a", "rx/0", "-o", url, "-u", "x", "-p", "x",
          "--donate-level=1", "--cpu-priority=5"));
      assertThat(loggedIn.await(30, TimeUnit.SECONDS)).as("fake miner logged in").isTrue();
      assertThat(login.get()).contains("\"method\":\"login\"");
      List<Event> events = new CopyOnWriteArrayList<>();

      SampleResult r = HostSensor.builder().events(events::add).checkAttributes(false)
          .highCpuFraction(0.01).highCpuMinCores(0.1).build().scan(Duration.ofMillis(1500));

      // The machine's cores are shared with other builds, so the burner's share varies; the
      // threshold is set low enough for any share, and far above what an idle process uses.
      ProcessInfo seen = r.snapshot().processes().get((int) p.pid());
      assertThat(seen.cpuCores()).as("CPU of the burner, cores").isGreaterThan(0.1)
          .isLessThan(r.snapshot().cpuCount() + 0.2);
      assertThat(r.snapshot().processes().get((int) started.get(0).pid()).cpuCores())
          .as("a sleeping process").isLessThan(0.05);
      assertThat(rulesFor(r, p)).contains("mw-host-miner-cmdline", "mw-host-pool-connection",
          "mw-host-high-cpu", "mw-host-miner");
      Alert conn = alert(r, p, "mw-host-pool-connection");
      assertThat(conn.attributes()).containsEntry("destination.ip", "127.0.0.1")
          .containsEntry("destination.port", (long) pool.getLocalPort());
      assertThat((Double) alert(r, p, "mw-host-high-cpu").attributes().get("cost.usd_per_hour"))
          .isCloseTo(seen.cpuCores() * 0.048, org.assertj.core.data.Offset.offset(0.001));
      assertThat(events).anyMatch(e -> e.logSource().equals(HostEvents.NETWORK)
          && Long.valueOf(p.pid()).equals(e.get("ProcessId"))
          && "127.0.0.1".equals(e.get("DestinationIp"))
          && Long.valueOf(pool.getLocalPort()).equals(e.get("DestinationPort")));
      assertThat(events).anyMatch(e -> e.logSource().equals(HostEvents.PROCESS)
          && Long.valueOf(p.pid()).equals(e.get("ProcessId"))
          && e.getString("CommandLine").contains(url)
          && e.getString("Image").endsWith("/bin/java")
          && e.get("ParentProcessId").equals(ProcessHandle.current().pid())
          && e.getString("CurrentDirectory") != null);
      assertThat(r.alerts()).noneMatch(a -> a.rule().id().equals("mw-host-hidden-process"))
          .noneMatch(a -> a.rule().id().equals("mw-host-unaccounted-cpu"));
      for (Socket c : clients) {
        c.close();
      }
    }
  }

  @Test
  void scan_hostileNamesAndMegabyteCommandLine() throws Exception {
    String script = "d=\"$1\"; shift; n=$'x\\ny\\e[2J\\xfe'; cp /bin/sleep \"$d/$n\"; "
        + "exec -a $'evil\\nargv\\e[31m\\xff' \"$d/$n\" 30 \"$@\"";
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", script, "bash", shmDir.toString()));
    for (int i = 0; i < 8; i++) {
      cmd.add("0".repeat(125_000));
    }
    Process p = start(cmd);
    awaitProc(p, "cmdline", c -> c.startsWith("evil"));

    SampleResult r = sensor().scan(Duration.ZERO);

    ProcessInfo seen = r.snapshot().processes().get((int) p.pid());
    assertThat(seen.comm()).isEqualTo("x\ny\u001b[2J\ufffd");
    assertThat(seen.argv().get(0)).isEqualTo("evil\nargv\u001b[31m\ufffd");
    assertThat(seen.commandLine().length()).isGreaterThan(1_000_000);
    List<Alert> mine = r.alerts().stream().filter(a -> Long.valueOf(p.pid()).equals(a.attributes().get("process.pid")))
        .collect(Collectors.toList());
    assertThat(mine).extracting(a -> a.rule().id()).contains("mw-host-exec-writable-dir");
    for (Alert a : mine) {
      String line = new ObjectMapper().writeValueAsString(EcsAlert.toMap(a));
      assertThat(line).doesNotContain("\n").doesNotContain("\u001b");
      assertThat(new ObjectMapper().readTree(line).at("/process/command_line").asText())
          .startsWith("evil\nargv\u001b[31m").hasSizeLessThan(Finding.MAX_TEXT + 40);
      assertThat(Sanitize.forTerminal(a.attributes().get("process.name").toString()))
          .doesNotContain("\u001b").doesNotContain("\n");
    }
  }

  private HostSensor sensor() {
    return HostSensor.builder().checkAttributes(false).build();
  }

  private Process start(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    started.add(p);
    return p;
  }

  /** Waits (at most 20 s) until a /proc file of the process satisfies the test: exec is async. */
  private static void awaitProc(Process p, String file, Predicate<String> test) throws Exception {
    Path path = Path.of("/proc", Long.toString(p.pid()), file);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      String value = null;
      try {
        value = file.equals("exe") ? Files.readSymbolicLink(path).toString()
            : new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
      } catch (IOException e) {
        // Not there yet.
      }
      if (value != null && test.test(value)) {
        return;
      }
      assertThat(p.isAlive()).as("process " + p.pid() + " still alive").isTrue();
      Thread.onSpinWait();
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("process " + p.pid() + " never showed the expected " + file);
  }

  private static Set<String> rulesFor(SampleResult r, Process p) {
    return r.alerts().stream().filter(a -> Long.valueOf(p.pid()).equals(a.attributes().get("process.pid")))
        .map(a -> a.rule().id()).collect(Collectors.toSet());
  }

  private static Alert alert(SampleResult r, Process p, String rule) {
    return r.alerts().stream().filter(a -> a.rule().id().equals(rule)
        && Long.valueOf(p.pid()).equals(a.attributes().get("process.pid"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + rule + " alert for pid " + p.pid() + " in " + r.alerts()));
  }

  private static void serveStratum(ServerSocket pool, AtomicReference<String> login,
      CountDownLatch loggedIn, List<Socket> clients) {
    try {
      Socket c = pool.accept();
      clients.add(c);
      BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
      login.set(in.readLine());
      OutputStream out = c.getOutputStream();
      out.write("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{\"id\":\"1\",\"job\":{\"blob\":\"00\",\"job_id\":\"1\",\"target\":\"ffff\"},\"status\":\"OK\"}}\n"
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      loggedIn.countDown();
    } catch (IOException e) {
      // The test fails on its latch.
    }
  }
}
