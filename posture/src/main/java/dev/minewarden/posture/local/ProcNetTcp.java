package dev.minewarden.posture.local;

import dev.minewarden.core.net.IpText;
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
      // The table's family decides the width: a 32-digit address in tcp (or 8 in tcp6) is garbage.
      String addr = colon == (v6 ? 32 : 8) ? IpText.procNetHex(f[1].substring(0, colon)) : null;
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
}
