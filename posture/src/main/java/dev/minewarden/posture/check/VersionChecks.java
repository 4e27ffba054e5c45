package dev.minewarden.posture.check;

import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.Check;
import dev.minewarden.posture.Finding;
import dev.minewarden.posture.Reachability;
import dev.minewarden.posture.Remediation;
import dev.minewarden.posture.cve.CveEntry;
import dev.minewarden.posture.cve.CveTable;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.KubeService;
import dev.minewarden.posture.model.Software;
import dev.minewarden.posture.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The version check (MW-CVE): installed packages and container images whose version falls inside
 * a range of the bundled CVE table. One finding per asset and package/image, naming every CVE.
 * Remote CVEs are graded by reachability (critical when KEV-listed and internet-facing); local
 * privilege escalations are high when KEV-listed, else medium.
 */
final class VersionChecks {
  private VersionChecks() {}

  static void run(Estate estate, CveTable table, List<Finding> out) {
    List<Software> all = new ArrayList<>(estate.software());
    all.addAll(images(estate));
    for (Software s : all) {
      List<CveEntry> hits = table.affecting(s.name(), s.version(), s.ecosystem());
      if (!hits.isEmpty()) {
        out.add(finding(s, hits, table));
      }
    }
  }

  /** Container images of Kubernetes workloads as software, reachable as their Services make them. */
  static List<Software> images(Estate estate) {
    Map<String, Reachability> reach = new HashMap<>();
    for (KubeService s : estate.services()) {
      Reachability r = s.reachability();
      Exposures.selected(s, estate).forEach(w -> reach.merge(w, r, Reachability::max));
    }
    List<Software> out = new ArrayList<>();
    for (Workload w : estate.workloads()) {
      for (Workload.Container c : w.containers()) {
        String[] ref = splitImage(c.image());
        if (!ref[1].isEmpty()) {
          out.add(new Software(w.assetId(), "k8s-workload", ref[0], ref[1], "image",
              reach.getOrDefault(w.assetId(), Reachability.NO_PUBLIC_ADDRESS), w.source()));
        }
      }
    }
    return out;
  }

  /** {@code [repository, tag]} of an image reference; the tag is {@code ""} when absent. */
  static String[] splitImage(String image) {
    String ref = image.trim();
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      return new String[] {ref.substring(0, colon), ref.substring(colon + 1)};
    }
    return new String[] {ref, ""};
  }

  private static Finding finding(Software s, List<CveEntry> hits, CveTable table) {
    Set<String> gangs = new LinkedHashSet<>();
    List<String> cves = new ArrayList<>();
    boolean kev = false;
    boolean remote = false;
    List<String> lines = new ArrayList<>();
    for (CveEntry e : hits) {
      cves.add(e.cve());
      gangs.addAll(e.gangs());
      boolean listed = table.knownExploited(e.cve());
      kev |= listed;
      remote |= e.remote();
      lines.add(e.cve() + " " + e.title() + " (" + String.join(", ", e.gangs()) + ", " + e.attribution()
          + (listed ? "; CISA KEV since " + table.kevDateAdded(e.cve()) : "") + "; fix: " + e.fix() + ")");
    }
    Severity sev = remote
        ? s.reachability().grade(kev ? Severity.CRITICAL : Severity.HIGH)
        : (kev ? Severity.HIGH : Severity.MEDIUM);
    Reachability reach = remote ? s.reachability() : Reachability.LOCAL_ONLY;
    String product = hits.get(0).productName();
    return new Finding(Check.VULNERABLE_VERSION, sev,
        product + " " + s.version() + " (" + s.name() + "): " + String.join(", ", cves),
        s.assetId(), s.assetType(), List.of(), reach, String.join("; ", lines), s.source(), 0,
        List.copyOf(gangs), cves, kev, fix(s, hits));
  }

  private static Remediation fix(Software s, List<CveEntry> hits) {
    String summary = "Upgrade " + hits.get(0).productName() + ": "
        + String.join("; ", hits.stream().map(CveEntry::fix).distinct().toList()) + ".";
    return switch (s.ecosystem()) {
      case "deb" -> new Remediation(summary, Shell.unlessOption(
          "apt-get update && apt-get install --only-upgrade " + Shell.quote(s.name()), s.name()), "", "");
      case "rpm" -> new Remediation(summary, Shell.unlessOption("dnf upgrade " + Shell.quote(s.name()), s.name()), "", "");
      default -> {
        String[] parts = s.assetId().split("/", 3);
        yield new Remediation(summary,
            parts.length == 3 ? Shell.unlessOption("kubectl --namespace=" + Shell.quote(parts[1]) + " set image "
                + Shell.quote(parts[0].toLowerCase(java.util.Locale.ROOT) + "/" + parts[2]) + " "
                + Shell.quote("*=" + s.name() + ":<fixed tag>"), parts[2]) : "",
            "", "image: " + s.name() + ":<fixed tag>");
      }
    };
  }
}
