package dev.minewarden.core.intel;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the intel entry of an IP address: exact IPv4 addresses in an open-addressing table of
 * ints, networks (and IPv6 addresses) in binary tries searched for the longest prefix. Parsing
 * never resolves names. Immutable and thread-safe once built.
 *
 * @param <V> what is stored per address or network
 */
final class IpIndex<V> {
  private final int[] v4Keys;
  private final Object[] v4Values;
  private final int v4Mask;
  private final Trie v4Nets = new Trie();
  private final Trie v6 = new Trie();
  /**
   * One bit per IPv4 /16, set when a listed address lies in it or a listed network overlaps it.
   * Most addresses of a log (private ranges, a cloud's own) lie in no such /16, and these 8 KB
   * answer them without a probe of the table, whose misses cost about 15 ns a look-up in a flow
   * log hunt, two look-ups a record.
   */
  private final long[] v4Sixteens = new long[1 << 10];

  /** Entries: address or CIDR text to value; bad text is left out and reported by {@link #parseCidr}. */
  IpIndex(List<String> keys, List<V> vals) {
    List<Integer> exact = new ArrayList<>();
    List<Object> exactVals = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      Cidr c = parseCidr(keys.get(k));
      if (c == null) {
        continue;
      }
      if (c.bytes.length == 4) {
        markSixteens(toInt(c.bytes), c.prefix);
      }
      if (c.bytes.length == 4 && c.prefix == 32) {
        exact.add(toInt(c.bytes));
        exactVals.add(vals.get(k));
      } else {
        (c.bytes.length == 4 ? v4Nets : v6).put(c.bytes, c.prefix, vals.get(k));
      }
    }
    int cap = Integer.highestOneBit(Math.max(4, exact.size() * 2 - 1)) << 1;
    v4Keys = new int[cap];
    v4Values = new Object[cap];
    v4Mask = cap - 1;
    for (int i = 0; i < exact.size(); i++) {
      int slot = mix(exact.get(i)) & v4Mask;
      while (v4Values[slot] != null) {
        slot = (slot + 1) & v4Mask;
      }
      v4Keys[slot] = exact.get(i);
      v4Values[slot] = exactVals.get(i);
    }
  }

  /** The entry for an IPv4 address given as an int, or {@code null}. */
  @SuppressWarnings("unchecked")
  V findV4Int(int a) {
    return (V) findV4(a);
  }

  /** The entry for an address given as text, or {@code null}. */
  @SuppressWarnings("unchecked")
  V find(String ip) {
    long v4 = parseV4(ip);
    if (v4 >= 0) {
      return (V) findV4((int) v4);
    }
    if (ip.indexOf(':') < 0 || ip.length() > 64) {
      return null;
    }
    byte[] b = parseV6(ip);
    if (b == null) {
      return null;
    }
    if (b.length == 4) {
      return (V) findV4(toInt(b));
    }
    return (V) v6.longest(b);
  }

  /** Sets the bits of the /16s that the network {@code address/prefix} overlaps. */
  private void markSixteens(int address, int prefix) {
    long first = (address & (prefix == 0 ? 0 : -1L << (32 - prefix))) >>> 16 & 0xFFFF;
    long last = prefix >= 16 ? first : first | ((1L << (16 - prefix)) - 1);
    for (long s = first; s <= last; s++) {
      v4Sixteens[(int) (s >>> 6)] |= 1L << s;
    }
  }

  private Object findV4(int a) {
    if ((v4Sixteens[a >>> 22] & 1L << (a >>> 16)) == 0) {
      return null;
    }
    int slot = mix(a) & v4Mask;
    Object v;
    while ((v = v4Values[slot]) != null) {
      if (v4Keys[slot] == a) {
        return v;
      }
      slot = (slot + 1) & v4Mask;
    }
    return v4Nets.isEmpty() ? null : v4Nets.longest(toBytes(a));
  }

  /** A dotted-quad IPv4 address as an unsigned int in a long, or -1 when it is not one. */
  static long parseV4(String s) {
    return parseV4(s, 0, s.length());
  }

  /** As {@link #parseV4(String)} for the region {@code s[from, to)}. */
  static long parseV4(String s, int from, int to) {
    int n = to - from;
    if (n < 7 || n > 15) {
      return -1;
    }
    long out = 0;
    int part = 0;
    int val = -1;
    int digits = 0;
    for (int i = from; i <= to; i++) {
      char c = i < to ? s.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        if (digits > 0 && val == 0) {
          return -1; // leading zeros are octal to some tools: refuse them
        }
        val = (val < 0 ? 0 : val * 10) + (c - '0');
        if (++digits > 3 || val > 255) {
          return -1;
        }
      } else if (c == '.' && val >= 0 && part < 4) {
        out = (out << 8) | val;
        part++;
        val = -1;
        digits = 0;
      } else {
        return -1;
      }
    }
    return part == 4 ? out : -1;
  }

  /** IPv6 text (brackets and zone allowed) as 16 bytes, or 4 for IPv4-mapped; {@code null} if bad. */
  static byte[] parseV6(String s) {
    String t = s;
    int pct = t.indexOf('%');
    if (pct >= 0) {
      t = t.substring(0, pct);
    }
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (!mayBeV6(t)) {
      return null;
    }
    InetAddress a;
    try {
      // One parse: isInetAddress followed by forString parses the text twice.
      a = InetAddresses.forString(t);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return a instanceof Inet4Address || a instanceof Inet6Address ? a.getAddress() : null;
  }

  /**
   * Whether the text has the length and characters of an IPv6 address (hex digits, colons, and the
   * dots of an embedded IPv4 part): text that cannot be one is refused without the parser's
   * exception.
   */
  private static boolean mayBeV6(String t) {
    int n = t.length();
    if (n < 2 || n > 45) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
          || c == ':' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** An address or network ({@code 1.2.3.0/24}, {@code 2001:db8::/32}), or {@code null} when bad. */
  static Cidr parseCidr(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    byte[] b;
    long v4 = parseV4(addr);
    if (v4 >= 0) {
      b = toBytes((int) v4);
    } else {
      b = addr.indexOf(':') >= 0 ? parseV6(addr) : null;
    }
    if (b == null) {
      return null;
    }
    int max = b.length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (prefix < 0 || prefix > max) {
        return null;
      }
    }
    return new Cidr(b, prefix);
  }

  /** A parsed network: address bytes and prefix length. */
  record Cidr(byte[] bytes, int prefix) {
    /** Canonical text: the address with host bits cleared, and {@code /prefix} unless a single host. */
    String canonical() {
      byte[] c = bytes.clone();
      for (int bit = prefix; bit < c.length * 8; bit++) {
        c[bit >> 3] &= (byte) ~(0x80 >> (bit & 7));
      }
      String a = InetAddresses.toAddrString(toInet(c));
      return prefix == c.length * 8 ? a : a + "/" + prefix;
    }
  }

  private static InetAddress toInet(byte[] b) {
    try {
      return InetAddress.getByAddress(b); // from bytes: never a lookup
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static int toInt(byte[] b) {
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  static byte[] toBytes(int a) {
    return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
  }

  private static int mix(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }

  /** A binary trie over address bits, nodes in growable arrays. */
  private static final class Trie {
    private int[] zero = new int[16];
    private int[] one = new int[16];
    private Object[] value = new Object[16];
    private int nodes = 1;

    boolean isEmpty() {
      return nodes == 1 && value[0] == null;
    }

    void put(byte[] addr, int prefix, Object v) {
      int n = 0;
      for (int bit = 0; bit < prefix; bit++) {
        boolean set = (addr[bit >> 3] & (0x80 >> (bit & 7))) != 0;
        int next = set ? one[n] : zero[n];
        if (next == 0) {
          next = newNode();
          if (set) {
            one[n] = next;
          } else {
            zero[n] = next;
          }
        }
        n = next;
      }
      if (value[n] == null) {
        value[n] = v;
      }
    }

    Object longest(byte[] addr) {
      int n = 0;
      Object best = value[0];
      for (int bit = 0; bit < addr.length * 8; bit++) {
        boolean set = (addr[bit >> 3] & (0x80 >> (bit & 7))) != 0;
        n = set ? one[n] : zero[n];
        if (n == 0) {
          break;
        }
        if (value[n] != null) {
          best = value[n];
        }
      }
      return best;
    }

    private int newNode() {
      if (nodes == zero.length) {
        zero = java.util.Arrays.copyOf(zero, nodes * 2);
        one = java.util.Arrays.copyOf(one, nodes * 2);
        value = java.util.Arrays.copyOf(value, nodes * 2);
      }
      return nodes++;
    }
  }
}
