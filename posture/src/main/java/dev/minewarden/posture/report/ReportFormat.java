package dev.minewarden.posture.report;

import dev.minewarden.posture.Assessment;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** The output formats of {@code minewarden posture}. */
public enum ReportFormat {
  /** A readable table for terminals, fix-first. */
  TABLE,
  /** The whole assessment as one JSON object. */
  JSON,
  /** SARIF 2.1.0, for code-scanning tools. */
  SARIF,
  /** A JSON array of OCSF 1.3.0 Detection Finding objects. */
  OCSF,
  /** A self-contained HTML report. */
  HTML;

  /** Writes the assessment in this format. */
  public void write(Assessment a, Writer out) throws IOException {
    switch (this) {
      case TABLE -> TableReport.write(a, out);
      case JSON -> JsonReport.write(a, out);
      case SARIF -> SarifReport.write(a, out);
      case OCSF -> OcsfReport.write(a, out);
      case HTML -> HtmlReport.write(a, out);
    }
    out.flush();
  }

  /** The lower-case name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
