package dev.minewarden.posture.check;

import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.Check;
import dev.minewarden.posture.Finding;
import dev.minewarden.posture.Reachability;
import dev.minewarden.posture.Remediation;
import dev.minewarden.posture.model.ConfigFile;
import dev.minewarden.posture.model.DockerDaemon;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.EtcdSettings;
import dev.minewarden.posture.model.KubeletSettings;
import dev.minewarden.posture.model.ListeningSocket;
import dev.minewarden.posture.model.Setting;
import java.util.List;
import java.util.Locale;

/**
 * The daemon-configuration checks: sshd (MW-SSH-*), Redis (MW-REDIS-*), Docker (MW-DOCKER-TCP),
 * kubelet (MW-KUBELET-*) and etcd (MW-ETCD-NOAUTH). Reachability comes from the host's real
 * listeners when the settings were read from the local host, else from the bind settings.
 */
final class HostChecks {
  private HostChecks() {}

  static void run(Estate estate, List<Finding> out) {
    for (ConfigFile c : estate.configs()) {
      if (c.kind() == ConfigFile.Kind.SSHD) {
        sshd(c, estate, out);
      } else {
        redis(c, estate, out);
      }
    }
    estate.dockerDaemons().forEach(d -> docker(d, out));
    estate.kubelets().forEach(k -> kubelet(k, out));
    estate.etcds().forEach(e -> etcd(e, out));
  }

  // ---- sshd ----

  private static void sshd(ConfigFile c, Estate estate, List<Finding> out) {
    Reachability reach = c.local() ? listenerReach(estate, "sshd", 22, sshdBindReach(c)) : sshdBindReach(c);
    String pw = value(c, "passwordauthentication", "yes");
    String kbd = value(c, "kbdinteractiveauthentication", value(c, "challengeresponseauthentication", "yes"));
    boolean pam = value(c, "usepam", "no").equals("yes");
    String methods = value(c, "authenticationmethods", "any");
    boolean keysOnly = !methods.equals("any") && !methods.contains("password") && !methods.contains("keyboard-interactive");
    boolean passwords = !keysOnly && (pw.equals("yes") || (kbd.equals("yes") && pam));
    if (!passwords) {
      return;
    }
    String how = pw.equals("yes")
        ? "PasswordAuthentication " + shown(c, "passwordauthentication", "yes")
        : "KbdInteractiveAuthentication yes with UsePAM yes (PAM asks for the password)";
    if (value(c, "permitemptypasswords", "no").equals("yes")) {
      how += "; PermitEmptyPasswords yes";
    }
    Setting at = c.get("passwordauthentication");
    out.add(new Finding(Check.SSH_PASSWORD, reach.grade(Check.SSH_PASSWORD.baseSeverity()),
        "sshd accepts password logins", c.assetId(), "host", List.of(), reach,
        how + "; reachability: " + reach.label(), at != null ? at.source() : c.source(),
        at != null ? at.line() : 0, Check.SSH_PASSWORD.gangs(), List.of(), false,
        new Remediation("Allow keys only: turn off password and keyboard-interactive authentication.",
            "sshd -t && systemctl reload ssh",
            "azurerm_linux_virtual_machine.disable_password_authentication = true",
            "PasswordAuthentication no\nKbdInteractiveAuthentication no")));
    String root = value(c, "permitrootlogin", "prohibit-password");
    if (root.equals("yes")) {
      Setting r = c.get("permitrootlogin");
      out.add(new Finding(Check.SSH_ROOT, reach.grade(Check.SSH_ROOT.baseSeverity()),
          "sshd permits root login with a password", c.assetId(), "host", List.of(), reach,
          "PermitRootLogin yes with passwords accepted; reachability: " + reach.label(),
          r.source(), r.line(), Check.SSH_ROOT.gangs(), List.of(), false,
          new Remediation("Stop root logins by password; administrators log in as themselves and use sudo.",
              "sshd -t && systemctl reload ssh", "", "PermitRootLogin prohibit-password")));
    }
  }

  private static Reachability sshdBindReach(ConfigFile c) {
    List<Setting> addrs = c.all("listenaddress");
    if (addrs.isEmpty()) {
      return Reachability.ALL_INTERFACES;
    }
    return addrs.stream().allMatch(s -> loopback(hostOf(s.value()))) ? Reachability.LOCAL_ONLY : Reachability.ALL_INTERFACES;
  }

  // ---- Redis ----

  private static void redis(ConfigFile c, Estate estate, List<Finding> out) {
    if (authenticated(c)) {
      return;
    }
    Setting bind = c.get("bind");
    boolean protectedMode = !value(c, "protected-mode", "yes").equals("no");
    Reachability bindReach = redisBindReach(c);
    Reachability reach = c.local() ? listenerReach(estate, "redis-server", 6379, bindReach) : bindReach;
    // Protected mode refuses remote clients only while no password is set and no bind is given.
    Reachability effective = protectedMode && bind == null ? Reachability.LOCAL_ONLY : reach;
    Setting pass = c.get("requirepass");
    out.add(new Finding(Check.REDIS_NOAUTH, effective.grade(Check.REDIS_NOAUTH.baseSeverity()),
        "Redis requires no password", c.assetId(), "host", List.of(), effective,
        (pass == null ? "no requirepass" : "requirepass is empty") + ", no ACL user with a password; bind "
            + (bind == null ? "(not set: all interfaces)" : bind.value()) + "; protected-mode "
            + (protectedMode ? "yes" : "no") + "; reachability: " + effective.label(),
        c.source(), pass != null ? pass.line() : 0, Check.REDIS_NOAUTH.gangs(), List.of(), false,
        new Remediation("Require authentication (requirepass or ACL users with passwords) and bind to"
            + " loopback or a private address.",
            "systemctl restart redis-server",
            "aws_elasticache_replication_group.auth_token / transit_encryption_enabled = true",
            "requirepass <long random secret>\nbind 127.0.0.1 -::1\nprotected-mode yes")));
    if (!protectedMode) {
      Setting pm = c.get("protected-mode");
      out.add(new Finding(Check.REDIS_PROTECTED_OFF, reach.grade(Check.REDIS_PROTECTED_OFF.baseSeverity()),
          "Redis protected mode is off", c.assetId(), "host", List.of(), reach,
          "protected-mode no and no password; reachability: " + reach.label(), c.source(), pm.line(),
          Check.REDIS_PROTECTED_OFF.gangs(), List.of(), false,
          new Remediation("Turn protected mode back on (it only matters while no password is set).",
              "redis-cli CONFIG SET protected-mode yes", "", "protected-mode yes")));
    }
  }

  private static boolean authenticated(ConfigFile c) {
    Setting pass = c.get("requirepass");
    if (pass != null && !pass.value().isBlank() && !pass.value().equals("\"\"")) {
      return true;
    }
    if (c.get("aclfile") != null) {
      return true;
    }
    for (Setting u : c.all("user")) {
      String[] words = u.value().split("\\s+");
      if (words.length > 0 && words[0].equals("default")) {
        boolean nopass = List.of(words).contains("nopass");
        boolean off = List.of(words).contains("off");
        boolean secret = List.of(words).stream().anyMatch(w -> w.startsWith(">") || w.startsWith("#"));
        return off || (secret && !nopass);
      }
    }
    return false;
  }

  private static Reachability redisBindReach(ConfigFile c) {
    if (value(c, "port", "6379").equals("0")) {
      return Reachability.LOCAL_ONLY;
    }
    Setting bind = c.get("bind");
    if (bind == null) {
      return Reachability.ALL_INTERFACES;
    }
    for (String a : bind.value().split("\\s+")) {
      String addr = a.startsWith("-") ? a.substring(1) : a;
      if (!loopback(addr)) {
        return Reachability.ALL_INTERFACES;
      }
    }
    return Reachability.LOCAL_ONLY;
  }

  // ---- Docker ----

  private static void docker(DockerDaemon d, List<Finding> out) {
    if (d.tlsVerify()) {
      return;
    }
    for (String h : d.hosts()) {
      String host = h.trim().toLowerCase(Locale.ROOT);
      if (!host.startsWith("tcp://") && !(host.contains(":") && !host.contains("://"))) {
        continue;
      }
      String addr = hostOf(host.startsWith("tcp://") ? host.substring(6) : host);
      Reachability reach = loopback(addr) ? Reachability.LOCAL_ONLY : Reachability.ALL_INTERFACES;
      out.add(new Finding(Check.DOCKER_TCP, reach.grade(Check.DOCKER_TCP.baseSeverity()),
          "Docker daemon listens on " + h.trim() + " without TLS client authentication", d.assetId(), "host",
          List.of(), reach, "hosts entry " + h.trim() + "; tls " + d.tls() + ", tlsverify false; reachability: "
              + reach.label(), d.source(), 0, Check.DOCKER_TCP.gangs(), List.of(), false,
          new Remediation("Serve the API on the Unix socket only, or require client certificates.",
              "systemctl restart docker",
              "",
              "{\"hosts\": [\"unix:///var/run/docker.sock\"]}  or  {\"tlsverify\": true, \"tlscacert\": \"/etc/docker/ca.pem\","
                  + " \"tlscert\": \"/etc/docker/server.pem\", \"tlskey\": \"/etc/docker/server-key.pem\","
                  + " \"hosts\": [\"tcp://0.0.0.0:2376\"]}")));
    }
  }

  // ---- kubelet and etcd ----

  private static void kubelet(KubeletSettings k, List<Finding> out) {
    Reachability reach = k.address() == null || !loopback(k.address()) ? Reachability.ALL_INTERFACES : Reachability.LOCAL_ONLY;
    String mode = k.effectiveAuthorizationMode();
    if (k.anonymous() || mode.equalsIgnoreCase("AlwaysAllow")) {
      String what = (k.anonymous() ? "anonymous authentication enabled" : "")
          + (k.anonymous() && mode.equalsIgnoreCase("AlwaysAllow") ? " and " : "")
          + (mode.equalsIgnoreCase("AlwaysAllow") ? "authorization mode AlwaysAllow" : "");
      out.add(new Finding(Check.KUBELET_ANON, reach.grade(Check.KUBELET_ANON.baseSeverity()),
          "kubelet: " + what, k.assetId(), "k8s-node", List.of(), reach,
          what + (k.fromFlags() ? " (command-line defaults apply)" : "") + "; reachability: " + reach.label(),
          k.source(), 0, Check.KUBELET_ANON.gangs(), List.of(), false,
          new Remediation("Turn off anonymous access and authorise through the API server.",
              "systemctl restart kubelet",
              "",
              "authentication:\n  anonymous:\n    enabled: false\n  webhook:\n    enabled: true\nauthorization:\n  mode: Webhook"
                  + "   (flags: --anonymous-auth=false --authorization-mode=Webhook)")));
    }
    int ro = k.effectiveReadOnlyPort();
    if (ro != 0) {
      out.add(new Finding(Check.KUBELET_READONLY, reach.grade(Check.KUBELET_READONLY.baseSeverity()),
          "kubelet read-only port " + ro + " is enabled", k.assetId(), "k8s-node", List.of(), reach,
          "readOnlyPort " + ro + (k.readOnlyPort() == null ? " (default when set by flags)" : "")
              + "; reachability: " + reach.label(), k.source(), 0, Check.KUBELET_READONLY.gangs(), List.of(), false,
          new Remediation("Disable the unauthenticated read-only port.", "systemctl restart kubelet", "",
              "readOnlyPort: 0   (flag: --read-only-port=0)")));
    }
  }

  private static void etcd(EtcdSettings e, List<Finding> out) {
    if (e.clientCertAuth()) {
      return;
    }
    Reachability reach = Reachability.LOCAL_ONLY;
    for (String url : e.listenClientUrls()) {
      String rest = url.contains("://") ? url.substring(url.indexOf("://") + 3) : url;
      if (!loopback(hostOf(rest))) {
        reach = Reachability.ALL_INTERFACES;
      }
    }
    if (reach == Reachability.LOCAL_ONLY) {
      return;
    }
    out.add(new Finding(Check.ETCD_NOAUTH, reach.grade(Check.ETCD_NOAUTH.baseSeverity()),
        "etcd accepts clients without certificates", e.assetId(), "k8s-etcd", List.of(), reach,
        "--client-cert-auth not true; --listen-client-urls " + String.join(",", e.listenClientUrls())
            + "; reachability: " + reach.label(), e.source(), 0, Check.ETCD_NOAUTH.gangs(), List.of(), false,
        new Remediation("Require client certificates and listen only where the API servers connect from.",
            "", "", "--client-cert-auth=true --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt"
                + " --cert-file=... --key-file=...")));
  }

  // ---- shared ----

  /** How reachable a daemon is on this host, from the listening sockets of its process or port. */
  static Reachability listenerReach(Estate estate, String process, int port, Reachability fallback) {
    Reachability best = null;
    for (ListeningSocket s : estate.listeners()) {
      if (s.process().equals(process) || (s.process().isEmpty() && s.port() == port)) {
        Reachability r = s.loopback() ? Reachability.LOCAL_ONLY : s.wildcard() ? Reachability.ALL_INTERFACES
            : Addresses.isPublic(s.address()) ? Reachability.PUBLIC_ADDRESS : Reachability.NO_PUBLIC_ADDRESS;
        best = best == null ? r : best.max(r);
      }
    }
    return best == null ? fallback : best;
  }

  private static String value(ConfigFile c, String key, String dflt) {
    Setting s = c.get(key);
    return s == null ? dflt : s.value().toLowerCase(Locale.ROOT).trim();
  }

  private static String shown(ConfigFile c, String key, String dflt) {
    Setting s = c.get(key);
    return s == null ? dflt + " (default)" : s.value();
  }

  /** The host part of {@code host:port}, {@code [v6]:port} or a bare host. */
  static String hostOf(String hostPort) {
    String h = hostPort.trim();
    int slash = h.indexOf('/');
    if (slash >= 0) {
      h = h.substring(0, slash);
    }
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 ? h.substring(1, end) : h;
    }
    int colon = h.lastIndexOf(':');
    if (colon >= 0 && h.indexOf(':') == colon) {
      h = h.substring(0, colon);
    }
    return h;
  }

  static boolean loopback(String addr) {
    String a = addr.toLowerCase(Locale.ROOT);
    return a.startsWith("127.") || a.equals("::1") || a.equals("localhost");
  }

  /** Severity one step up, capped at critical. */
  static Severity raise(Severity s) {
    return Severity.values()[Math.min(Severity.CRITICAL.ordinal(), s.ordinal() + 1)];
  }
}
