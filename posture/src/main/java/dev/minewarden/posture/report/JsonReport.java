package dev.minewarden.posture.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minewarden.posture.Assessment;
import dev.minewarden.posture.AssetRisk;
import dev.minewarden.posture.Finding;
import dev.minewarden.posture.InputProblem;
import dev.minewarden.posture.model.ListeningSocket;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The whole assessment as one JSON object, built with Jackson (so every string is escaped). */
final class JsonReport {
  /**
   * Shared by the JSON, SARIF and OCSF reports. Jackson escapes C0 controls itself; the custom
   * escapes also write C1 controls, DEL, line separators and bidi overrides as {@code \\uXXXX}, so
   * a report printed with {@code cat} cannot drive the terminal. Parsers read back the same text.
   */
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  static {
    MAPPER.getFactory().setCharacterEscapes(new TerminalSafeEscapes());
  }

  private JsonReport() {}

  static void write(Assessment a, Writer w) throws IOException {
    MAPPER.writeValue(w, tree(a));
    w.write('\n');
  }

  static ObjectNode tree(Assessment a) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("tool", "minewarden posture");
    root.put("generatedAt", a.generatedAt().toString());
    root.put("estateScore", a.estateScore());
    ObjectNode counts = root.putObject("findingsBySeverity");
    a.countBySeverity().forEach((s, n) -> counts.put(s.sigmaName(), n));
    ObjectNode inv = root.putObject("inventory");
    a.inventory().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> inv.put(e.getKey(), e.getValue()));
    ObjectNode table = root.putObject("cveTable");
    table.put("date", a.cveTableDate());
    table.put("kevCatalogVersion", a.kevCatalogVersion());
    ArrayNode findings = root.putArray("findings");
    int priority = 1;
    for (Finding f : a.findings()) {
      findings.add(finding(f, priority++));
    }
    ArrayNode assets = root.putArray("assets");
    for (AssetRisk r : a.assets()) {
      ObjectNode n = assets.addObject();
      n.put("id", r.assetId());
      n.put("type", r.assetType());
      n.put("score", r.score());
      n.put("worst", r.worst().sigmaName());
      n.put("findings", r.findings());
    }
    ArrayNode listeners = root.putArray("listeners");
    for (ListeningSocket s : a.listeners()) {
      ObjectNode n = listeners.addObject();
      n.put("protocol", s.protocol());
      n.put("address", s.address());
      n.put("port", s.port());
      if (s.pid() > 0) {
        n.put("pid", s.pid());
      } else {
        n.putNull("pid");
      }
      n.put("process", s.process());
      n.put("executable", s.executable());
      n.put("commandLine", s.commandLine());
      n.put("uid", s.uid());
    }
    strings(root.putArray("inputs"), a.inputs());
    ArrayNode problems = root.putArray("problems");
    for (InputProblem p : a.problems()) {
      ObjectNode n = problems.addObject();
      n.put("source", p.source());
      n.put("line", p.line());
      n.put("reason", p.reason());
      n.put("fatal", p.fatal());
    }
    strings(root.putArray("blindSpots"), a.blindSpots());
    return root;
  }

  static ObjectNode finding(Finding f, int priority) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("priority", priority);
    n.put("fingerprint", Fingerprint.of(f));
    n.put("checkId", f.check().id());
    n.put("title", f.title());
    n.put("severity", f.severity().sigmaName());
    n.put("severityNumber", f.severity().number());
    ObjectNode asset = n.putObject("asset");
    asset.put("id", f.assetId());
    asset.put("type", f.assetType());
    strings(n.putArray("affected"), f.affected());
    n.put("reachability", f.reachability().name().toLowerCase(java.util.Locale.ROOT));
    n.put("evidence", f.evidence());
    n.put("source", f.source());
    if (f.line() > 0) {
      n.put("line", f.line());
    }
    strings(n.putArray("gangs"), f.gangs());
    strings(n.putArray("techniques"), f.check().techniques());
    strings(n.putArray("cves"), f.cves());
    n.put("knownExploited", f.knownExploited());
    n.put("risk", f.check().risk());
    ObjectNode fix = n.putObject("remediation");
    fix.put("summary", f.remediation().summary());
    fix.put("command", f.remediation().command());
    fix.put("terraform", f.remediation().terraform());
    fix.put("config", f.remediation().config());
    strings(n.putArray("equivalentChecks"), f.check().equivalents());
    return n;
  }

  static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }
}
