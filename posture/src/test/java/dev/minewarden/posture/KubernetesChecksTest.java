package dev.minewarden.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.rules.Severity;
import org.junit.jupiter.api.Test;

/** Kubernetes manifests and kubectl lists: dashboard, kubelet, etcd, load balancers, images. */
class KubernetesChecksTest {
  private static final String DASHBOARD = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: kubernetes-dashboard, namespace: kubernetes-dashboard}
      spec:
        template:
          metadata: {labels: {k8s-app: kubernetes-dashboard}}
          spec:
            serviceAccountName: kubernetes-dashboard
            containers:
            - name: kubernetes-dashboard
              image: kubernetesui/dashboard:v2.7.0
              args: ["--auto-generate-certificates", "--enable-skip-login"]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: kubernetes-dashboard, namespace: kubernetes-dashboard}
      spec:
        type: LoadBalancer
        selector: {k8s-app: kubernetes-dashboard}
        ports: [{port: 443, targetPort: 8443}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: dashboard-admin}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
      subjects:
      - {kind: ServiceAccount, name: kubernetes-dashboard, namespace: kubernetes-dashboard}
      """;

  private static final String PLAIN_APP = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: "nginx:1.27"}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 443, targetPort: 8443}]}
      """;

  @Test
  void dashboard_publishedSkipLoginClusterAdminIsCritical() {
    Assessment a = Scans.of("dash.yaml", DASHBOARD);
    assertThat(Scans.of(a, Check.K8S_DASHBOARD)).singleElement().satisfies(f -> {
      assertThat(f.assetId()).isEqualTo("Deployment/kubernetes-dashboard/kubernetes-dashboard");
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.evidence()).contains("--enable-skip-login").contains("cluster-admin").contains("LoadBalancer");
    });
  }

  @Test
  void dashboard_absentGivesNothing() {
    assertThat(Scans.of("web.yaml", PLAIN_APP).findings()).isEmpty();
  }

  @Test
  void kubeletConfig_anonymousAndReadOnlyPort() {
    String conf = """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        authentication:
          anonymous: {enabled: true}
        authorization: {mode: AlwaysAllow}
        readOnlyPort: 10255
        """;
    Assessment a = Scans.of("kubelet.yaml", conf);
    assertThat(Scans.of(a, Check.KUBELET_ANON)).singleElement().satisfies(f -> {
      assertThat(f.title()).contains("anonymous").contains("AlwaysAllow");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
    });
    assertThat(Scans.of(a, Check.KUBELET_READONLY)).singleElement()
        .satisfies(f -> assertThat(f.remediation().config()).contains("readOnlyPort: 0"));
  }

  @Test
  void kubeletConfig_secureDefaultsGiveNothing() {
    String conf = """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        authentication:
          anonymous: {enabled: false}
          webhook: {enabled: true}
        authorization: {mode: Webhook}
        """;
    Assessment a = Scans.of("kubelet.yaml", conf);
    assertThat(a.inventory()).containsEntry("daemonConfigs", 1);
    assertThat(a.findings()).isEmpty();
  }

  @Test
  void etcdStaticPod_withoutClientCertAuth() {
    String pod = """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "etcd-master", "namespace": "kube-system"},
         "spec": {"containers": [{"name": "etcd", "image": "registry.k8s.io/etcd:3.5.9-0",
           "command": ["etcd", "--listen-client-urls=http://0.0.0.0:2379", "--data-dir=/var/lib/etcd"]}]}}
        """;
    assertThat(Scans.of(Scans.of("etcd.json", pod), Check.ETCD_NOAUTH)).singleElement()
        .satisfies(f -> assertThat(f.assetId()).isEqualTo("Pod/kube-system/etcd-master"));
    String secure = pod.replace("\"--data-dir=/var/lib/etcd\"", "\"--client-cert-auth=true\"");
    assertThat(Scans.of("etcd.json", secure).findings()).isEmpty();
  }

  @Test
  void loadBalancer_redisTargetPortIsExposed() {
    String svc = """
        apiVersion: v1
        kind: Service
        metadata: {name: cache, namespace: shop}
        spec: {type: LoadBalancer, selector: {app: cache}, ports: [{port: 80, targetPort: 6379}]}
        """;
    assertThat(Scans.of(Scans.of("svc.yaml", svc), Check.NET_REDIS)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.remediation().command()).contains("kubectl --namespace=shop patch service cache");
    });
    String internal = svc.replace("metadata: {name: cache, namespace: shop}",
        "metadata: {name: cache, namespace: shop, annotations: {service.beta.kubernetes.io/aws-load-balancer-internal: \"true\"}}");
    assertThat(Scans.of("svc.yaml", internal).findings()).isEmpty();
  }

  /** One rule for every check: what a Service makes reachable does not depend on which check asks. */
  @Test
  void serviceReachability_sameForExposureDashboardAndVersions() {
    String objects = """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "wiki", "namespace": "docs"},
           "spec": {"template": {"metadata": {"labels": {"app": "wiki"}},
             "spec": {"containers": [{"name": "c", "image": "atlassian/confluence:7.18.0"},
                                     {"name": "d", "image": "kubernetesui/dashboard:v2.7.0"}]}}}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "wiki", "namespace": "docs", "annotations": %s},
           "spec": {"type": "%s", "selector": {"app": "wiki"}, "ports": [{"port": 8090}]}}]}
        """;
    String[][] cases = {
        {"{}", "LoadBalancer", "INTERNET"},
        {"{\"service.beta.kubernetes.io/aws-load-balancer-internal\": \"false\"}", "LoadBalancer", "INTERNET"},
        {"{\"networking.gke.io/load-balancer-type\": \"Internal\"}", "LoadBalancer", "NO_PUBLIC_ADDRESS"},
        {"{}", "NodePort", "ALL_INTERFACES"},
        {"{}", "ClusterIP", "NO_PUBLIC_ADDRESS"}};
    for (String[] c : cases) {
      Assessment a = Scans.of("k.json", objects.formatted(c[0], c[1]));
      Reachability expected = Reachability.valueOf(c[2]);
      String what = c[0] + " " + c[1];
      assertThat(Scans.of(a, Check.K8S_DASHBOARD)).as(what).singleElement()
          .satisfies(f -> assertThat(f.reachability()).isEqualTo(expected));
      assertThat(Scans.of(a, Check.VULNERABLE_VERSION)).as(what).singleElement()
          .satisfies(f -> assertThat(f.reachability()).isEqualTo(expected));
      assertThat(Scans.of(a, Check.NET_APP)).as(what)
          .allSatisfy(f -> assertThat(f.reachability()).isEqualTo(expected))
          .hasSize(expected == Reachability.NO_PUBLIC_ADDRESS ? 0 : 1);
    }
  }

  @Test
  void kubectlList_vulnerableConfluenceImage() {
    String list = """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "wiki", "namespace": "docs"},
           "spec": {"template": {"metadata": {"labels": {"app": "wiki"}},
             "spec": {"containers": [{"name": "confluence", "image": "atlassian/confluence:7.13.0"}]}}}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "wiki", "namespace": "docs"},
           "spec": {"type": "LoadBalancer", "selector": {"app": "wiki"}, "ports": [{"port": 443, "targetPort": 8090}]}}]}
        """;
    Assessment a = Scans.of("list.json", list);
    assertThat(Scans.of(a, Check.VULNERABLE_VERSION)).singleElement().satisfies(f -> {
      assertThat(f.cves()).contains("CVE-2022-26134");
      assertThat(f.knownExploited()).isTrue();
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.gangs()).contains("Kinsing", "8220");
    });
    assertThat(Scans.of(a, Check.NET_APP)).singleElement()
        .satisfies(f -> assertThat(f.title()).contains("Confluence"));
    String fixed = list.replace("confluence:7.13.0", "confluence:7.13.7");
    assertThat(Scans.of(Scans.of("list.json", fixed), Check.VULNERABLE_VERSION)).isEmpty();
  }
}
