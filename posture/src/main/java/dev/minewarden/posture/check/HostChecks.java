package dev.minewarden.posture.check;

import dev.minewarden.posture.Check;
import dev.minewarden.posture.Finding;
import dev.minewarden.posture.Reachability;
import dev.minewarden.posture.Remediation;
import dev.minewarden.posture.model.Addresses;
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
 * The daemon-configuration checks: Redis (MW-REDIS-*), Docker (MW-DOCKER-TCP), kubelet
 * (MW-KUBELET-*) and etcd (MW-ETCD-NOAUTH); sshd is in {@link SshdChecks}. Reachability comes from the host's real
 * listeners when the settings were read from the local host, else from the bind settings.
 */
final class HostChecks {
  private HostChecks() {}

  static void run(Estate estate, List<Finding> out) {
    for (ConfigFile c : estate.configs()) {
      if (c.kind() == ConfigFile.Kind.SSHD) {
        SshdChecks.run(c, estate, out);
      } else {
        redis(c, estate, out);
      }
    }
    estate.dockerDaemons().forEach(d -> docker(d, out));
    estate.kubelets().forEach(k -> kubelet(k, out));
    estate.etcds().forEach(e -> etcd(e, out));
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
      if (!Addresses.isLoopback(addr)) {
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
      String addr = Addresses.hostOf(host.startsWith("tcp://") ? host.substring(6) : host);
      Reachability reach = Addresses.isLoopback(addr) ? Reachability.LOCAL_ONLY : Reachability.ALL_INTERFACES;
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
    Reachability reach = k.address() == null || !Addresses.isLoopback(k.address()) ? Reachability.ALL_INTERFACES : Reachability.LOCAL_ONLY;
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
      if (!Addresses.isLoopback(Addresses.hostOf(rest))) {
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
        best = best == null ? s.reachability() : best.max(s.reachability());
      }
    }
    return best == null ? fallback : best;
  }

  /** The lower-cased value of a directive, or {@code dflt} when unset. */
  static String value(ConfigFile c, String key, String dflt) {
    Setting s = c.get(key);
    return s == null ? dflt : s.value().toLowerCase(Locale.ROOT).trim();
  }
}
