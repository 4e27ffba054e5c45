package dev.minewarden.posture.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.Assessment;
import dev.minewarden.posture.Check;
import dev.minewarden.posture.Finding;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * SARIF 2.1.0: one run, every check as a rule (with {@code security-severity} for code-scanning
 * tools), one result per finding located at its input file and named resource.
 */
final class SarifReport {
  private SarifReport() {}

  static void write(Assessment a, Writer w) throws IOException {
    JsonReport.MAPPER.writeValue(w, tree(a));
    w.write('\n');
  }

  static ObjectNode tree(Assessment a) {
    ObjectNode root = JsonReport.MAPPER.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "minewarden");
    driver.put("semanticVersion", "0.1.0");
    driver.put("informationUri", "https://github.com/minewarden/minewarden");
    ArrayNode rules = driver.putArray("rules");
    for (Check c : Check.values()) {
      ObjectNode r = rules.addObject();
      r.put("id", c.id());
      r.put("name", c.name());
      r.putObject("shortDescription").put("text", c.title());
      r.putObject("fullDescription").put("text", c.risk());
      r.putObject("help").put("text", c.risk() + " Exploited by: " + String.join(", ", c.gangs()) + ".");
      r.putObject("defaultConfiguration").put("level", level(c.baseSeverity()));
      ObjectNode props = r.putObject("properties");
      ArrayNode tags = props.putArray("tags");
      tags.add("security");
      c.techniques().forEach(t -> tags.add("external/attack/" + t));
      props.put("security-severity", securitySeverity(c.baseSeverity()));
    }
    ArrayNode results = run.putArray("results");
    int priority = 1;
    for (Finding f : a.findings()) {
      results.add(result(f, priority++));
    }
    ObjectNode inv = run.putArray("invocations").addObject();
    inv.put("executionSuccessful", !a.hasFatalProblems());
    ArrayNode notes = inv.putArray("toolExecutionNotifications");
    a.problems().forEach(p -> {
      ObjectNode n = notes.addObject();
      n.putObject("message").put("text", p.source() + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.reason());
      n.put("level", p.fatal() ? "error" : "warning");
    });
    a.blindSpots().forEach(b -> {
      ObjectNode n = notes.addObject();
      n.putObject("message").put("text", "not seen: " + b);
      n.put("level", "note");
    });
    return root;
  }

  private static ObjectNode result(Finding f, int priority) {
    ObjectNode r = JsonReport.MAPPER.createObjectNode();
    r.put("ruleId", f.check().id());
    r.put("ruleIndex", f.check().ordinal());
    r.put("level", level(f.severity()));
    r.putObject("message").put("text", f.title() + ". " + f.evidence() + ". Fix: " + f.remediation().summary());
    ObjectNode loc = r.putArray("locations").addObject();
    String uri = uri(f.source());
    if (uri != null) {
      ObjectNode phys = loc.putObject("physicalLocation");
      phys.putObject("artifactLocation").put("uri", uri);
      if (f.line() > 0) {
        phys.putObject("region").put("startLine", f.line());
      }
    }
    ObjectNode logical = loc.putArray("logicalLocations").addObject();
    logical.put("name", f.assetId());
    logical.put("fullyQualifiedName", f.assetType() + ":" + f.assetId());
    logical.put("kind", "resource");
    r.putObject("partialFingerprints").put("minewardenFinding/v1", Fingerprint.of(f));
    ObjectNode props = r.putObject("properties");
    props.put("priority", priority);
    props.put("severity", f.severity().sigmaName());
    props.put("security-severity", securitySeverity(f.severity()));
    props.put("reachability", f.reachability().name().toLowerCase(Locale.ROOT));
    JsonReport.strings(props.putArray("gangs"), f.gangs());
    JsonReport.strings(props.putArray("cves"), f.cves());
    props.put("knownExploited", f.knownExploited());
    JsonReport.strings(props.putArray("affected"), f.affected());
    ObjectNode fix = props.putObject("remediation");
    fix.put("command", f.remediation().command());
    fix.put("terraform", f.remediation().terraform());
    fix.put("config", f.remediation().config());
    return r;
  }

  static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFORMATIONAL -> "note";
    };
  }

  static String securitySeverity(Severity s) {
    return switch (s) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFORMATIONAL -> "0.0";
    };
  }

  /** A URI reference for a file path, percent-encoded; null when it cannot be one. */
  static String uri(String path) {
    if (path.isEmpty()) {
      return null;
    }
    try {
      String p = path.replace('\\', '/');
      return p.startsWith("/") ? new URI("file", "", p, null).toASCIIString() : new URI(null, null, p, null).toASCIIString();
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
