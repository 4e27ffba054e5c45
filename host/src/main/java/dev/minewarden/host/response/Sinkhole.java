package dev.minewarden.host.response;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Blocks pool names without resolving them: {@code 0.0.0.0 NAME} lines in the hosts file (this
 * host), and an RPZ zone file for the team's resolvers (BIND, Unbound, Knot, PowerDNS) with {@code
 * NAME CNAME .} and {@code *.NAME CNAME .} (NXDOMAIN for the name and its subdomains) and {@code
 * rpz-ip} records that hide answers pointing at pool addresses. Every line carries the action id,
 * so undo removes exactly what one action added. Only names that passed {@link
 * Addresses#canonicalDomain} are written. Not thread-safe.
 */
final class Sinkhole {
  static final String MARK = "minewarden ";

  private Sinkhole() {}

  /**
   * Adds {@code 0.0.0.0 NAME} for each name not already sinkholed in the hosts file.
   *
   * @return the names added
   */
  static List<String> addToHosts(Path hosts, List<String> names, String actionId) throws IOException {
    String text = Files.exists(hosts) ? Files.readString(hosts, StandardCharsets.UTF_8) : "";
    StringBuilder sb = new StringBuilder(text);
    if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
      sb.append('\n');
    }
    List<String> added = new ArrayList<>();
    for (String n : names) {
      if (Addresses.canonicalDomain(n) != null && !hostsHas(text, n)) {
        sb.append("0.0.0.0 ").append(n).append(" # ").append(MARK).append(actionId).append('\n');
        added.add(n);
      }
    }
    if (!added.isEmpty()) {
      FileEdits.write(hosts, sb.toString().getBytes(StandardCharsets.UTF_8), "rw-r--r--");
    }
    return added;
  }

  private static boolean hostsHas(String text, String name) {
    for (String line : text.split("\n")) {
      String l = line.trim();
      if ((l.startsWith("0.0.0.0 ") || l.startsWith("127.0.0.1 ")) && List.of(l.split("[ \t]+")).contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** Appends the RPZ records of the names and addresses to the zone file (created when missing). */
  static void addToRpz(Path zone, List<String> names, List<String> addresses, String actionId) throws IOException {
    List<String> records = new ArrayList<>(records(zone));
    String tag = " ; " + MARK + actionId;
    for (String n : names) {
      if (Addresses.canonicalDomain(n) != null) {
        records.add(n + " CNAME ." + tag);
        records.add("*." + n + " CNAME ." + tag);
      }
    }
    for (String a : addresses) {
      String owner = rpzIp(a);
      if (owner != null) {
        records.add(owner + " CNAME ." + tag);
      }
    }
    writeZone(zone, records);
  }

  /** Removes every line an action added to a hosts file or a zone file. */
  static int removeAction(Path file, String actionId) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    String suffix = MARK + actionId;
    List<String> kept = new ArrayList<>();
    int removed = 0;
    for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)) {
      if (line.endsWith(suffix)) {
        removed++;
      } else {
        kept.add(line);
      }
    }
    if (removed > 0) {
      if (file.getFileName().toString().endsWith(".rpz")) {
        writeZone(file, records(kept));
      } else {
        FileEdits.write(file, String.join("\n", kept).getBytes(StandardCharsets.UTF_8), null);
      }
    }
    return removed;
  }

  /**
   * The RPZ owner name of an address: {@code 32.4.3.2.1.rpz-ip} for 1.2.3.4, and {@code
   * 128.<groups reversed>.rpz-ip} for IPv6; {@code null} for anything else.
   */
  static String rpzIp(String ip) {
    InetAddress a = Addresses.parseIp(ip);
    if (a == null) {
      return null;
    }
    byte[] b = a.getAddress();
    StringBuilder sb = new StringBuilder();
    if (a instanceof Inet6Address) {
      sb.append("128");
      for (int i = 14; i >= 0; i -= 2) {
        sb.append('.').append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)));
      }
    } else {
      sb.append("32");
      for (int i = 3; i >= 0; i--) {
        sb.append('.').append(b[i] & 0xff);
      }
    }
    return sb.append(".rpz-ip").toString();
  }

  private static List<String> records(Path zone) throws IOException {
    return Files.exists(zone) ? records(List.of(Files.readString(zone, StandardCharsets.UTF_8).split("\n")))
        : List.of();
  }

  /** The records of a zone (the lines after the header that this class writes). */
  private static List<String> records(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      if (!l.isBlank() && !l.startsWith("$") && !l.startsWith("@") && !l.startsWith(";")) {
        out.add(l);
      }
    }
    return out;
  }

  private static void writeZone(Path zone, List<String> records) throws IOException {
    long serial = Math.max(serial(zone) + 1, System.currentTimeMillis() / 1000);
    StringBuilder sb = new StringBuilder();
    sb.append("; Response policy zone written by Minewarden: pool names and addresses to block.\n");
    sb.append("$TTL 300\n");
    sb.append(String.format(Locale.ROOT,
        "@ IN SOA localhost. hostmaster.localhost. ( %d 3600 600 86400 300 )\n", serial));
    sb.append("@ IN NS localhost.\n");
    records.forEach(r -> sb.append(r).append('\n'));
    FileEdits.write(zone, sb.toString().getBytes(StandardCharsets.UTF_8), "rw-r--r--");
  }

  private static long serial(Path zone) throws IOException {
    if (!Files.exists(zone)) {
      return 0;
    }
    for (String l : Files.readString(zone, StandardCharsets.UTF_8).split("\n")) {
      int open = l.indexOf("( ");
      if (l.startsWith("@") && l.contains(" SOA ") && open > 0) {
        String s = l.substring(open + 2).split(" ")[0];
        if (!s.isEmpty() && s.length() < 19 && s.chars().allMatch(Character::isDigit)) {
          return Long.parseLong(s);
        }
      }
    }
    return 0;
  }
}
