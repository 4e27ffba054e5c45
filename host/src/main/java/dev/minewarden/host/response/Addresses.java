package dev.minewarden.host.response;

import java.net.Inet6Address;
import dev.minewarden.core.net.IpText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Strict checks for the addresses and names that reach firewall commands and sinkhole files. They
 * come from alerts, so from attackers: nothing passes that is not a plain IP literal or a plain DNS
 * name, and no name is ever resolved. Pure and thread-safe.
 */
public final class Addresses {
  private static final int MAX_NAME = 253;

  private Addresses() {}

  /**
   * The canonical text of an IPv4 or IPv6 literal ({@code 10.0.0.1}, {@code 2001:db8::1}), or
   * {@code null} when the text is anything else. IPv4 must be four decimal parts 0-255 without
   * leading zeros; IPv6 may hold only hex digits, colons and dots and is parsed by the JDK, which
   * does not resolve text containing a colon. Zone ids ({@code %eth0}) are refused.
   */
  public static String canonicalIp(String text) {
    InetAddress a = parseIp(text);
    if (a == null) {
      return null;
    }
    return a instanceof Inet6Address ? IpText.ipv6(a.getAddress(), 0) : a.getHostAddress();
  }

  /** The address of an IP literal (see {@link #canonicalIp}), or {@code null}. */
  public static InetAddress parseIp(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      byte[] v4 = parse4(text);
      return v4 == null ? null : byAddress(v4);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        return null;
      }
    }
    try {
      // The text holds a colon and only literal characters, so the JDK parses it as an IPv6
      // literal and never asks DNS.
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * Whether an address may be blocked or banned: not loopback, unspecified, multicast or
   * link-local, since blocking those would cut the host off from itself rather than from a pool.
   */
  public static boolean isBlockable(InetAddress a) {
    return a != null && !a.isLoopbackAddress() && !a.isAnyLocalAddress() && !a.isMulticastAddress()
        && !a.isLinkLocalAddress();
  }

  /**
   * The lower-case form of a DNS name fit for a hosts file or an RPZ zone, or {@code null}: at
   * least two labels of letters, digits and inner hyphens (underscores allowed, as some pools use
   * them), each 1-63 characters, 253 in all, no trailing dot, not all-numeric (an address).
   */
  public static String canonicalDomain(String text) {
    if (text == null) {
      return null;
    }
    String d = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    d = d.toLowerCase(Locale.ROOT);
    if (d.isEmpty() || d.length() > MAX_NAME) {
      return null;
    }
    int labels = 0;
    int start = 0;
    while (start <= d.length()) {
      int dot = d.indexOf('.', start);
      int end = dot < 0 ? d.length() : dot;
      if (!isLabel(d, start, end)) {
        return null;
      }
      labels++;
      if (dot < 0) {
        break;
      }
      start = dot + 1;
    }
    String last = d.substring(d.lastIndexOf('.') + 1);
    boolean numericTld = last.chars().allMatch(c -> c >= '0' && c <= '9');
    return labels >= 2 && !numericTld ? d : null;
  }

  /**
   * Whether an address lies in a CIDR range ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a
   * single address); a malformed range matches nothing.
   */
  public static boolean inRange(InetAddress a, String cidr) {
    int slash = cidr.indexOf('/');
    InetAddress net = parseIp(slash < 0 ? cidr : cidr.substring(0, slash));
    if (a == null || net == null || net.getAddress().length != a.getAddress().length) {
      return false;
    }
    byte[] x = a.getAddress();
    byte[] n = net.getAddress();
    int bits = slash < 0 ? x.length * 8 : parseBits(cidr.substring(slash + 1), x.length * 8);
    if (bits < 0) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((x[i / 8] & mask) != (n[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static int parseBits(String s, int max) {
    if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    int b = Integer.parseInt(s);
    return b <= max ? b : -1;
  }

  private static boolean isLabel(String d, int start, int end) {
    int len = end - start;
    if (len < 1 || len > 63 || d.charAt(start) == '-' || d.charAt(end - 1) == '-') {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = d.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static byte[] parse4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        int len = i - start;
        if (part > 3 || len < 1 || len > 3 || (len > 1 && s.charAt(start) == '0')) {
          return null;
        }
        int v = 0;
        for (int j = start; j < i; j++) {
          char c = s.charAt(j);
          if (c < '0' || c > '9') {
            return null;
          }
          v = v * 10 + (c - '0');
        }
        if (v > 255) {
          return null;
        }
        out[part++] = (byte) v;
        start = i + 1;
      }
    }
    return part == 4 ? out : null;
  }

  private static InetAddress byAddress(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
