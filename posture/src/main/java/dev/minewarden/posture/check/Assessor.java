package dev.minewarden.posture.check;

import dev.minewarden.posture.Assessment;
import dev.minewarden.posture.Finding;
import dev.minewarden.posture.cve.CveTable;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.Instance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs every check over an estate and scores the result. Stateless apart from its CVE table;
 * thread-safe. Cost is linear in the estate: security groups are joined to instances through a
 * map, never by nested scans.
 */
public final class Assessor {
  private final CveTable table;

  /** An assessor using {@code table} for the version checks. */
  public Assessor(CveTable table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  /** Checks the estate. */
  public Assessment assess(Estate estate, Instant now) {
    Topology topo = new Topology(estate);
    List<Finding> raw = new ArrayList<>();
    Exposures.run(estate, topo, raw);
    CloudChecks.run(estate, topo, raw);
    HostChecks.run(estate, raw);
    KubeChecks.run(estate, raw);
    VersionChecks.run(estate, table, raw);
    List<Finding> findings = RiskScorer.order(raw);
    Map<String, String> types = new HashMap<>();
    for (Instance i : estate.instances().values()) {
      types.put(i.id(), i.terraform() ? "terraform-instance" : "aws-ec2-instance");
    }
    estate.interfaces().keySet().forEach(id -> types.putIfAbsent(id, "aws-network-interface"));
    return new Assessment(now, findings, RiskScorer.assets(findings, types), RiskScorer.estate(findings),
        estate.listeners(), estate.inputs(), estate.problems(), estate.blindSpots(), inventory(estate),
        table.tableDate(), table.kevCatalogVersion());
  }

  private static Map<String, Integer> inventory(Estate e) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("instances", e.instances().size());
    m.put("securityGroups", e.securityGroups().size());
    m.put("networkInterfaces", e.interfaces().size());
    m.put("subnets", e.subnets().size());
    m.put("routeTables", e.routeTables().size());
    m.put("instanceRoles", e.roles().size());
    m.put("kubernetesWorkloads", e.workloads().size());
    m.put("kubernetesServices", e.services().size());
    m.put("daemonConfigs", e.configs().size() + e.dockerDaemons().size() + e.kubelets().size() + e.etcds().size());
    m.put("packages", e.software().size());
    m.put("listeningSockets", e.listeners().size());
    return m;
  }
}
