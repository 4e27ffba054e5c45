import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in mining pool for the agent benchmark: listens on 127.0.0.1 (port from the first
 * argument, default 3333), answers every line a client sends with a Stratum login result, and
 * holds the connection until the client closes it. Run with {@code java PoolListener.java 3333}.
 */
public final class PoolListener {
  private PoolListener() {}

  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 3333;
    try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      System.out.println("listening on 127.0.0.1:" + port);
      System.out.flush();
      while (true) {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "pool-client");
        t.setDaemon(true);
        t.start();
      }
    }
  }

  private static void serve(Socket s) {
    byte[] reply = ("{\"id\":1,\"jsonrpc\":\"2.0\",\"error\":null,\"result\":{\"id\":\"bench\","
        + "\"job\":{\"blob\":\"00\",\"job_id\":\"1\",\"target\":\"ffffffff\",\"algo\":\"rx/0\"},"
        + "\"status\":\"OK\"}}\n").getBytes(StandardCharsets.US_ASCII);
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      for (int b; (b = in.read()) >= 0; ) {
        if (b == '\n') {
          out.write(reply);
          out.flush();
        }
      }
    } catch (IOException e) {
      // The client went away: nothing to do.
    }
  }
}
