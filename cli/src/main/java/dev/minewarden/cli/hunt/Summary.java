package dev.minewarden.cli.hunt;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.rules.Severity;
import dev.minewarden.core.text.Sanitize;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The closing summary of a hunt, printed on stderr so the alert stream on stdout stays clean. */
public final class Summary {
  private final HuntStats stats;
  private final List<Alert> alerts;
  private final long elapsedNanos;

  /** A summary of a finished hunt. */
  public Summary(HuntStats stats, List<Alert> alerts, long elapsedNanos) {
    this.stats = stats;
    this.alerts = alerts;
    this.elapsedNanos = elapsedNanos;
  }

  /** Prints the summary. Every input-derived text is escaped for the terminal. */
  public void print(PrintStream err) {
    double secs = Math.max(1e-9, elapsedNanos / 1e9);
    err.println();
    err.printf(Locale.ROOT, "Read %d file(s), %s, %,d events in %.2f s (%,.0f events/s, %s/s).%n",
        stats.filesRead(), Progress.human(stats.bytesRead()), stats.events(), secs,
        stats.events() / secs, Progress.human((long) (stats.bytesRead() / secs)));
    stats.eventsByFormat().forEach((format, n) ->
        err.printf(Locale.ROOT, "  %-22s %,12d events%n", format, n));
    if (stats.malformed() > 0) {
      err.printf(Locale.ROOT, "%,d malformed record(s) reported; the first ones:%n", stats.malformed());
      stats.malformedExamples().forEach(x -> err.println("  " + Sanitize.forTerminal(x, 200)));
    }
    if (!stats.failures().isEmpty()) {
      err.printf(Locale.ROOT, "%d input(s) could not be read fully:%n", stats.failures().size());
      stats.failures().forEach(x -> err.println("  " + Sanitize.forTerminal(x, 200)));
    }
    printAlerts(err);
  }

  private void printAlerts(PrintStream err) {
    Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    Map<String, Long> byRule = new TreeMap<>();
    for (Alert a : alerts) {
      bySeverity.merge(a.rule().level(), a.count(), Long::sum);
      byRule.merge(a.rule().level().sigmaName() + "  " + a.rule().title(), a.count(), Long::sum);
    }
    long total = bySeverity.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder levels = new StringBuilder();
    for (int i = Severity.values().length - 1; i >= 0; i--) {
      Long n = bySeverity.get(Severity.values()[i]);
      if (n != null) {
        levels.append(levels.length() == 0 ? "" : ", ").append(n).append(' ')
            .append(Severity.values()[i].sigmaName());
      }
    }
    err.printf(Locale.ROOT, "%,d alert(s)%s%n", total, total == 0 ? "." : ": " + levels);
    byRule.forEach((rule, n) ->
        err.printf(Locale.ROOT, "  %6d  %s%n", n, Sanitize.forTerminal(rule, 100)));
  }
}
