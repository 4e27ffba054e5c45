package dev.minewarden.posture.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.Assessment;
import dev.minewarden.posture.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * OCSF 1.3.0 Detection Finding objects (class 2004), one per finding, as a JSON array: the class
 * Prowler emits, so the output drops into Security Hub and OCSF data lakes.
 */
final class OcsfReport {
  static final String OCSF_VERSION = "1.3.0";

  private OcsfReport() {}

  static void write(Assessment a, Writer w) throws IOException {
    JsonReport.MAPPER.writeValue(w, tree(a));
    w.write('\n');
  }

  static ArrayNode tree(Assessment a) {
    ArrayNode out = JsonReport.MAPPER.createArrayNode();
    int priority = 1;
    for (Finding f : a.findings()) {
      out.add(finding(f, a.generatedAt().toEpochMilli(), priority++));
    }
    return out;
  }

  private static ObjectNode finding(Finding f, long time, int priority) {
    ObjectNode n = JsonReport.MAPPER.createObjectNode();
    n.put("class_uid", 2004);
    n.put("class_name", "Detection Finding");
    n.put("category_uid", 2);
    n.put("category_name", "Findings");
    n.put("activity_id", 1);
    n.put("activity_name", "Create");
    n.put("type_uid", 200401);
    n.put("type_name", "Detection Finding: Create");
    n.put("severity_id", severityId(f.severity()));
    n.put("severity", f.severity().name().charAt(0) + f.severity().name().substring(1).toLowerCase(Locale.ROOT));
    n.put("status_id", 1);
    n.put("status", "New");
    n.put("time", time);
    n.put("message", f.title());
    ObjectNode meta = n.putObject("metadata");
    meta.put("version", OCSF_VERSION);
    meta.put("uid", Fingerprint.of(f));
    ObjectNode product = meta.putObject("product");
    product.put("name", "Minewarden");
    product.put("vendor_name", "Minewarden");
    product.put("version", "0.1.0");
    ObjectNode info = n.putObject("finding_info");
    info.put("uid", Fingerprint.of(f));
    info.put("title", f.title());
    info.put("desc", f.check().risk() + " Seen: " + f.evidence());
    info.putArray("types").add(f.check().id());
    ObjectNode analytic = info.putObject("analytic");
    analytic.put("uid", f.check().id());
    analytic.put("name", f.check().title());
    analytic.put("type_id", 1);
    analytic.put("type", "Rule");
    ArrayNode attacks = info.putArray("attacks");
    for (String t : f.check().techniques()) {
      ObjectNode at = attacks.addObject();
      at.put("version", "v15");
      at.putObject("technique").put("uid", t);
    }
    ObjectNode res = n.putArray("resources").addObject();
    res.put("uid", f.assetId());
    res.put("type", f.assetType());
    JsonReport.strings(res.putObject("data").putArray("affected"), f.affected());
    ObjectNode fix = n.putObject("remediation");
    fix.put("desc", f.remediation().summary());
    if (!f.cves().isEmpty()) {
      ArrayNode vulns = n.putArray("vulnerabilities");
      for (String cve : f.cves()) {
        ObjectNode v = vulns.addObject();
        v.putObject("cve").put("uid", cve);
        v.put("is_exploit_available", f.knownExploited());
      }
    }
    ObjectNode unmapped = n.putObject("unmapped");
    unmapped.put("priority", priority);
    unmapped.put("reachability", f.reachability().name().toLowerCase(Locale.ROOT));
    unmapped.put("evidence", f.evidence());
    unmapped.put("source", f.source());
    JsonReport.strings(unmapped.putArray("gangs"), f.gangs());
    unmapped.put("known_exploited", f.knownExploited());
    unmapped.put("remediation_command", f.remediation().command());
    unmapped.put("remediation_terraform", f.remediation().terraform());
    unmapped.put("remediation_config", f.remediation().config());
    return n;
  }

  static int severityId(Severity s) {
    return s.ordinal() + 1;
  }
}
