package dev.minewarden.host.response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pool hosts a miner's arguments name: URLs ({@code stratum+tcp://pool.example:3333}), and
 * the values of {@code -o}, {@code --url} and {@code --url=} in {@code host:port} form. Returns
 * host text only; callers validate it strictly. Pure, linear in the argument length.
 */
final class PoolEndpoints {
  private static final int MAX_ARGS = 256;

  private PoolEndpoints() {}

  /** The hosts named, in order (unvalidated). */
  static List<String> from(List<String> argv) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < argv.size() && i < MAX_ARGS; i++) {
      String a = argv.get(i);
      if (a.length() > 1024) {
        continue;
      }
      String lower = a.toLowerCase(Locale.ROOT);
      if (lower.startsWith("--url=") || lower.startsWith("-o=")) {
        add(out, a.substring(a.indexOf('=') + 1));
      } else if ((a.equals("-o") || a.equals("--url")) && i + 1 < argv.size()) {
        add(out, argv.get(++i));
      } else if (a.contains("://")) {
        add(out, a);
      }
    }
    return out;
  }

  private static void add(List<String> out, String endpoint) {
    String h = host(endpoint);
    if (h != null && !h.isEmpty()) {
      out.add(h);
    }
  }

  /** The host of {@code scheme://host:port/path}, {@code host:port} or {@code [v6]:port}. */
  static String host(String endpoint) {
    String e = endpoint;
    int scheme = e.indexOf("://");
    if (scheme >= 0) {
      e = e.substring(scheme + 3);
    }
    int slash = e.indexOf('/');
    if (slash >= 0) {
      e = e.substring(0, slash);
    }
    int at = e.lastIndexOf('@');
    if (at >= 0) {
      e = e.substring(at + 1);
    }
    if (e.startsWith("[")) {
      int close = e.indexOf(']');
      return close > 0 ? e.substring(1, close) : null;
    }
    int colon = e.indexOf(':');
    if (colon >= 0 && e.indexOf(':', colon + 1) < 0) {
      return e.substring(0, colon);
    }
    return colon < 0 ? e : null;
  }
}
