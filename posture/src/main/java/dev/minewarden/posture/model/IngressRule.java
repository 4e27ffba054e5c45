package dev.minewarden.posture.model;

import java.util.List;
import java.util.Locale;

/**
 * One inbound allow rule of a security group or firewall, normalised: protocol {@code -1} means
 * every protocol and every port; ports are inclusive.
 *
 * @param protocol {@code -1}, {@code tcp}, {@code udp}, {@code icmp} or another IANA name/number
 * @param fromPort first port, 0..65535
 * @param toPort last port, 0..65535
 * @param cidrs the IPv4 and IPv6 source ranges as written
 */
public record IngressRule(String protocol, int fromPort, int toPort, List<String> cidrs) {

  /** Normalises the protocol and copies the list. */
  public IngressRule {
    protocol = normaliseProtocol(protocol);
    cidrs = List.copyOf(cidrs);
    if (protocol.equals("-1")) {
      fromPort = 0;
      toPort = 65535;
    }
  }

  /**
   * Whether this rule lets TCP traffic reach {@code port}, as Prowler's {@code
   * check_security_group} decides: all protocols, or TCP with the port inside the range.
   */
  public boolean allowsTcp(int port) {
    return (protocol.equals("-1") || protocol.equals("tcp")) && fromPort <= port && port <= toPort;
  }

  /** The source ranges that mean "anywhere": {@code 0.0.0.0/0} and {@code ::/0}. */
  public List<String> worldRanges() {
    return cidrs.stream().filter(IngressRule::isWorld).toList();
  }

  /** True for a CIDR that is the whole IPv4 or IPv6 space. */
  public static boolean isWorld(String cidr) {
    String c = cidr.trim();
    return c.equals("0.0.0.0/0") || c.equals("::/0") || c.equals("*") || c.equalsIgnoreCase("internet")
        || c.equalsIgnoreCase("any");
  }

  private static String normaliseProtocol(String p) {
    String v = p == null ? "-1" : p.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "-1", "all", "*", "" -> "-1";
      case "6" -> "tcp";
      case "17" -> "udp";
      case "1" -> "icmp";
      default -> v;
    };
  }
}
