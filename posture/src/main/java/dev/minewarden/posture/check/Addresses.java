package dev.minewarden.posture.check;

import dev.minewarden.posture.input.ParseNumbers;

/** Classifies IP address text without name resolution. */
final class Addresses {
  private Addresses() {}

  /** True for an IPv4 address outside private, loopback, link-local, CGNAT and unspecified ranges. */
  static boolean isPublic(String addr) {
    String[] p = addr.split("\\.");
    if (p.length != 4) {
      // IPv6: global unicast is 2000::/3; everything else here is local or unknown.
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
}
