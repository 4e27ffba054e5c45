package dev.minewarden.posture.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.Assessment;
import dev.minewarden.posture.Check;
import dev.minewarden.posture.Finding;
import dev.minewarden.posture.PostureScan;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.ListeningSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class LocalCollectorTest {
  private static final String TCP_HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

  private static void write(Path root, String rel, String content) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  private static void process(Path root, int pid, String comm, String cmdline, int fd, long inode) throws IOException {
    write(root, "proc/" + pid + "/comm", comm + "\n");
    write(root, "proc/" + pid + "/cmdline", cmdline.replace(' ', '\0'));
    Path fdDir = root.resolve("proc/" + pid + "/fd");
    Files.createDirectories(fdDir);
    Files.createSymbolicLink(fdDir.resolve(String.valueOf(fd)), Path.of("socket:[" + inode + "]"));
  }

  private static String tcpLine(int sl, String local, long inode) {
    return String.format("  %d: %s 00000000:0000 0A 00000000:00000000 00:00000000 00000000   0  0 %d 1 0000000000000000 100 0 0 10 0%n",
        sl, local, inode);
  }

  private static Path exposedHost(Path root) throws IOException {
    write(root, "proc/sys/kernel/hostname", "fixture-host\n");
    write(root, "proc/net/tcp", TCP_HEADER + tcpLine(0, "00000000:18EB", 1001) + tcpLine(1, "00000000:0016", 1003)
        + tcpLine(2, "0100007F:1F90", 1005));
    write(root, "proc/net/tcp6", TCP_HEADER.replace("local_address", "local_address                         ")
        + tcpLine(0, "00000000000000000000000000000000:0947", 1004));
    process(root, 100, "redis-server", "/usr/bin/redis-server *:6379", 5, 1001);
    process(root, 200, "dockerd", "/usr/bin/dockerd -H tcp://0.0.0.0:2375 -H fd://", 3, 1004);
    process(root, 300, "sshd", "sshd: /usr/sbin/sshd -D", 3, 1003);
    write(root, "etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\n");
    write(root, "etc/ssh/sshd_config.d/50-cloud-init.conf", "PasswordAuthentication yes\n");
    write(root, "etc/redis/redis.conf", "bind 0.0.0.0\nprotected-mode no\nport 6379\n");
    write(root, "var/lib/dpkg/status", """
        Package: jenkins
        Status: install ok installed
        Version: 2.150

        Package: libc6
        Status: install ok installed
        Version: 2.36-9+deb12u10

        Package: solr-common
        Status: deinstall ok config-files
        Version: 3.6.2+dfsg-20
        """);
    return root;
  }

  private static Assessment assess(Path root) {
    return PostureScan.builder().local(root).build().run();
  }

  @Test
  void collect_fixtureHostListenersAndOwners(@TempDir Path tmp) throws IOException {
    Estate estate = new Estate();
    String host = new LocalCollector(exposedHost(tmp)).collect(estate);
    assertThat(host).isEqualTo("host:fixture-host");
    assertThat(estate.listeners()).extracting(ListeningSocket::port, ListeningSocket::process, ListeningSocket::pid)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(6379, "redis-server", 100L),
            org.assertj.core.groups.Tuple.tuple(22, "sshd", 300L),
            org.assertj.core.groups.Tuple.tuple(8080, "", -1L),
            org.assertj.core.groups.Tuple.tuple(2375, "dockerd", 200L));
    assertThat(estate.listeners()).filteredOn(s -> s.port() == 2375).singleElement()
        .satisfies(s -> assertThat(s.address()).isEqualTo("::"));
    assertThat(estate.listeners()).filteredOn(s -> s.port() == 8080).singleElement()
        .satisfies(s -> assertThat(s.address()).isEqualTo("127.0.0.1"));
    assertThat(estate.software()).extracting(s -> s.name()).containsExactlyInAnyOrder("jenkins", "libc6");
  }

  @Test
  void assess_fixtureHostFindings(@TempDir Path tmp) throws IOException {
    Assessment a = assess(exposedHost(tmp));
    assertThat(by(a, Check.SSH_PASSWORD)).singleElement().satisfies(f -> {
      assertThat(f.source()).endsWith("50-cloud-init.conf");
      assertThat(f.line()).isEqualTo(1);
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    });
    assertThat(by(a, Check.SSH_ROOT)).hasSize(1);
    assertThat(by(a, Check.NET_SSH)).isEmpty();
    assertThat(by(a, Check.REDIS_NOAUTH)).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    assertThat(by(a, Check.NET_REDIS)).singleElement()
        .satisfies(f -> assertThat(f.evidence()).contains("redis-server listening on 0.0.0.0:6379 (pid 100)"));
    assertThat(by(a, Check.NET_DOCKER)).hasSize(1);
    assertThat(by(a, Check.DOCKER_TCP)).singleElement()
        .satisfies(f -> assertThat(f.source()).isEqualTo("dockerd command line"));
    assertThat(by(a, Check.VULNERABLE_VERSION)).singleElement()
        .satisfies(f -> assertThat(f.cves()).containsExactly("CVE-2018-1000861"));
    assertThat(a.assets()).first().satisfies(r -> assertThat(r.assetId()).isEqualTo("host:fixture-host"));
  }

  @Test
  void assess_hardenedFixtureHostIsClean(@TempDir Path root) throws IOException {
    write(root, "proc/sys/kernel/hostname", "hardened\n");
    write(root, "proc/net/tcp", TCP_HEADER + tcpLine(0, "0100007F:18EB", 1001) + tcpLine(1, "00000000:0016", 1003));
    process(root, 100, "redis-server", "/usr/bin/redis-server 127.0.0.1:6379", 5, 1001);
    process(root, 300, "sshd", "sshd: /usr/sbin/sshd -D", 3, 1003);
    write(root, "etc/ssh/sshd_config", "PermitRootLogin prohibit-password\nPasswordAuthentication no\n"
        + "KbdInteractiveAuthentication no\nUsePAM yes\n");
    write(root, "etc/redis/redis.conf", "bind 127.0.0.1 -::1\nrequirepass 3c9f0a6e1b\n");
    write(root, "var/lib/dpkg/status", "Package: jenkins\nStatus: install ok installed\nVersion: 2.440.1\n");
    Assessment a = assess(root);
    assertThat(a.findings()).isEmpty();
    assertThat(a.listeners()).hasSize(2);
  }

  @Test
  void collect_missingProcIsReportedNotFatal(@TempDir Path root) {
    Estate estate = new Estate();
    new LocalCollector(root).collect(estate);
    assertThat(estate.listeners()).isEmpty();
    assertThat(estate.blindSpots()).anyMatch(b -> b.contains("package database"));
    assertThat(estate.problems()).noneMatch(p -> p.fatal());
  }

  /** The real host: a socket this test opens must be reported with this JVM as its owner. */
  @Test
  @EnabledOnOs(OS.LINUX)
  void collect_realHostSeesOurListeningSocket() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Estate estate = new Estate();
      new LocalCollector(Path.of("/")).collect(estate);
      List<ListeningSocket> ours = estate.listeners().stream().filter(s -> s.port() == server.getLocalPort()).toList();
      assertThat(ours).singleElement().satisfies(s -> {
        assertThat(s.address()).isEqualTo("127.0.0.1");
        assertThat(s.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(s.executable()).endsWith("java");
      });
    }
  }

  @Test
  void parse_procNetTcpAddresses() {
    List<ListeningSocket> v6 = ProcNetTcp.parse(List.of(
        "  0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 0:0 0:0 0 0 0 77 1",
        "  1: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 0:0 0:0 0 0 0 78 1",
        "  2: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 01 0:0 0:0 0 0 0 79 1",
        "  garbage line"), true);
    assertThat(v6).extracting(ListeningSocket::address, ListeningSocket::port)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("::1", 22), org.assertj.core.groups.Tuple.tuple("127.0.0.1", 8080));
  }

  @Test
  void parse_procNetTcpAddressFormsAndFamilyMismatch() {
    List<ListeningSocket> v4 = ProcNetTcp.parse(List.of(
        "  0: 0100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 80 1",
        "  1: 0A01A8C0:01BB 00000000:0000 0A 0:0 0:0 0 0 0 81 1",
        "  2: 00000000000000000000000001000000:0016 00000000:0000 0A 0:0 0:0 0 0 0 82 1",
        "  3: 0100007G:0016 00000000:0000 0A 0:0 0:0 0 0 0 83 1"), false);
    assertThat(v4).extracting(ListeningSocket::address)
        .containsExactly("127.0.0.1", "192.168.1.10");
    List<ListeningSocket> v6 = ProcNetTcp.parse(List.of(
        "  0: B80D0120000000000100000000000000:0016 00000000000000000000000000000000:0000 0A 0:0 0:0 0 0 0 84 1",
        "  1: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 0:0 0:0 0 0 0 85 1",
        "  2: 0100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 86 1"), true);
    assertThat(v6).extracting(ListeningSocket::address).containsExactly("2001:db8::1:0:0", "::");
  }

  private static List<Finding> by(Assessment a, Check c) {
    return a.findings().stream().filter(f -> f.check() == c).toList();
  }
}
