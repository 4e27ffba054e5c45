package dev.minewarden.posture;

import dev.minewarden.core.rules.Severity;
import java.util.List;

/**
 * The posture checks: each with a stable id, a title, the severity it has when the weakness is
 * reachable from the internet, the gangs known to exploit it (from the actor brief), ATT&CK
 * techniques, and the equivalent checks in other tools where one exists.
 */
public enum Check {
  NET_SSH(
      "MW-NET-SSH",
      "SSH (22/tcp) open to the internet",
      "Outlaw, 8220 and Kek Security brute-force SSH passwords; TeamTNT and Kinsing spread over"
          + " SSH with stolen keys.",
      Severity.CRITICAL,
      List.of("Outlaw", "8220", "Kek Security", "TeamTNT", "Kinsing"),
      List.of("T1110.001", "T1133", "T1021.004"),
      List.of("prowler:ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22", "trivy:AWS-0107")),
  NET_DOCKER(
      "MW-NET-DOCKER",
      "Docker Engine API (2375/2376) open to the internet",
      "An unauthenticated Docker API lets anyone start a privileged container that mounts the"
          + " host; TeamTNT and Kinsing scan for it continuously.",
      Severity.CRITICAL,
      List.of("TeamTNT", "Kinsing", "8220", "WatchDog"),
      List.of("T1133", "T1610", "T1609", "T1611"),
      List.of()),
  NET_REDIS(
      "MW-NET-REDIS",
      "Redis (6379/tcp) open to the internet",
      "Kinsing brute-forces and abuses Redis (CONFIG SET dir/dbfilename to write cron jobs and"
          + " keys); TeamTNT and 8220 also exploit it.",
      Severity.CRITICAL,
      List.of("Kinsing", "TeamTNT", "8220"),
      List.of("T1190", "T1133"),
      List.of("prowler:ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379")),
  NET_KUBE(
      "MW-NET-KUBE",
      "Kubernetes node or control-plane port open to the internet",
      "kubelet (10250, read-only 10255), etcd (2379/2380) and the API server let an attacker run"
          + " containers or read every secret; TeamTNT's Hildegard came in through kubelet.",
      Severity.CRITICAL,
      List.of("TeamTNT", "Kinsing"),
      List.of("T1133", "T1609", "T1613"),
      List.of()),
  NET_APP(
      "MW-NET-APP",
      "Commonly exploited application open to the internet",
      "Jenkins, WebLogic, Confluence, Hadoop YARN, Solr, ActiveMQ and Openfire are the web apps"
          + " these gangs exploit for initial access (YARN's REST API runs code without any"
          + " exploit).",
      Severity.HIGH,
      List.of("8220", "Kinsing", "Rocke", "Kek Security"),
      List.of("T1190"),
      List.of("prowler:ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports")),
  NET_DB(
      "MW-NET-DB",
      "Database open to the internet",
      "Databases reachable from anywhere invite credential guessing and unauthenticated access;"
          + " Kinsing abuses misconfigured PostgreSQL.",
      Severity.HIGH,
      List.of("Kinsing"),
      List.of("T1190", "T1078"),
      List.of("prowler:ec2_securitygroup_allow_ingress_from_internet_to_any_port")),
  SSH_PASSWORD(
      "MW-SSH-PASSWORD",
      "sshd accepts password logins",
      "Password authentication is what SSH brute force needs; with keys only, guessing is"
          + " useless.",
      Severity.HIGH,
      List.of("Outlaw", "8220", "Kek Security"),
      List.of("T1110.001", "T1021.004"),
      List.of("trivy:AZU-0039")),
  SSH_ROOT(
      "MW-SSH-ROOT",
      "sshd permits root login with a password",
      "PermitRootLogin yes lets a guessed root password give the whole machine at once.",
      Severity.HIGH,
      List.of("Outlaw", "8220", "Kek Security"),
      List.of("T1110.001", "T1078.003"),
      List.of("lynis:SSH-7408")),
  DOCKER_TCP(
      "MW-DOCKER-TCP",
      "Docker daemon listens on TCP without TLS client authentication",
      "Without tlsverify anyone who reaches the port controls the daemon and therefore the host.",
      Severity.CRITICAL,
      List.of("TeamTNT", "Kinsing", "8220", "WatchDog"),
      List.of("T1133", "T1610", "T1611"),
      List.of()),
  REDIS_NOAUTH(
      "MW-REDIS-NOAUTH",
      "Redis requires no password",
      "Without requirepass or ACL users anyone who reaches Redis can rewrite its config and drop"
          + " cron jobs or SSH keys on the host.",
      Severity.CRITICAL,
      List.of("Kinsing", "TeamTNT", "8220"),
      List.of("T1190", "T1053.003"),
      List.of("lynis:DBS-1884")),
  REDIS_PROTECTED_OFF(
      "MW-REDIS-PROTECTED",
      "Redis protected mode is off",
      "protected-mode no removes Redis's last guard against remote clients when no password is"
          + " set.",
      Severity.HIGH,
      List.of("Kinsing", "TeamTNT", "8220"),
      List.of("T1190"),
      List.of("lynis:DBS-1888")),
  KUBELET_ANON(
      "MW-KUBELET-ANON",
      "kubelet allows anonymous or unauthorised requests",
      "Anonymous kubelet access (or authorization mode AlwaysAllow) lets anyone exec into pods on"
          + " the node; TeamTNT's Hildegard used exactly this.",
      Severity.CRITICAL,
      List.of("TeamTNT"),
      List.of("T1133", "T1609"),
      List.of("kube-bench:4.2.1", "kube-bench:4.2.2", "trivy:KCV-0079", "prowler:kubelet_disable_anonymous_auth")),
  KUBELET_READONLY(
      "MW-KUBELET-RO",
      "kubelet read-only port 10255 is enabled",
      "The unauthenticated read-only port lists every pod, image and environment on the node.",
      Severity.HIGH,
      List.of("TeamTNT"),
      List.of("T1613"),
      List.of("kube-bench:4.2.4", "trivy:KCV-0082", "prowler:kubelet_disable_read_only_port")),
  ETCD_NOAUTH(
      "MW-ETCD-NOAUTH",
      "etcd accepts clients without certificate authentication",
      "etcd holds every Kubernetes secret; without client-cert-auth anyone reaching 2379 reads"
          + " and writes them.",
      Severity.CRITICAL,
      List.of("TeamTNT"),
      List.of("T1552.007", "T1613"),
      List.of("kube-bench:2.2", "trivy:KCV-0043", "prowler:etcd_client_cert_auth")),
  K8S_DASHBOARD(
      "MW-K8S-DASHBOARD",
      "Kubernetes dashboard deployed",
      "An exposed dashboard, especially with skip-login or a cluster-admin service account, is a"
          + " one-click way to run miners cluster-wide.",
      Severity.HIGH,
      List.of("TeamTNT"),
      List.of("T1133", "T1610"),
      List.of("scoutsuite:kubernetesengine-dashboard-enabled", "prowler:cs_kubernetes_dashboard_disabled")),
  IMDS_V1(
      "MW-IMDS-V1",
      "Instance metadata service v1 allowed (HttpTokens optional)",
      "IMDSv1 hands the instance role's credentials to any request, including an SSRF or a"
          + " process in a container; TeamTNT harvests them to spread through the account.",
      Severity.HIGH,
      List.of("TeamTNT"),
      List.of("T1552.005"),
      List.of("prowler:ec2_instance_imdsv2_enabled", "trivy:AWS-0028")),
  IAM_BROAD(
      "MW-IAM-BROAD",
      "Instance role has broad permissions",
      "Credentials stolen from an instance are worth what its role allows; wildcard or admin"
          + " roles turn one miner into an account-wide GPU farm.",
      Severity.HIGH,
      List.of("TeamTNT"),
      List.of("T1552.005", "T1078.004", "T1496"),
      List.of("prowler:ec2_instance_profile_attached", "prowler:iam_policy_allows_privilege_escalation")),
  VULNERABLE_VERSION(
      "MW-CVE",
      "Software version with a CVE these gangs exploit",
      "The version is inside the affected range of a CVE that mining gangs use for initial access"
          + " or privilege escalation.",
      Severity.CRITICAL,
      List.of(),
      List.of("T1190"),
      List.of());

  private final String id;
  private final String title;
  private final String risk;
  private final Severity base;
  private final List<String> gangs;
  private final List<String> techniques;
  private final List<String> equivalents;

  Check(
      String id,
      String title,
      String risk,
      Severity base,
      List<String> gangs,
      List<String> techniques,
      List<String> equivalents) {
    this.id = id;
    this.title = title;
    this.risk = risk;
    this.base = base;
    this.gangs = gangs;
    this.techniques = techniques;
    this.equivalents = equivalents;
  }

  /** The stable check id, for example {@code MW-NET-SSH}. */
  public String id() {
    return id;
  }

  /** The check's title. */
  public String title() {
    return title;
  }

  /** Why it matters, in a sentence or two. */
  public String risk() {
    return risk;
  }

  /** The severity when the weakness is reachable from the internet. */
  public Severity baseSeverity() {
    return base;
  }

  /** The gangs known to exploit this weakness (a finding may name a narrower set). */
  public List<String> gangs() {
    return gangs;
  }

  /** MITRE ATT&CK technique ids. */
  public List<String> techniques() {
    return techniques;
  }

  /** The matching checks of other tools, as {@code tool:id}. */
  public List<String> equivalents() {
    return equivalents;
  }
}
