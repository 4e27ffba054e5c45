package dev.minewarden.host.response;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP listener the firewall tests start inside a network namespace: accepts and closes, until killed. */
public final class TcpListener {
  private TcpListener() {}

  /** Listens on {@code args[0]} port {@code args[1]}. */
  public static void main(String[] args) throws Exception {
    try (ServerSocket s = new ServerSocket(Integer.parseInt(args[1]), 50, InetAddress.getByName(args[0]))) {
      System.out.println("listening");
      System.out.flush();
      while (true) {
        try (Socket c = s.accept()) {
          c.getOutputStream().write('k');
        }
      }
    }
  }
}
