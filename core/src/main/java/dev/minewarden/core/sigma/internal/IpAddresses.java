package dev.minewarden.core.sigma.internal;

/** Parses IPv4 and IPv6 literals into bytes without any name resolution. */
final class IpAddresses {
  private IpAddresses() {}

  /** The address bytes (4 or 16), or {@code null} when the text is no IP literal. */
  static byte[] parse(String s) {
    if (s.length() > 64) {
      return null;
    }
    int pct = s.indexOf('%');
    String t = pct >= 0 ? s.substring(0, pct) : s;
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    return t.indexOf(':') >= 0 ? v6(t) : v4(t);
  }

  /**
   * A plain dotted-quad IPv4 address ({@link dev.minewarden.core.event.DottedQuad}) as an unsigned
   * 32-bit value, or -1 for anything else, which {@link #parse} then reads. Allocates nothing.
   * Gives what {@link #v4} gives for such text; only leading zeros are left to {@link #v4}.
   */
  static long plainV4(String s) {
    return dev.minewarden.core.event.DottedQuad.parse(s);
  }

  static byte[] v4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int val = -1;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        val = (val < 0 ? 0 : val * 10) + (c - '0');
        if (val > 255) {
          return null;
        }
      } else if (c == '.' && val >= 0 && part < 4) {
        out[part++] = (byte) val;
        val = -1;
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  private static byte[] v6(String s) {
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    byte[] head = groups(dbl >= 0 ? s.substring(0, dbl) : s);
    byte[] tail = dbl >= 0 ? groups(s.substring(dbl + 2)) : new byte[0];
    if (head == null || tail == null) {
      return null;
    }
    int len = head.length + tail.length;
    if (len > 16 || (dbl < 0 && len != 16) || (dbl >= 0 && len > 14)) {
      return null;
    }
    byte[] out = new byte[16];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(tail, 0, out, 16 - tail.length, tail.length);
    return out;
  }

  /** Colon-separated hex groups, the last of which may be a dotted IPv4 address. */
  private static byte[] groups(String s) {
    if (s.isEmpty()) {
      return new byte[0];
    }
    String[] g = s.split(":", -1);
    byte[] out = new byte[g.length * 2 + 2];
    int n = 0;
    for (int i = 0; i < g.length; i++) {
      if (i == g.length - 1 && g[i].indexOf('.') >= 0) {
        byte[] v4 = v4(g[i]);
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, out, n, 4);
        n += 4;
        continue;
      }
      int v = hex(g[i]);
      if (v < 0) {
        return null;
      }
      out[n++] = (byte) (v >> 8);
      out[n++] = (byte) v;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static int hex(String g) {
    if (g.isEmpty() || g.length() > 4) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < g.length(); i++) {
      int d = Character.digit(g.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  /** An IPv4-mapped IPv6 address as IPv4, or {@code null} when it does not convert. */
  static byte[] unmapV4(byte[] addr, int wantedLength) {
    if (wantedLength == 4 && addr.length == 16) {
      for (int i = 0; i < 10; i++) {
        if (addr[i] != 0) {
          return null;
        }
      }
      if (addr[10] == (byte) 0xFF && addr[11] == (byte) 0xFF) {
        return java.util.Arrays.copyOfRange(addr, 12, 16);
      }
    }
    return null;
  }
}
