package dev.minewarden.host.testproc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a miner, started by tests as a child process: takes XMRig-style arguments, logs
 * in to the Stratum URL given with {@code -o} (which must be on 127.0.0.0/8) and burns every core
 * until its standard input closes or 60 seconds pass. It mines nothing.
 */
public final class FakeMiner {
  private FakeMiner() {}

  /** Runs the stand-in. */
  public static void main(String[] args) throws Exception {
    String url = null;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("-o")) {
        url = args[i + 1];
      }
    }
    String hostPort = url.substring(url.indexOf("://") + 3);
    String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
    int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    InetAddress addr = InetAddress.getByName(host);
    if (!addr.isLoopbackAddress()) {
      throw new IllegalArgumentException("the fake miner only talks to loopback, not " + host);
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    for (int t = 0; t < Runtime.getRuntime().availableProcessors(); t++) {
      Thread burner = new Thread(() -> burn(deadline));
      burner.setDaemon(true);
      burner.start();
    }
    try (Socket s = new Socket(addr, port)) {
      OutputStream out = s.getOutputStream();
      out.write(("{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":{\"login\":\"x\","
          + "\"pass\":\"x\",\"agent\":\"FakeMiner/1.0\"}}\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
      // Hold the connection until the parent closes our stdin (or dies).
      while (System.in.read() >= 0 && System.nanoTime() < deadline) {
        // Ignore input.
      }
    }
  }

  private static void burn(long deadline) {
    double x = 1;
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 1_000_000; i++) {
        x = x * 1.0000001 + 1e-9;
      }
    }
    if (x == 42) {
      System.out.println(x);
    }
  }
}
