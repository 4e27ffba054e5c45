package dev.minewarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code minewarden posture --local} on this machine for real: as the test's own user, and as an
 * unprivileged user in a child process. A socket the test opens on every interface must show up
 * both times; only the privileged run can name its owner, and the unprivileged run must say so.
 */
@EnabledOnOs(OS.LINUX)
class PostureLocalHostTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOBODY = "65534";

  private static JsonNode ours(JsonNode report, int port) {
    List<JsonNode> hits = new ArrayList<>();
    report.get("listeners").forEach(l -> {
      if (l.get("port").asInt() == port) {
        hits.add(l);
      }
    });
    assertThat(hits).as("listeners on port %d", port).hasSize(1);
    return hits.get(0);
  }

  @Test
  void local_reportsOurSocketWithItsOwner() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      StringWriter out = new StringWriter();
      CommandLine cli = new CommandLine(new PostureCommand());
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(new StringWriter()));
      assertThat(cli.execute("--local", "--format", "json", "--fail-on", "critical")).isIn(0, 1);
      JsonNode socket = ours(JSON.readTree(out.toString()), server.getLocalPort());
      assertThat(socket.get("address").asText()).as("bound to every interface").isIn("0.0.0.0", "::");
      assertThat(socket.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
      assertThat(socket.get("executable").asText()).endsWith("java");
    }
  }

  /**
   * Needs root to drop to {@code nobody} (uid 65534) with {@code setpriv}; skipped otherwise. The
   * child cannot read root's /proc/PID/fd, so it sees the socket but not who owns it.
   */
  @Test
  void local_unprivilegedChildSeesSocketAndSaysWhatItCannotSee(@TempDir Path dir) throws Exception {
    Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable)
        .findFirst().orElse(null);
    assumeTrue(setpriv != null, "setpriv (util-linux) is not installed: unprivileged run not exercised");
    assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0),
        "the test is not running as root, so it cannot drop to another user: unprivileged run not exercised");
    String classPath = readableCopyOfClassPath(dir);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      ProcessBuilder pb = new ProcessBuilder(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
          "--clear-groups", "--", java.toString(), "-Xmx128m", "-XX:+UseSerialGC", "-cp", classPath,
          Main.class.getName(), "posture", "--local", "--format", "json", "--fail-on", "critical")
          .directory(dir.toFile());
      pb.environment().put("HOME", dir.toString());
      pb.redirectError(dir.resolve("stderr.txt").toFile());
      Process p = pb.start();
      byte[] stdout = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(err).isIn(0, 1);
      JsonNode report = JSON.readTree(stdout);
      JsonNode socket = ours(report, server.getLocalPort());
      assertThat(socket.get("pid").isNull()).as("owner must be unknown to nobody").isTrue();
      assertThat(socket.get("uid").asInt()).isZero();
      List<String> blind = new ArrayList<>();
      report.get("blindSpots").forEach(b -> blind.add(b.asText()));
      assertThat(blind).anyMatch(b -> b.contains("listening sockets are unknown") && b.contains("run as root"));
    }
  }

  /** Surefire's class path lives under root's home; nobody gets its own world-readable copy. */
  private static String readableCopyOfClassPath(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path from = Path.of(entry);
      if (!Files.exists(from)) {
        continue;
      }
      Path to = dir.resolve("cp" + n++ + (Files.isDirectory(from) ? "" : ".jar"));
      copyReadable(from, to);
      entries.add(to.toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static void copyReadable(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      Files.copy(from, to);
      Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
      return;
    }
    try (Stream<Path> tree = Files.walk(from)) {
      for (Path p : (Iterable<Path>) tree::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(p, target);
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
  }
}
