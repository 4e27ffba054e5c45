package dev.minewarden.posture.local;

import dev.minewarden.posture.input.ParseNumbers;
import dev.minewarden.posture.model.ListeningSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/net/tcp} and {@code /proc/net/tcp6} into listening sockets (state
 * {@code 0A}). Addresses are hex words in host byte order (little-endian on the machines we run
 * on); ports are big-endian hex. Pure; malformed lines are skipped.
 */
public final class ProcNetTcp {
  private static final String LISTEN = "0A";

  private ProcNetTcp() {}

  /** The listening sockets in the file's lines (the header line is skipped). */
  public static List<ListeningSocket> parse(List<String> lines, boolean v6) {
    List<ListeningSocket> out = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || !f[0].endsWith(":") || !f[3].equals(LISTEN)) {
        continue;
      }
      int colon = f[1].indexOf(':');
      if (colon < 0) {
        continue;
      }
      String addr = v6 ? ipv6(f[1].substring(0, colon)) : ipv4(f[1].substring(0, colon));
      long port = ParseNumbers.hex(f[1].substring(colon + 1), -1);
      long inode = ParseNumbers.toInt(f[9], -1);
      if (addr == null || port < 0 || port > 65535) {
        continue;
      }
      out.add(new ListeningSocket(v6 ? "tcp6" : "tcp", addr, (int) port,
          inode < 0 ? parseLong(f[9]) : inode, ParseNumbers.toInt(f[7], -1), -1, "", "", ""));
    }
    return out;
  }

  private static long parseLong(String s) {
    long v = 0;
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  static String ipv4(String hex) {
    long v = ParseNumbers.hex(hex, -1);
    if (hex.length() != 8 || v < 0) {
      return null;
    }
    return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
  }

  static String ipv6(String hex) {
    if (hex.length() != 32) {
      return null;
    }
    int[] groups = new int[8];
    for (int w = 0; w < 4; w++) {
      long v = ParseNumbers.hex(hex.substring(w * 8, w * 8 + 8), -1);
      if (v < 0) {
        return null;
      }
      // Each 32-bit word is little-endian: reverse its bytes to network order.
      long be = ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >> 8) & 0xff00) | ((v >> 24) & 0xff);
      groups[w * 2] = (int) ((be >> 16) & 0xffff);
      groups[w * 2 + 1] = (int) (be & 0xffff);
    }
    if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
        && groups[5] == 0xffff) {
      return ((groups[6] >> 8) & 0xff) + "." + (groups[6] & 0xff) + "." + ((groups[7] >> 8) & 0xff)
          + "." + (groups[7] & 0xff);
    }
    return compress(groups);
  }

  private static String compress(int[] g) {
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen && j - i >= 2) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append(i == 0 ? "::" : ":");
        i += bestLen - 1;
        continue;
      }
      sb.append(Integer.toHexString(g[i]));
      if (i < 7) {
        sb.append(':');
      }
    }
    return sb.toString();
  }
}
