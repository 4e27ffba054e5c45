package dev.minewarden.core.net;

/**
 * Writes IP addresses as text from their raw forms, without name lookups. Every method is pure and
 * thread-safe; the byte forms are in network order.
 */
public final class IpText {
  private IpText() {}

  /** Dotted-quad text of an IPv4 address held as a network-order 32-bit value. */
  public static String ipv4(int address) {
    return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "."
        + (address & 0xff);
  }

  /** Dotted-quad text of the 4 bytes at {@code off}. */
  public static String ipv4(byte[] b, int off) {
    return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "."
        + (b[off + 3] & 0xff);
  }

  /**
   * RFC 5952 text of an IPv6 address given as its high and low 64 bits: lower-case hex, leading
   * zeros dropped, the first longest run of two or more zero groups written as {@code ::}.
   * IPv4-mapped addresses stay in hex ({@code ::ffff:c000:201}).
   */
  public static String ipv6(long high, long low) {
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
      g[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
    }
    return compress(g);
  }

  /** RFC 5952 text of the 16 bytes at {@code off}, as {@link #ipv6(long, long)} writes it. */
  public static String ipv6(byte[] b, int off) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = (b[off + 2 * i] & 0xff) << 8 | (b[off + 2 * i + 1] & 0xff);
    }
    return compress(g);
  }

  /**
   * Like {@link #ipv6(byte[], int)}, but an IPv4-mapped address ({@code ::ffff:a.b.c.d}) comes back
   * as plain IPv4 text, which is how a dual-stack socket's IPv4 peer is best shown.
   */
  public static String ipv6OrMappedIpv4(byte[] b, int off) {
    return isIpv4Mapped(b, off) ? ipv4(b, off + 12) : ipv6(b, off);
  }

  /**
   * The address in a {@code /proc/net/tcp}-style table: 8 hex digits for IPv4 or 32 for IPv6,
   * each 32-bit word in little-endian host byte order (x86-64, arm64). IPv4-mapped IPv6 addresses
   * come back as IPv4.
   *
   * @return the address text, or null when {@code hex} is not 8 or 32 hex digits
   */
  public static String procNetHex(String hex) {
    if (hex.length() != 8 && hex.length() != 32) {
      return null;
    }
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      long w = hexWord(hex, word * 8);
      if (w < 0) {
        return null;
      }
      for (int b = 0; b < 4; b++) {
        bytes[word * 4 + b] = (byte) (w >>> (8 * b));
      }
    }
    return bytes.length == 4 ? ipv4(bytes, 0) : ipv6OrMappedIpv4(bytes, 0);
  }

  private static boolean isIpv4Mapped(byte[] b, int off) {
    for (int i = 0; i < 10; i++) {
      if (b[off + i] != 0) {
        return false;
      }
    }
    return b[off + 10] == (byte) 0xff && b[off + 11] == (byte) 0xff;
  }

  /** The 8 hex digits at {@code from} as a value, or -1 when one is not a hex digit. */
  private static long hexWord(String s, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = v << 4 | d;
    }
    return v;
  }

  private static String compress(int[] g) {
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
