package dev.minewarden.posture.check;

import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.Check;
import dev.minewarden.posture.Finding;
import dev.minewarden.posture.Reachability;
import dev.minewarden.posture.Remediation;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.KubeService;
import dev.minewarden.posture.model.RoleBinding;
import dev.minewarden.posture.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Kubernetes dashboard check (MW-K8S-DASHBOARD): a dashboard workload is reported, graded by
 * the Services that publish it, and raised when it skips login or runs as cluster-admin.
 */
final class KubeChecks {
  private KubeChecks() {}

  static void run(Estate estate, List<Finding> out) {
    for (Workload w : estate.workloads()) {
      Workload.Container dash = dashboard(w);
      if (dash != null) {
        report(w, dash, estate, out);
      }
    }
  }

  private static Workload.Container dashboard(Workload w) {
    for (Workload.Container c : w.containers()) {
      String image = c.image().toLowerCase(Locale.ROOT);
      if (image.contains("kubernetesui/dashboard") || image.contains("kubernetes-dashboard")) {
        return c;
      }
    }
    return null;
  }

  private static void report(Workload w, Workload.Container c, Estate estate, List<Finding> out) {
    Reachability reach = Reachability.NO_PUBLIC_ADDRESS;
    List<String> via = new ArrayList<>();
    for (KubeService s : estate.services()) {
      if (s.reachability() != Reachability.NO_PUBLIC_ADDRESS && Exposures.selected(s, estate).contains(w.assetId())) {
        reach = reach.max(s.reachability());
        via.add(s.assetId() + " (" + s.type() + ")");
      }
    }
    Severity sev = reach.grade(Check.K8S_DASHBOARD.baseSeverity());
    List<String> why = new ArrayList<>();
    why.add("image " + c.image());
    if (c.argv().contains("--enable-skip-login") || c.argv().contains("--enable-skip-login=true")) {
      sev = Severities.raise(sev);
      why.add("--enable-skip-login");
    }
    if (clusterAdmin(w, estate)) {
      sev = Severities.raise(sev);
      why.add("service account " + w.serviceAccount() + " is bound to cluster-admin");
    }
    why.add(via.isEmpty() ? "not published by an internet-facing LoadBalancer or a NodePort Service" : "published by " + String.join(", ", via));
    out.add(new Finding(Check.K8S_DASHBOARD, sev, "Kubernetes dashboard " + w.assetId(), w.assetId(), "k8s-workload",
        List.of(), reach, String.join("; ", why), w.source(), 0, Check.K8S_DASHBOARD.gangs(), List.of(), false,
        new Remediation("Remove the dashboard, or keep it ClusterIP behind kubectl proxy with login"
            + " required and a read-only service account.",
            Shell.unlessOption("kubectl --namespace=" + Shell.quote(w.namespace()) + " delete "
                + w.kind().toLowerCase(Locale.ROOT) + " " + Shell.quote(w.name()), w.name()),
            "",
            "remove --enable-skip-login; bind the dashboard service account to a read-only Role, not cluster-admin")));
  }

  private static boolean clusterAdmin(Workload w, Estate estate) {
    String sa = w.serviceAccount().isEmpty() ? "default" : w.serviceAccount();
    String subject = "ServiceAccount:" + w.namespace() + "/" + sa;
    for (RoleBinding b : estate.bindings()) {
      if (b.roleName().equals("cluster-admin") && b.subjects().contains(subject)) {
        return true;
      }
    }
    return false;
  }
}
