package dev.minewarden.host.proc;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
    String local = address(f[1].substring(0, lc));
    String remote = address(f[2].substring(0, rc));
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

  /**
   * Decodes a kernel address: 8 hex digits for IPv4, 32 for IPv6, each 32-bit word in host
   * (little-endian) byte order.
   */
  static String address(String hex) {
    if (hex.length() != 8 && hex.length() != 32) {
      return null;
    }
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < hex.length() / 8; word++) {
      long w = ParseUtil.parseHex(hex.substring(word * 8, word * 8 + 8), -1);
      if (w < 0) {
        return null;
      }
      for (int b = 0; b < 4; b++) {
        bytes[word * 4 + b] = (byte) (w >>> (8 * b));
      }
    }
    try {
      // getByAddress never resolves names; it only wraps the bytes (and turns IPv4-mapped IPv6
      // addresses into IPv4 ones).
      InetAddress a = InetAddress.getByAddress(bytes);
      return a instanceof Inet6Address ? compress(a.getAddress()) : a.getHostAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Formats an IPv6 address the RFC 5952 way: the longest run of zero groups becomes {@code ::}. */
  static String compress(byte[] b) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLen - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(g[i]));
    }
    return s.toString();
  }
}
