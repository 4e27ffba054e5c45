package dev.minewarden.core.sigma.internal;

import dev.minewarden.core.event.Event;
import java.util.Arrays;

/**
 * Whether an IP address value lies in a network ({@code cidr} modifier), IPv4 or IPv6. Addresses are
 * parsed by hand: no name is ever resolved.
 */
public final class CidrPred implements Pred {
  private final byte[] network;
  private final int prefix;
  private final String display;

  private CidrPred(byte[] network, int prefix, String display) {
    this.network = network;
    this.prefix = prefix;
    this.display = display;
  }

  /**
   * Parses {@code address/prefix} (or a bare address, a host network).
   *
   * @throws IllegalArgumentException naming the value when it is no network
   */
  static CidrPred parse(String spec) {
    String s = spec.trim();
    int slash = s.indexOf('/');
    byte[] addr = IpAddresses.parse(slash < 0 ? s : s.substring(0, slash));
    if (addr == null) {
      throw new IllegalArgumentException("not a CIDR network: '" + spec + "'");
    }
    int bits = addr.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("bad prefix length in CIDR '" + spec + "'");
      }
      prefix = Integer.parseInt(p);
      if (prefix > bits) {
        throw new IllegalArgumentException("prefix length over " + bits + " in CIDR '" + spec + "'");
      }
    }
    return new CidrPred(mask(addr, prefix), prefix, s);
  }

  private static byte[] mask(byte[] addr, int prefix) {
    byte[] out = Arrays.copyOf(addr, addr.length);
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] &= (byte) (0xFF << (8 - keep));
    }
    return out;
  }

  @Override
  public boolean test(Object value, Event event) {
    if (!(value instanceof String s)) {
      return false;
    }
    byte[] addr = IpAddresses.parse(s);
    if (addr == null) {
      return false;
    }
    if (addr.length != network.length) {
      addr = IpAddresses.unmapV4(addr, network.length);
      if (addr == null) {
        return false;
      }
    }
    return Arrays.equals(mask(addr, prefix), network);
  }

  @Override
  public String toString() {
    return "cidr(" + display + ")";
  }
}
