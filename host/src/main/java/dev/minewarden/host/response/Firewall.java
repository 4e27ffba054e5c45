package dev.minewarden.host.response;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks and bans addresses in the kernel firewall: an nftables table {@code inet minewarden}
 * with address sets where {@code nft} exists, else iptables rules matching ipset sets. Pool
 * addresses are rejected on output and forward (so containers are covered too); banned sources
 * are dropped on input and forward, with a per-address timeout. The rules are fixed text; only
 * addresses that passed {@link Addresses#canonicalIp} are ever added. Thread-safe.
 */
final class Firewall {
  /** The nftables table and ipset name prefix. */
  static final String NAME = "minewarden";

  /** Which set an address goes into. */
  enum Group {
    /** Pool addresses: egress rejected. */
    POOL("pool"),
    /** Banned sources: ingress dropped. */
    BAN("ban");

    final String base;

    Group(String base) {
      this.base = base;
    }
  }

  private static final String NFT_SETUP = String.join("\n",
      "add table inet minewarden",
      "add set inet minewarden pool4 { type ipv4_addr; }",
      "add set inet minewarden pool6 { type ipv6_addr; }",
      "add set inet minewarden ban4 { type ipv4_addr; flags timeout; }",
      "add set inet minewarden ban6 { type ipv6_addr; flags timeout; }",
      "add chain inet minewarden egress { type filter hook output priority 0; policy accept; }",
      "add chain inet minewarden forward { type filter hook forward priority 0; policy accept; }",
      "add chain inet minewarden ingress { type filter hook input priority -10; policy accept; }",
      "flush chain inet minewarden egress",
      "flush chain inet minewarden forward",
      "flush chain inet minewarden ingress",
      "add rule inet minewarden egress ip daddr @pool4 counter reject",
      "add rule inet minewarden egress ip6 daddr @pool6 counter reject",
      "add rule inet minewarden forward ip daddr @pool4 counter reject",
      "add rule inet minewarden forward ip6 daddr @pool6 counter reject",
      "add rule inet minewarden ingress ip saddr @ban4 counter drop",
      "add rule inet minewarden ingress ip6 saddr @ban6 counter drop",
      "add rule inet minewarden forward ip saddr @ban4 counter drop",
      "add rule inet minewarden forward ip6 saddr @ban6 counter drop",
      "");

  private final CommandRunner runner;
  private final String method;

  /** A firewall of the given method ({@code nft} or {@code iptables}) run through the runner. */
  Firewall(CommandRunner runner, String method) {
    this.runner = runner;
    this.method = method;
  }

  /**
   * The method to use: the policy's choice, or for {@code auto} nftables when {@code nft} runs,
   * else iptables when both {@code iptables} and {@code ipset} exist, else {@code none}.
   */
  static String choose(String policyMethod, CommandRunner runner) {
    if (!policyMethod.equals("auto")) {
      return policyMethod;
    }
    if (CommandRunner.onPath("nft") && runner.run(List.of("nft", "list", "tables")).ok()) {
      return "nft";
    }
    return CommandRunner.onPath("iptables") && CommandRunner.onPath("ipset") ? "iptables" : "none";
  }

  /** The method in use. */
  String method() {
    return method;
  }

  /** Creates the table, sets and rules when missing. Returns {@code null}, or what failed. */
  String ensure() {
    if (method.equals("nft")) {
      CommandRunner.Result r = runner.run(List.of("nft", "-f", "-"), NFT_SETUP);
      return r.ok() ? null : "nft: " + r.output();
    }
    List<String> errors = new ArrayList<>();
    for (String fam : List.of("4", "6")) {
      String family = fam.equals("4") ? "inet" : "inet6";
      String tool = fam.equals("4") ? "iptables" : "ip6tables";
      run(errors, fam, List.of("ipset", "create", NAME + "-pool" + fam, "hash:ip", "family", family, "-exist"));
      run(errors, fam, List.of("ipset", "create", NAME + "-ban" + fam, "hash:ip", "family", family,
          "timeout", "0", "-exist"));
      rule(errors, fam, tool, "OUTPUT", NAME + "-pool" + fam, "dst", "REJECT");
      rule(errors, fam, tool, "FORWARD", NAME + "-pool" + fam, "dst", "REJECT");
      rule(errors, fam, tool, "INPUT", NAME + "-ban" + fam, "src", "DROP");
      rule(errors, fam, tool, "FORWARD", NAME + "-ban" + fam, "src", "DROP");
    }
    // IPv6 may be disabled on the host: only IPv4 failures count.
    List<String> v4 = errors.stream().filter(e -> e.startsWith("4:")).toList();
    return v4.isEmpty() ? null : String.join("; ", v4);
  }

  private void rule(List<String> errors, String fam, String tool, String chain, String set, String dir,
      String target) {
    List<String> spec = List.of(chain, "-m", "set", "--match-set", set, dir, "-j", target);
    List<String> check = new ArrayList<>(List.of(tool, "-C"));
    check.addAll(spec);
    if (runner.run(check).ok()) {
      return;
    }
    List<String> insert = new ArrayList<>(List.of(tool, "-I"));
    insert.add(chain);
    insert.add("1");
    insert.addAll(spec.subList(1, spec.size()));
    run(errors, fam, insert);
  }

  private void run(List<String> errors, String fam, List<String> cmd) {
    CommandRunner.Result r = runner.run(cmd);
    if (!r.ok()) {
      errors.add(fam + ": " + String.join(" ", cmd) + ": " + r.output());
    }
  }

  /**
   * Adds a canonical address to a set, for {@code timeoutSeconds} when positive (a ban's time is
   * replaced, so a repeat offender gets the longer ban).
   *
   * @return {@code null}, or what failed
   */
  String add(Group set, String ip, long timeoutSeconds) {
    InetAddress a = Addresses.parseIp(ip);
    if (a == null || !Addresses.isBlockable(a) || !ip.equals(Addresses.canonicalIp(ip))) {
      return "refused address '" + ip + "'";
    }
    String fam = a instanceof Inet6Address ? "6" : "4";
    CommandRunner.Result r;
    if (method.equals("nft")) {
      String elem = timeoutSeconds > 0 ? ip + " timeout " + timeoutSeconds + "s" : ip;
      if (timeoutSeconds > 0) {
        runner.run(List.of("nft", "delete", "element", "inet", NAME, set.base + fam, "{", ip, "}"));
      }
      r = runner.run(List.of("nft", "add", "element", "inet", NAME, set.base + fam, "{", elem, "}"));
    } else {
      List<String> cmd = new ArrayList<>(List.of("ipset", "add", NAME + "-" + set.base + fam, ip));
      if (timeoutSeconds > 0) {
        cmd.addAll(List.of("timeout", Long.toString(timeoutSeconds)));
      }
      cmd.add("-exist");
      r = runner.run(cmd);
    }
    return r.ok() ? null : r.output();
  }

  /** Removes an address from a set; an address not in it counts as removed. Returns {@code null} or what failed. */
  String remove(Group set, String ip) {
    InetAddress a = Addresses.parseIp(ip);
    if (a == null) {
      return "refused address '" + ip + "'";
    }
    String fam = a instanceof Inet6Address ? "6" : "4";
    CommandRunner.Result r = method.equals("nft")
        ? runner.run(List.of("nft", "delete", "element", "inet", NAME, set.base + fam, "{", ip, "}"))
        : runner.run(List.of("ipset", "del", NAME + "-" + set.base + fam, ip, "-exist"));
    if (r.ok() || r.output().contains("No such file") || r.output().contains("does not exist")) {
      return null;
    }
    return r.output();
  }
}
