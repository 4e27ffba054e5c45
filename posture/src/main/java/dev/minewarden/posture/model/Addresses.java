package dev.minewarden.posture.model;

import dev.minewarden.posture.input.ParseNumbers;
import java.util.Locale;

/** Classifies address text without name resolution. Pure functions, thread-safe. */
public final class Addresses {
  private Addresses() {}

  /**
   * True for an IPv4 address outside private, loopback, link-local, CGNAT, unspecified and
   * multicast ranges, or an IPv6 global unicast address (2000::/3).
   */
  public static boolean isPublic(String addr) {
    String[] p = addr.split("\\.");
    if (p.length != 4) {
      return !addr.isEmpty() && (addr.charAt(0) == '2' || addr.charAt(0) == '3') && addr.contains(":");
    }
    int a = ParseNumbers.toInt(p[0], -1);
    int b = ParseNumbers.toInt(p[1], -1);
    if (a < 0 || b < 0) {
      return false;
    }
    return !(a == 10 || a == 127 || a == 0 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
        || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127) || a >= 224);
  }

  /** True for 127.0.0.0/8, {@code ::1} and {@code localhost}. */
  public static boolean isLoopback(String addr) {
    String a = addr.toLowerCase(Locale.ROOT);
    return a.startsWith("127.") || a.equals("::1") || a.equals("localhost");
  }

  /** The host part of {@code host:port}, {@code [v6]:port}, {@code host/path} or a bare host. */
  public static String hostOf(String hostPort) {
    String h = hostPort.trim();
    int slash = h.indexOf('/');
    if (slash >= 0) {
      h = h.substring(0, slash);
    }
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 ? h.substring(1, end) : h;
    }
    int colon = h.lastIndexOf(':');
    // One colon is host:port; more than one is a bare IPv6 address.
    if (colon >= 0 && h.indexOf(':') == colon) {
      h = h.substring(0, colon);
    }
    return h;
  }
}
