package dev.minewarden.core.sigma.internal;

import dev.minewarden.core.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether an IP address value lies in a network ({@code cidr} modifier), IPv4 or IPv6. Addresses are
 * parsed by hand: no name is ever resolved.
 */
public final class CidrPred implements Pred {
  private final byte[] network;
  private final int prefix;
  private final String display;

  /** For an IPv4 network: its address and mask as ints, for the allocation-free test. */
  private final int net4;
  private final int mask4;

  private CidrPred(byte[] network, int prefix, String display) {
    this.network = network;
    this.prefix = prefix;
    this.display = display;
    this.mask4 = prefix == 0 ? 0 : -1 << (32 - Math.min(32, prefix));
    this.net4 = network.length == 4
        ? ((network[0] & 0xFF) << 24 | (network[1] & 0xFF) << 16 | (network[2] & 0xFF) << 8
            | (network[3] & 0xFF)) & mask4
        : 0;
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
    long v4 = IpAddresses.plainV4(s);
    if (v4 >= 0) {
      // A dotted quad is in no IPv6 network: only IPv4-mapped IPv6 values are compared across.
      return network.length == 4 && ((int) v4 & mask4) == net4;
    }
    byte[] addr = parsed(s);
    if (addr == null) {
      return false;
    }
    if (addr.length != network.length) {
      addr = IpAddresses.unmapV4(addr, network.length);
      if (addr == null) {
        return false;
      }
    }
    return inNetwork(addr);
  }

  /** Compares the first {@code prefix} bits in place. */
  private boolean inNetwork(byte[] addr) {
    int full = prefix >>> 3;
    for (int i = 0; i < full; i++) {
      if (addr[i] != network[i]) {
        return false;
      }
    }
    int rem = prefix & 7;
    return rem == 0 || ((addr[full] ^ network[full]) & (0xFF << (8 - rem)) & 0xFF) == 0;
  }

  /**
   * The last value parsed on this thread, kept by identity: a rule usually tests one address
   * against several networks in a row, and parsers hand out the same string for a repeated value.
   */
  private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

  private static byte[] parsed(String s) {
    Object[] last = LAST.get();
    if (last[0] != s) {
      last[1] = IpAddresses.parse(s);
      last[0] = s;
    }
    return (byte[]) last[1];
  }

  /** Whether the network is an IPv4 one. */
  boolean isV4() {
    return network.length == 4;
  }

  /** The IPv4 network address, masked (IPv4 networks only). */
  int net4() {
    return net4;
  }

  /** The IPv4 netmask (IPv4 networks only). */
  int mask4() {
    return mask4;
  }

  /**
   * A rough share of addresses in this network among those events carry, for choosing which test
   * of a rule selects it: a /8 is common, a /24 or a single host rare.
   */
  double chance() {
    return Math.pow(2, -prefix / (isV4() ? 4.0 : 16.0));
  }

  /** Networks are equal when their masked addresses and prefix lengths are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CidrPred c && c.prefix == prefix && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    return "cidr(" + display + ")";
  }

  /**
   * The tests with their CIDR tests (two or more) replaced by one that reads the address once: a
   * list such as the private ranges is then one parse and a few mask compares per value.
   */
  static List<Pred> merged(List<Pred> preds) {
    List<CidrPred> cidrs = new ArrayList<>();
    List<Pred> rest = new ArrayList<>();
    for (Pred p : preds) {
      if (p instanceof CidrPred c) {
        cidrs.add(c);
      } else {
        rest.add(p);
      }
    }
    if (cidrs.size() < 2) {
      return preds;
    }
    rest.add(0, new AnyOf(cidrs.toArray(CidrPred[]::new)));
    return rest;
  }

  /** Whether an address lies in any of several networks. */
  static final class AnyOf implements Pred {
    private final CidrPred[] networks;
    private final int[] nets4;
    private final int[] masks4;

    AnyOf(CidrPred[] networks) {
      this.networks = networks;
      int v4 = (int) Arrays.stream(networks).filter(n -> n.network.length == 4).count();
      this.nets4 = new int[v4];
      this.masks4 = new int[v4];
      int k = 0;
      for (CidrPred n : networks) {
        if (n.network.length == 4) {
          nets4[k] = n.net4;
          masks4[k++] = n.mask4;
        }
      }
    }

    @Override
    public boolean test(Object value, Event event) {
      if (!(value instanceof String s)) {
        return false;
      }
      long v4 = IpAddresses.plainV4(s);
      if (v4 >= 0) {
        int a = (int) v4;
        for (int i = 0; i < nets4.length; i++) {
          if ((a & masks4[i]) == nets4[i]) {
            return true;
          }
        }
        return false;
      }
      for (CidrPred n : networks) {
        if (n.test(value, event)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return Arrays.toString(networks);
    }
  }
}
