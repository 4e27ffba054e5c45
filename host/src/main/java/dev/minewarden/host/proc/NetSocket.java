package dev.minewarden.host.proc;

import dev.minewarden.core.net.IpText;
import java.util.ArrayList;
import java.util.List;

/**
 * One socket of {@code /proc/net/tcp}, {@code tcp6}, {@code udp} or {@code udp6}.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param localIp the local address as text (IPv4-mapped IPv6 addresses are shown as IPv4)
 * @param localPort the local port
 * @param remoteIp the remote address as text ({@code 0.0.0.0} or {@code ::} when unconnected)
 * @param remotePort the remote port, 0 when unconnected
 * @param state the kernel's TCP state number ({@link #TCP_ESTABLISHED}, {@link #TCP_LISTEN}...);
 *     for UDP 7 means unconnected and 1 connected
 * @param uid the owner's user id
 * @param inode the socket inode, which {@code /proc/<pid>/fd} links name as {@code socket:[inode]}
 */
public record NetSocket(
    String protocol,
    String localIp,
    int localPort,
    String remoteIp,
    int remotePort,
    int state,
    int uid,
    long inode) {

  /** TCP state ESTABLISHED. */
  public static final int TCP_ESTABLISHED = 1;
  /** TCP state SYN_SENT: a connection being opened. */
  public static final int TCP_SYN_SENT = 2;
  /** TCP state LISTEN. */
  public static final int TCP_LISTEN = 10;
  /** UDP "state" of a socket with no peer (TCP_CLOSE). */
  public static final int UDP_UNCONNECTED = 7;

  /** Whether this socket waits for peers: a TCP listener or an unconnected, bound UDP socket. */
  public boolean isListening() {
    return protocol.equals("tcp") ? state == TCP_LISTEN : state == UDP_UNCONNECTED && remotePort == 0;
  }

  /** Whether this is an open or opening outbound-capable connection with a peer. */
  public boolean isConnected() {
    return protocol.equals("tcp")
        ? state == TCP_ESTABLISHED || state == TCP_SYN_SENT
        : remotePort != 0;
  }

  /**
   * Parses one of the {@code /proc/net} socket tables. Lines that do not parse (the header
   * included) are skipped.
   *
   * @param protocol {@code tcp} or {@code udp}, stored on every socket
   */
  public static List<NetSocket> parse(String text, String protocol) {
    List<NetSocket> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\n")) {
      NetSocket s = parseLine(line, protocol);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  static NetSocket parseLine(String line, String protocol) {
    String[] f = line.trim().split("\\s+");
    if (f.length < 10 || !f[0].endsWith(":")) {
      return null;
    }
    int lc = f[1].indexOf(':');
    int rc = f[2].indexOf(':');
    if (lc < 0 || rc < 0) {
      return null;
    }
    String local = IpText.procNetHex(f[1].substring(0, lc));
    String remote = IpText.procNetHex(f[2].substring(0, rc));
    long inode = ParseUtil.parseLong(f[9], -1);
    if (local == null || remote == null || inode < 0) {
      return null;
    }
    return new NetSocket(
        protocol,
        local,
        (int) ParseUtil.parseHex(f[1].substring(lc + 1), 0),
        remote,
        (int) ParseUtil.parseHex(f[2].substring(rc + 1), 0),
        (int) ParseUtil.parseHex(f[3], -1),
        ParseUtil.parseInt(f[7], -1),
        inode);
  }
}
