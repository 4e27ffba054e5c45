package dev.minewarden.host.response;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces made for one test ({@code mwtest-<random>a} and {@code ...b}), joined by a
 * veth pair with 10.200.N.1 in a and 10.200.N.2 in b, and a TCP listener on 10.200.N.2:3333 in b.
 * Nothing is created in the host's own namespace; both namespaces are deleted by {@link #close()}.
 */
final class NetnsPair implements AutoCloseable {
  static final int PORT = 3333;
  final String a;
  final String b;
  final String addrA;
  final String addrB;
  private final List<String> created = new ArrayList<>();
  private Process listener;

  private NetnsPair(String suffix, int net) {
    this.a = "mwtest-" + suffix + "a";
    this.b = "mwtest-" + suffix + "b";
    this.addrA = "10.200." + net + ".1";
    this.addrB = "10.200." + net + ".2";
  }

  /** Skips the test (with the reason) unless it runs as root with ip and nft installed. */
  static void assumeCapable() {
    assumeTrue("0".equals(run(List.of("id", "-u")).output()),
        "firewall tests need root to create network namespaces (scripts/setup installs the tools as root)");
    assumeTrue(CommandRunner.onPath("ip") && CommandRunner.onPath("nft"),
        "firewall tests need ip (iproute2) and nft (nftables): run scripts/setup as root");
  }

  static NetnsPair create() throws Exception {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    NetnsPair p = new NetnsPair(Integer.toHexString(r.nextInt(0x100000, 0xffffff)), r.nextInt(1, 250));
    try {
      p.setUp();
    } catch (Exception | AssertionError e) {
      p.close();
      throw e;
    }
    return p;
  }

  private void setUp() throws Exception {
    for (String ns : List.of(a, b)) {
      must(List.of("ip", "netns", "add", ns));
      created.add(ns);
      must(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
    }
    must(List.of("ip", "-n", a, "link", "add", "mwa", "type", "veth", "peer", "name", "mwb", "netns", b));
    must(List.of("ip", "-n", a, "addr", "add", addrA + "/24", "dev", "mwa"));
    must(List.of("ip", "-n", b, "addr", "add", addrB + "/24", "dev", "mwb"));
    must(List.of("ip", "-n", a, "link", "set", "mwa", "up"));
    must(List.of("ip", "-n", b, "link", "set", "mwb", "up"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    listener = new ProcessBuilder("ip", "netns", "exec", b, java, "-Xmx16m", "-cp",
        System.getProperty("java.class.path"), TcpListener.class.getName(), addrB, Integer.toString(PORT))
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (!"listening".equals(line)) {
      throw new AssertionError("listener in " + b + " did not start: " + line);
    }
  }

  /** Whether a TCP connection from a to b's listener succeeds within a second. */
  boolean connects() {
    return run(List.of("ip", "netns", "exec", a, "timeout", "1", "bash", "-c",
        "exec 3<>/dev/tcp/" + addrB + "/" + PORT)).ok();
  }

  /** The nftables ruleset of a namespace. */
  String ruleset(String ns) {
    return run(List.of("ip", "netns", "exec", ns, "nft", "list", "ruleset")).output();
  }

  @Override
  public void close() throws Exception {
    if (listener != null) {
      listener.descendants().forEach(ProcessHandle::destroyForcibly);
      listener.destroyForcibly();
      listener.waitFor(10, TimeUnit.SECONDS);
    }
    for (String ns : created) {
      run(List.of("ip", "netns", "del", ns));
    }
  }

  static CommandRunner.Result run(List<String> cmd) {
    return CommandRunner.direct().run(cmd);
  }

  private static void must(List<String> cmd) {
    CommandRunner.Result r = run(cmd);
    if (!r.ok()) {
      throw new AssertionError(String.join(" ", cmd) + ": " + r.output());
    }
  }
}
