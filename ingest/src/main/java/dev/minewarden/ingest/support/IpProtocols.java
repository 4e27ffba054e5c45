package dev.minewarden.ingest.support;

/** IANA IP protocol numbers to the lower-case names the Sigma taxonomy uses. Thread-safe. */
public final class IpProtocols {
  private static final String[] NAMES = new String[256];

  static {
    for (int i = 0; i < NAMES.length; i++) {
      NAMES[i] = Integer.toString(i);
    }
    NAMES[1] = "icmp";
    NAMES[2] = "igmp";
    NAMES[4] = "ipip";
    NAMES[6] = "tcp";
    NAMES[17] = "udp";
    NAMES[41] = "ipv6";
    NAMES[47] = "gre";
    NAMES[50] = "esp";
    NAMES[51] = "ah";
    NAMES[58] = "ipv6-icmp";
    NAMES[132] = "sctp";
  }

  private IpProtocols() {}

  /**
   * The name of a protocol number ({@code 6} gives {@code tcp}); numbers without a common name come
   * back as their decimal text, and numbers outside 0..255 as {@code null}.
   */
  public static String name(long number) {
    return number >= 0 && number < NAMES.length ? NAMES[(int) number] : null;
  }
}
