package dev.minewarden.posture.report;

import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.Assessment;
import dev.minewarden.posture.AssetRisk;
import dev.minewarden.posture.Finding;
import dev.minewarden.posture.InputProblem;
import dev.minewarden.posture.model.ListeningSocket;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** The terminal table: summary, findings fix-first with their protection, assets, listeners. */
final class TableReport {
  private TableReport() {}

  static void write(Assessment a, Writer w) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("Minewarden posture  ").append(a.generatedAt()).append('\n');
    sb.append("Estate risk ").append(a.estateScore()).append("/100   ");
    a.countBySeverity().entrySet().stream().sorted((x, y) -> y.getKey().compareTo(x.getKey()))
        .forEach(e -> sb.append(e.getKey().sigmaName()).append(' ').append(e.getValue()).append("  "));
    sb.append('\n');
    sb.append("Read: ");
    a.inventory().forEach((k, v) -> {
      if (v > 0) {
        sb.append(k).append(' ').append(v).append("  ");
      }
    });
    sb.append("\nCVE table ").append(a.cveTableDate()).append(", CISA KEV catalog ").append(a.kevCatalogVersion()).append("\n\n");
    findings(a, sb);
    assets(a, sb);
    listeners(a, sb);
    if (!a.blindSpots().isEmpty()) {
      sb.append("Could not see\n");
      a.blindSpots().forEach(b -> sb.append("  - ").append(Text.terminal(b, 400)).append('\n'));
      sb.append('\n');
    }
    if (!a.problems().isEmpty()) {
      sb.append("Input problems\n");
      for (InputProblem p : a.problems()) {
        sb.append("  - ").append(p.fatal() ? "[error] " : "").append(Text.terminal(p.source(), 200))
            .append(p.line() > 0 ? ":" + p.line() : "").append(": ").append(Text.terminal(p.reason(), 300)).append('\n');
      }
    }
    w.write(sb.toString());
  }

  private static void findings(Assessment a, StringBuilder sb) {
    if (a.findings().isEmpty()) {
      sb.append("No findings.\n\n");
      return;
    }
    sb.append("Fix first\n");
    sb.append(String.format(Locale.ROOT, "%4s  %-8s  %-18s  %-32s  %s%n", "#", "SEVERITY", "CHECK", "ASSET", "FINDING"));
    int n = 1;
    for (Finding f : a.findings()) {
      String asset = f.assetId() + (f.affected().isEmpty() ? "" : " (+" + f.affected().size() + ")");
      sb.append(String.format(Locale.ROOT, "%4d  %-8s  %-18s  %-32s  %s%n", n++, f.severity().name(), f.check().id(),
          Text.terminal(asset, 32), Text.terminal(f.title(), 120)));
      String indent = "        ";
      if (!f.gangs().isEmpty()) {
        sb.append(indent).append("exploited by: ").append(Text.terminal(String.join(", ", f.gangs())))
            .append(f.knownExploited() ? "  [CISA KEV]" : "").append('\n');
      }
      sb.append(indent).append("seen: ").append(Text.terminal(f.evidence(), 400));
      if (!f.source().isEmpty()) {
        sb.append("  (").append(Text.terminal(f.source(), 160)).append(f.line() > 0 ? ":" + f.line() : "").append(')');
      }
      sb.append('\n');
      sb.append(indent).append("fix: ").append(Text.terminal(f.remediation().summary())).append('\n');
      if (!f.remediation().command().isEmpty()) {
        sb.append(indent).append("  $ ").append(Text.terminal(f.remediation().command())).append('\n');
      }
      if (!f.remediation().terraform().isEmpty()) {
        sb.append(indent).append("  terraform: ").append(Text.terminal(f.remediation().terraform())).append('\n');
      }
      if (!f.remediation().config().isEmpty()) {
        sb.append(indent).append("  config: ")
            .append(Text.terminalLines(f.remediation().config()).replace("\n", "\n" + indent + "          ")).append('\n');
      }
    }
    sb.append('\n');
  }

  private static void assets(Assessment a, StringBuilder sb) {
    if (a.assets().isEmpty()) {
      return;
    }
    sb.append("Assets, riskiest first\n");
    sb.append(String.format(Locale.ROOT, "%5s  %-8s  %8s  %-26s  %s%n", "SCORE", "WORST", "FINDINGS", "TYPE", "ASSET"));
    for (AssetRisk r : a.assets()) {
      sb.append(String.format(Locale.ROOT, "%5d  %-8s  %8d  %-26s  %s%n", r.score(), r.worst().name(), r.findings(),
          Text.terminal(r.assetType(), 26), Text.terminal(r.assetId(), 100)));
    }
    sb.append('\n');
  }

  private static void listeners(Assessment a, StringBuilder sb) {
    if (a.listeners().isEmpty()) {
      return;
    }
    sb.append("Listening services (local host)\n");
    sb.append(String.format(Locale.ROOT, "%-5s  %-40s  %5s  %7s  %-16s  %s%n", "PROTO", "ADDRESS", "PORT", "PID", "PROCESS", "EXECUTABLE"));
    for (ListeningSocket s : a.listeners()) {
      sb.append(String.format(Locale.ROOT, "%-5s  %-40s  %5d  %7s  %-16s  %s%n", s.protocol(), Text.terminal(s.address(), 40),
          s.port(), s.pid() < 0 ? "?" : String.valueOf(s.pid()), Text.terminal(s.process().isEmpty() ? "?" : s.process(), 16),
          Text.terminal(s.executable(), 80)));
    }
    sb.append('\n');
  }

  static String severityWord(Severity s) {
    return s.sigmaName();
  }
}
