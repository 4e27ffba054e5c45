package dev.minewarden.ingest.pcap;

/** Formats IP addresses as text without name lookups. Stateless and thread-safe. */
final class InetText {
  private InetText() {}

  /** Dotted-quad form of an IPv4 address held in the low 32 bits. */
  static String ipv4(long a) {
    return (a >>> 24 & 0xff) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
  }

  /** IPv4 or IPv6 text of raw address bytes (4 or 16 of them, from {@code off}). */
  static String of(byte[] b, int off, int len) {
    if (len == 4) {
      return ipv4(ByteInput.u32(b, off, false));
    }
    return ipv6(ByteInput.u64(b, off, false), ByteInput.u64(b, off + 8, false));
  }

  /** RFC 5952 text: lower-case hex, leading zeros dropped, the longest run of 2+ zero groups as ::. */
  static String ipv6(long high, long low) {
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
      g[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
    }
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
