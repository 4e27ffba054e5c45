package dev.minewarden.posture.report;

import dev.minewarden.posture.Assessment;
import dev.minewarden.posture.AssetRisk;
import dev.minewarden.posture.Finding;
import dev.minewarden.posture.InputProblem;
import dev.minewarden.posture.model.ListeningSocket;
import java.io.IOException;
import java.io.Writer;

/** A self-contained HTML report (no scripts, no external resources); every text is escaped. */
final class HtmlReport {
  private HtmlReport() {}

  static void write(Assessment a, Writer w) throws IOException {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<title>Minewarden posture</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}")
        .append("td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}")
        .append("pre{white-space:pre-wrap;margin:0}.critical{background:#f8d0d0}.high{background:#fbe3c8}")
        .append(".medium{background:#fdf5c4}.low{background:#e6f0fa}.informational{background:#eee}")
        .append("</style></head><body>\n");
    h.append("<h1>Minewarden posture</h1><p>").append(e(a.generatedAt().toString()))
        .append(" &middot; estate risk <strong>").append(a.estateScore()).append("/100</strong> &middot; ");
    a.countBySeverity().forEach((s, n) -> h.append(e(s.sigmaName())).append(' ').append(n).append(" &nbsp;"));
    h.append("</p><p>CVE table ").append(e(a.cveTableDate())).append(", CISA KEV catalog ")
        .append(e(a.kevCatalogVersion())).append("</p>\n");
    findings(a, h);
    assets(a, h);
    listeners(a, h);
    list(h, "Could not see", a.blindSpots());
    if (!a.problems().isEmpty()) {
      h.append("<h2>Input problems</h2><ul>");
      for (InputProblem p : a.problems()) {
        h.append("<li>").append(p.fatal() ? "<strong>error</strong> " : "").append(e(p.source()))
            .append(p.line() > 0 ? ":" + p.line() : "").append(": ").append(e(p.reason())).append("</li>");
      }
      h.append("</ul>\n");
    }
    list(h, "Inputs", a.inputs());
    h.append("</body></html>\n");
    w.write(h.toString());
  }

  private static void findings(Assessment a, StringBuilder h) {
    h.append("<h2>Fix first</h2>");
    if (a.findings().isEmpty()) {
      h.append("<p>No findings.</p>\n");
      return;
    }
    h.append("<table><tr><th>#</th><th>Severity</th><th>Check</th><th>Asset</th><th>Finding</th><th>Protection</th></tr>\n");
    int n = 1;
    for (Finding f : a.findings()) {
      String sev = f.severity().sigmaName();
      h.append("<tr class=\"").append(e(sev)).append("\"><td>").append(n++).append("</td><td>").append(e(sev))
          .append("</td><td>").append(e(f.check().id())).append("</td><td>").append(e(f.assetId()))
          .append(f.affected().isEmpty() ? "" : "<br><small>affects " + e(String.join(", ", f.affected())) + "</small>")
          .append("</td><td><strong>").append(e(f.title())).append("</strong><br>").append(e(f.evidence()));
      if (!f.gangs().isEmpty()) {
        h.append("<br><small>exploited by ").append(e(String.join(", ", f.gangs())))
            .append(f.knownExploited() ? " &middot; CISA KEV" : "").append("</small>");
      }
      h.append("<br><small>").append(e(f.source())).append(f.line() > 0 ? ":" + f.line() : "").append("</small></td><td>")
          .append(e(f.remediation().summary()));
      for (String part : new String[] {f.remediation().command(), f.remediation().terraform(), f.remediation().config()}) {
        if (!part.isEmpty()) {
          h.append("<pre>").append(e(part)).append("</pre>");
        }
      }
      h.append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void assets(Assessment a, StringBuilder h) {
    if (a.assets().isEmpty()) {
      return;
    }
    h.append("<h2>Assets</h2><table><tr><th>Score</th><th>Worst</th><th>Findings</th><th>Type</th><th>Asset</th></tr>\n");
    for (AssetRisk r : a.assets()) {
      h.append("<tr class=\"").append(e(r.worst().sigmaName())).append("\"><td>").append(r.score()).append("</td><td>")
          .append(e(r.worst().sigmaName())).append("</td><td>").append(r.findings()).append("</td><td>")
          .append(e(r.assetType())).append("</td><td>").append(e(r.assetId())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void listeners(Assessment a, StringBuilder h) {
    if (a.listeners().isEmpty()) {
      return;
    }
    h.append("<h2>Listening services</h2><table><tr><th>Proto</th><th>Address</th><th>Port</th><th>PID</th>")
        .append("<th>Process</th><th>Executable</th></tr>\n");
    for (ListeningSocket s : a.listeners()) {
      h.append("<tr><td>").append(e(s.protocol())).append("</td><td>").append(e(s.address())).append("</td><td>")
          .append(s.port()).append("</td><td>").append(s.pid() < 0 ? "?" : String.valueOf(s.pid())).append("</td><td>")
          .append(e(s.process())).append("</td><td>").append(e(s.executable())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void list(StringBuilder h, String title, java.util.List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    h.append("<h2>").append(e(title)).append("</h2><ul>");
    items.forEach(i -> h.append("<li>").append(e(i)).append("</li>"));
    h.append("</ul>\n");
  }

  private static String e(String s) {
    return Text.html(s == null ? "" : s);
  }
}
