package dev.minewarden.host.response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocks pool endpoints and bans brute-force sources: addresses go into the kernel firewall
 * (nftables, or iptables with ipset), names into the hosts-file sinkhole and the RPZ zone file;
 * bans go to the firewall with a progressive timeout, or to fail2ban or CrowdSec. The firewall is
 * touched only when the root is {@code /} or the policy names a network namespace. Not
 * thread-safe.
 */
final class NetworkActions {
  private final Host host;
  private final ResponsePolicy policy;
  private final Bans bans;
  private Firewall firewall;

  NetworkActions(Host host, ResponsePolicy policy, Bans bans) {
    this.host = host;
    this.policy = policy;
    this.bans = bans;
  }

  /** The firewall ready for use, or {@code null} with the reason in {@code why[0]}. */
  private Firewall firewall(String[] why) {
    if (!host.firewallAllowed()) {
      why[0] = "the root is not / and the policy names no netns: the host firewall is left alone";
      return null;
    }
    if (firewall == null) {
      String method = Firewall.choose(policy.egress().method(), host.firewall());
      if (method.equals("none")) {
        why[0] = "no nft, and no iptables with ipset";
        return null;
      }
      Firewall f = new Firewall(host.firewall(), method);
      String err = f.ensure();
      if (err != null) {
        why[0] = "could not set up the " + method + " rules: " + err;
        return null;
      }
      firewall = f;
    }
    return firewall;
  }

  @SuppressWarnings("unchecked")
  ActionResult block(Plan.Step s) throws IOException {
    List<String> ips = (List<String>) s.detail().get("addresses");
    List<String> names = (List<String>) s.detail().get("names");
    Map<String, Object> undo = new LinkedHashMap<>();
    List<String> done = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (!ips.isEmpty()) {
      String[] why = new String[1];
      Firewall f = policy.egress().method().equals("none") ? null : firewall(why);
      List<String> added = new ArrayList<>();
      if (f != null) {
        for (String ip : ips) {
          String err = f.add(Firewall.Group.POOL, ip, 0);
          if (err == null) {
            added.add(ip);
          } else {
            problems.add(ip + ": " + err);
          }
        }
        undo.put("method", f.method());
        undo.put("prefix", host.firewall().prefix());
        undo.put("addresses", added);
        done.add(f.method() + " rejects " + added);
      } else if (why[0] != null) {
        problems.add(why[0]);
      }
    }
    if (!names.isEmpty() && policy.egress().hostsSinkhole()) {
      List<String> sunk = Sinkhole.addToHosts(host.fs().path("/etc/hosts"), names, s.id());
      undo.put("hosts", host.fs().path("/etc/hosts").toString());
      done.add("hosts file sinkholes " + sunk);
    }
    Sinkhole.addToRpz(host.rpz(), names, ips, s.id());
    undo.put("rpz", host.rpz().toString());
    done.add("RPZ zone " + host.rpz());
    String msg = String.join("; ", done) + (problems.isEmpty() ? "" : "; not blocked: " + String.join("; ", problems));
    return ActionResult.of(s, problems.isEmpty() ? "success" : "partial", msg, undo);
  }

  ActionResult ban(Plan.Step s) throws IOException {
    String ip = (String) s.detail().get("ip");
    long seconds = ((Number) s.detail().get("seconds")).longValue();
    String method = (String) s.detail().get("method");
    String jail = (String) s.detail().get("jail");
    Map<String, Object> undo = new LinkedHashMap<>();
    undo.put("method", method);
    undo.put("ip", ip);
    CommandRunner.Result r;
    switch (method) {
      case "builtin" -> {
        String[] why = new String[1];
        Firewall f = firewall(why);
        if (f == null) {
          return ActionResult.skipped(s, why[0]);
        }
        String err = f.add(Firewall.Group.BAN, ip, seconds);
        if (err != null) {
          return ActionResult.failure(s, err);
        }
        undo.put("firewall", f.method());
        undo.put("prefix", host.firewall().prefix());
        r = new CommandRunner.Result(0, f.method() + " drops " + ip + " for " + seconds + " s");
      }
      case "fail2ban" -> {
        undo.put("jail", jail);
        r = host.local().run(List.of("fail2ban-client", "set", jail, "banip", ip));
      }
      case "crowdsec" -> r = host.local().run(List.of("cscli", "decisions", "add", "--ip", ip, "--duration",
          seconds + "s", "--type", "ban", "--reason", "minewarden " + reason(s)));
      default -> {
        return ActionResult.skipped(s, "ban method none");
      }
    }
    if (!r.ok()) {
      return ActionResult.failure(s, method + ": " + r.output());
    }
    bans.record(ip);
    return ActionResult.of(s, "success", method.equals("builtin") ? r.output() : method + " banned " + ip, undo);
  }

  /** A rule id safe to pass as a CrowdSec reason. */
  private static String reason(Plan.Step s) {
    String id = s.rules().isEmpty() ? "response" : s.rules().get(0);
    StringBuilder sb = new StringBuilder();
    for (char c : id.toCharArray()) {
      if (sb.length() < 64 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Undoes a block: removes the addresses from the firewall set and the lines from hosts and RPZ. */
  @SuppressWarnings("unchecked")
  static String undoBlock(String actionId, Map<String, Object> undo) throws IOException {
    List<String> done = new ArrayList<>();
    if (undo.get("method") instanceof String method) {
      Firewall f = new Firewall(runner(undo), method);
      for (String ip : (List<String>) undo.getOrDefault("addresses", List.of())) {
        String err = f.remove(Firewall.Group.POOL, ip);
        done.add(err == null ? "unblocked " + ip : "could not unblock " + ip + ": " + err);
      }
    }
    for (String key : List.of("hosts", "rpz")) {
      if (undo.get(key) instanceof String file) {
        int n = Sinkhole.removeAction(java.nio.file.Path.of(file), actionId);
        done.add("removed " + n + " lines from " + file);
      }
    }
    return String.join("; ", done);
  }

  /** Undoes a ban. */
  static String undoBan(Map<String, Object> undo) {
    String ip = (String) undo.get("ip");
    String method = (String) undo.get("method");
    CommandRunner local = CommandRunner.direct();
    return switch (method) {
      case "builtin" -> {
        String err = new Firewall(runner(undo), (String) undo.get("firewall")).remove(Firewall.Group.BAN, ip);
        yield err == null ? "unbanned " + ip : "could not unban " + ip + ": " + err;
      }
      case "fail2ban" -> local.run(List.of("fail2ban-client", "set", (String) undo.get("jail"), "unbanip", ip)).ok()
          ? "fail2ban unbanned " + ip : "fail2ban could not unban " + ip;
      case "crowdsec" -> local.run(List.of("cscli", "decisions", "delete", "--ip", ip)).ok()
          ? "CrowdSec decision on " + ip + " deleted" : "cscli could not delete the decision on " + ip;
      default -> "nothing to undo";
    };
  }

  /**
   * The firewall runner an undo entry names: none, or {@code ip netns exec NAME} with a valid
   * name. Anything else in the log is refused, so an edited log cannot run commands.
   */
  @SuppressWarnings("unchecked")
  private static CommandRunner runner(Map<String, Object> undo) {
    List<String> prefix = (List<String>) undo.getOrDefault("prefix", List.of());
    if (prefix.isEmpty()) {
      return CommandRunner.direct();
    }
    if (prefix.size() == 4 && prefix.subList(0, 3).equals(List.of("ip", "netns", "exec"))) {
      return CommandRunner.inNetns(prefix.get(3));
    }
    throw new IllegalArgumentException("audit entry names an unexpected command prefix " + prefix);
  }
}
