package dev.minewarden.core.intel;

import java.util.Locale;

/** Normalises and recognises indicator values. Pure and thread-safe. */
public final class Indicators {
  private Indicators() {}

  /**
   * The normalised value of an indicator of {@code type}.
   *
   * @throws IllegalArgumentException naming why the value cannot be such an indicator
   */
  public static String normalise(IndicatorType type, String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("empty value");
    }
    String v = raw.trim();
    return switch (type) {
      case DOMAIN -> domain(v);
      case IP -> ip(v);
      case CIDR -> cidr(v);
      case HASH -> hash(v);
      case PORT -> port(v);
      case URL -> url(v);
      case FILE_NAME, PROCESS_NAME -> name(v);
      case FILE_PATH -> path(v);
      case COMMAND_LINE -> literal(v);
    };
  }

  /** The type of a bare value in a plain list: address, network, hash, URL or domain. */
  public static IndicatorType guess(String raw) {
    String v = raw.trim();
    if (IpIndex.parseCidr(v) != null) {
      return v.indexOf('/') >= 0 ? IndicatorType.CIDR : IndicatorType.IP;
    }
    if (isHex(v) && (v.length() == 32 || v.length() == 40 || v.length() == 64)) {
      return IndicatorType.HASH;
    }
    if (v.contains("://")) {
      return IndicatorType.URL;
    }
    if (Domains.problem(Domains.normalise(v)) == null) {
      return IndicatorType.DOMAIN;
    }
    throw new IllegalArgumentException("neither an address, a network, a hash, a URL nor a domain");
  }

  private static String domain(String v) {
    String d = Domains.normalise(v);
    if (d.startsWith("*.")) {
      d = d.substring(2); // a wildcard entry means the name and everything under it, as ours do
    }
    String p = Domains.problem(d);
    if (p != null) {
      throw new IllegalArgumentException(p);
    }
    return d;
  }

  private static String ip(String v) {
    IpIndex.Cidr c = IpIndex.parseCidr(v);
    if (c == null || v.indexOf('/') >= 0) {
      throw new IllegalArgumentException("not an IP address");
    }
    return c.canonical();
  }

  private static String cidr(String v) {
    IpIndex.Cidr c = IpIndex.parseCidr(v);
    if (c == null) {
      throw new IllegalArgumentException("not an IP network in CIDR notation");
    }
    return c.canonical();
  }

  private static String hash(String v) {
    String h = v.toLowerCase(Locale.ROOT);
    if (!isHex(h) || (h.length() != 32 && h.length() != 40 && h.length() != 64)) {
      throw new IllegalArgumentException("not an MD5, SHA-1 or SHA-256 hex digest");
    }
    return h;
  }

  private static String port(String v) {
    try {
      int p = Integer.parseInt(v);
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("port out of range 1-65535");
      }
      return Integer.toString(p);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a port number");
    }
  }

  private static String url(String v) {
    int scheme = v.indexOf("://");
    if (scheme <= 0 || scheme + 3 >= v.length()) {
      throw new IllegalArgumentException("not a URL with a scheme and host");
    }
    return literal(v);
  }

  private static String name(String v) {
    if (v.indexOf('/') >= 0 || v.length() < 3) {
      throw new IllegalArgumentException("a name must have no slash and at least 3 characters");
    }
    return literal(v);
  }

  private static String path(String v) {
    String p = v.startsWith("~/") ? v.substring(1) : v; // any home directory
    if (p.length() < 5) {
      throw new IllegalArgumentException("path too short to match safely");
    }
    return literal(p);
  }

  private static String literal(String v) {
    if (v.length() < 4) {
      throw new IllegalArgumentException("too short to match safely (under 4 characters)");
    }
    if (v.length() > 1024) {
      throw new IllegalArgumentException("longer than 1024 characters");
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < 0x20 || v.charAt(i) >= 0x7f) {
        throw new IllegalArgumentException("control or non-ASCII characters are not matched");
      }
    }
    return v;
  }

  private static boolean isHex(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
