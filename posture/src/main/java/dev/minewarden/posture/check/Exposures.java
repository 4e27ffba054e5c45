package dev.minewarden.posture.check;

import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.Check;
import dev.minewarden.posture.Finding;
import dev.minewarden.posture.Reachability;
import dev.minewarden.posture.Remediation;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.ExposureOrigin;
import dev.minewarden.posture.model.IngressRule;
import dev.minewarden.posture.model.KubeService;
import dev.minewarden.posture.model.OpenPort;
import dev.minewarden.posture.model.SecurityGroup;
import dev.minewarden.posture.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The network checks (MW-NET-*): turns security group rules open to {@code 0.0.0.0/0} or
 * {@code ::/0}, internet load balancer Services and host listeners into open ports, and reports
 * each one that reaches a service the gangs exploit. One finding per asset and check; severity
 * graded by reachability.
 */
final class Exposures {
  private Exposures() {}

  static void run(Estate estate, Topology topo, List<Finding> out) {
    List<OpenPort> ports = new ArrayList<>();
    for (SecurityGroup g : estate.securityGroups().values()) {
      fromGroup(g, topo, ports);
    }
    for (KubeService s : estate.services()) {
      fromService(s, estate, ports);
    }
    ports.addAll(estate.openPorts());
    for (OpenPort p : ports) {
      report(p, out);
    }
  }

  private static void fromGroup(SecurityGroup g, Topology topo, List<OpenPort> out) {
    List<String> attached = topo.instancesOf(g.id());
    Reachability reach = topo.reachOfAll(attached);
    for (IngressRule r : g.ingress()) {
      List<String> world = r.worldRanges();
      if (world.isEmpty() || !(r.protocol().equals("-1") || r.protocol().equals("tcp"))) {
        continue;
      }
      String detail = "rule " + r.protocol() + " " + r.fromPort() + "-" + r.toPort() + " from "
          + String.join(", ", world) + (g.name().isEmpty() ? "" : " in group " + g.name());
      out.add(new OpenPort(g.id(), g.terraform() ? "terraform-security-group" : "aws-security-group",
          r.fromPort(), r.toPort(), String.join(", ", world), reach, attached,
          g.terraform() ? ExposureOrigin.TERRAFORM : ExposureOrigin.AWS_SECURITY_GROUP, detail, g.source()));
    }
  }

  private static void fromService(KubeService s, Estate estate, List<OpenPort> out) {
    Reachability reach = s.reachability();
    if (reach == Reachability.NO_PUBLIC_ADDRESS) {
      return;
    }
    boolean lb = reach == Reachability.INTERNET;
    List<String> behind = selected(s, estate);
    Set<Integer> all = new LinkedHashSet<>(s.targetPorts());
    all.addAll(s.ports());
    for (int port : all) {
      out.add(new OpenPort(s.assetId(), "k8s-service", port, port, lb ? "internet load balancer" : "node ports",
          reach, behind, ExposureOrigin.KUBERNETES_SERVICE, "type " + s.type() + ", port " + port, s.source()));
    }
  }

  /** The workloads a Service selects (by pod template labels, same namespace). */
  static List<String> selected(KubeService s, Estate estate) {
    List<String> out = new ArrayList<>();
    if (s.selector().isEmpty()) {
      return out;
    }
    for (Workload w : estate.workloads()) {
      if (w.namespace().equals(s.namespace())
          && s.selector().entrySet().stream().allMatch(e -> e.getValue().equals(w.labels().get(e.getKey())))) {
        out.add(w.assetId());
      }
    }
    return out;
  }

  private static void report(OpenPort p, List<Finding> out) {
    Map<Check, List<ServicePorts.Service>> hits = new LinkedHashMap<>();
    for (ServicePorts.Service s : ServicePorts.ALL) {
      boolean byPort = p.covers(s.port());
      boolean byProcess = p.origin() == ExposureOrigin.HOST_LISTENER
          && s.processes().stream().anyMatch(proc -> p.detail().startsWith(proc + " "));
      // A host's own sshd is judged by its settings (MW-SSH-*), not by merely listening.
      if ((byPort || byProcess) && !(p.origin() == ExposureOrigin.HOST_LISTENER && s.check() == Check.NET_SSH)) {
        hits.computeIfAbsent(s.check(), k -> new ArrayList<>()).add(s);
      }
    }
    hits.forEach((check, services) -> out.add(finding(check, services, p)));
  }

  private static Finding finding(Check check, List<ServicePorts.Service> services, OpenPort p) {
    Set<String> products = new LinkedHashSet<>();
    Set<String> gangs = new LinkedHashSet<>();
    List<Integer> portList = new ArrayList<>();
    for (ServicePorts.Service s : services) {
      products.add(s.product());
      portList.add(s.port());
      gangs.addAll(s.gangs().isEmpty() ? check.gangs() : s.gangs());
    }
    String ports = portList.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
    String where = p.origin() == ExposureOrigin.HOST_LISTENER ? " listening on " + p.openTo() : " open to " + p.openTo();
    String title = String.join(" / ", products) + " (" + ports + "/tcp)" + where;
    Severity sev = p.reachability().grade(check.baseSeverity());
    String evidence = p.detail() + "; reachability: " + p.reachability().label()
        + (p.affected().isEmpty() ? "" : "; behind it: " + String.join(", ", p.affected()));
    return new Finding(check, sev, title, p.assetId(), p.assetType(), p.affected(), p.reachability(),
        evidence, p.source(), 0, List.copyOf(gangs), List.of(), false, fix(p, portList));
  }

  private static Remediation fix(OpenPort p, List<Integer> ports) {
    String first = String.valueOf(ports.get(0));
    return switch (p.origin()) {
      case AWS_SECURITY_GROUP -> new Remediation(
          "Remove the rule that opens " + (ports.size() == 1 ? "port " + first : "these ports")
              + " to 0.0.0.0/0 and ::/0; allow only the addresses that need it (or use SSM Session"
              + " Manager / a VPN for administration).",
          "aws ec2 revoke-security-group-ingress --group-id=" + Shell.quote(p.assetId())
              + " --ip-permissions=" + Shell.quote(revokeSpec(p)),
          "aws_security_group ingress / aws_vpc_security_group_ingress_rule: replace cidr_blocks = [\"0.0.0.0/0\"]"
              + " (cidr_ipv4) with the admin or load-balancer range",
          "");
      case TERRAFORM -> new Remediation(
          "Narrow the planned rule before applying: no 0.0.0.0/0 or ::/0 on " + String.join(", ",
              ports.stream().map(String::valueOf).toList()) + ".",
          "",
          p.assetId() + ": ingress { from_port = " + p.fromPort() + ", to_port = " + p.toPort()
              + " } cidr_blocks = [\"<trusted range>/32\"] (and no ipv6_cidr_blocks = [\"::/0\"])",
          "");
      case KUBERNETES_SERVICE -> {
        String[] parts = p.assetId().split("/", 3);
        String name = parts.length > 2 ? parts[2] : p.assetId();
        yield new Remediation(
            "Do not publish this port through a public load balancer: make the Service ClusterIP, or"
                + " restrict spec.loadBalancerSourceRanges.",
            Shell.unlessOption("kubectl --namespace=" + Shell.quote(parts.length > 1 ? parts[1] : "default")
                + " patch service " + Shell.quote(name) + " -p '{\"spec\":{\"type\":\"ClusterIP\"}}'", name),
            "kubernetes_service spec { type = \"ClusterIP\" } (or load_balancer_source_ranges = [\"<trusted range>\"])",
            "spec:\n  loadBalancerSourceRanges: [\"<trusted range>/32\"]");
      }
      case HOST_LISTENER -> new Remediation(
          "Bind the service to 127.0.0.1 (or a private address) or stop it; until then drop the port"
              + " at the host firewall.",
          "nft add rule inet filter input tcp dport " + first + " drop",
          "",
          "listen/bind on 127.0.0.1 only (for example Redis: bind 127.0.0.1 -::1)");
    };
  }

  private static String revokeSpec(OpenPort p) {
    StringBuilder sb = new StringBuilder("IpProtocol=")
        .append(p.fromPort() == 0 && p.toPort() == 65535 && p.detail().startsWith("rule -1") ? "-1" : "tcp")
        .append(",FromPort=").append(p.fromPort()).append(",ToPort=").append(p.toPort());
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    for (String c : p.openTo().split(", ")) {
      (c.contains(":") ? v6 : v4).add(c);
    }
    if (!v4.isEmpty()) {
      sb.append(",IpRanges=[").append(String.join(",", v4.stream().map(c -> "{CidrIp=" + c + "}").toList())).append("]");
    }
    if (!v6.isEmpty()) {
      sb.append(",Ipv6Ranges=[").append(String.join(",", v6.stream().map(c -> "{CidrIpv6=" + c + "}").toList())).append("]");
    }
    return sb.toString();
  }
}
