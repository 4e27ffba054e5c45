package dev.minewarden.cli.hunt;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.minewarden.core.text.TerminalSafeJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.minewarden.core.incident.Incident;
import dev.minewarden.core.incident.IncidentJson;
import dev.minewarden.core.incident.KillChainStage;
import dev.minewarden.core.text.Sanitize;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Prints incidents: a readable block per incident (table), one JSON object per line (ndjson), or
 * a JSON array. Text from input is escaped for the terminal; JSON escaping is Jackson's.
 */
public final class IncidentWriter {
  private static final ObjectMapper JSON = TerminalSafeJson.apply(new ObjectMapper())
      .disable(SerializationFeature.INDENT_OUTPUT)
      .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  private final AlertWriter.Format format;
  private final PrintStream out;

  /** Writes in {@code format} (table, ndjson, json; csv is refused) to {@code out}. */
  public IncidentWriter(AlertWriter.Format format, PrintStream out) {
    if (format == AlertWriter.Format.CSV) {
      throw new IllegalArgumentException("--incidents prints table, ndjson or json, not csv");
    }
    this.format = format;
    this.out = out;
  }

  /** Writes every incident. */
  public void write(List<Incident> incidents) throws IOException {
    switch (format) {
      case NDJSON -> {
        for (Incident i : incidents) {
          out.println(JSON.writeValueAsString(IncidentJson.toMap(i)));
        }
      }
      case JSON -> out.println(JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(incidents.stream().map(IncidentJson::toMap).toList()));
      default -> table(incidents);
    }
    out.flush();
  }

  private void table(List<Incident> incidents) {
    if (incidents.isEmpty()) {
      out.println("No incidents.");
      return;
    }
    for (Incident i : incidents) {
      Incident.Cost c = i.cost();
      out.printf(Locale.ROOT, "INCIDENT %s  host %s  score %d  %s%n", i.id(),
          Sanitize.forTerminal(i.host(), 60), i.score(), i.severity().sigmaName());
      out.printf(Locale.ROOT, "  %s .. %s UTC, %d alerts%n", short16(i.start()), short16(i.end()), i.alerts().size());
      out.println("  kill chain: " + String.join(" > ", i.stages().stream().map(KillChainStage::label).toList()));
      for (Incident.ActorActivity a : i.actors()) {
        out.printf(Locale.ROOT, "  actor: %-14s %-6s confidence, %s..%s, %d alerts, %.2f vCPU-h, $%.2f%n",
            Sanitize.forTerminal(a.actor(), 30), a.confidence() == null ? "-" : a.confidence().label(),
            hour(a.first()), hour(a.last()), a.alerts(), a.cpuHours(), a.usd());
      }
      if (i.actors().isEmpty()) {
        out.println("  actor: none attributed");
      }
      for (Incident.Eviction e : i.evictions()) {
        out.printf(Locale.ROOT, "  eviction %s: %s evicted %s%n", short16(e.time()),
            Sanitize.forTerminal(e.evictor() == null ? "unknown" : e.evictor(), 30),
            Sanitize.forTerminal(e.victim(), 30));
      }
      out.printf(Locale.ROOT, "  cost: %.2f vCPU-hours, $%.2f at $%.4f/vCPU-h, +%.0f%% over normal use ($%.2f)%n",
          c.cpuHours(), c.usd(), c.model().pricePerVcpuHour(), c.increasePercent(), c.baselineUsd());
      out.println("  HOUR (UTC)        ALERTS  ACTORS                    CPU HELD BY           vCPU-h    COST");
      for (Incident.HourSlot s : i.timeline()) {
        if (s.alerts() == 0 && s.evictions().isEmpty() && s.cpuHolder() == null) {
          continue;
        }
        out.printf(Locale.ROOT, "  %-16s  %6d  %-24s  %-20s  %6.2f  $%.3f%s%n", short16(s.hourStart()),
            s.alerts(), Sanitize.forTerminal(String.join(",", s.actors()), 24),
            Sanitize.forTerminal(s.cpuHolder() == null ? "-" : s.cpuHolder(), 20), s.cpuHours(), s.usd(),
            s.evictions().isEmpty() ? "" : "  eviction");
      }
      out.println();
    }
  }

  private static String short16(long t) {
    return Instant.ofEpochMilli(t).toString().substring(0, 16).replace('T', ' ');
  }

  private static String hour(long t) {
    return Instant.ofEpochMilli(t).toString().substring(11, 16);
  }
}
