package dev.minewarden.core.incident;

import dev.minewarden.core.text.Sanitize;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML report of incidents: no scripts, no external resources (a
 * Content-Security-Policy forbids them), readable offline. Each incident's hour-by-hour timeline
 * is drawn as inline SVG: one lane per group showing the hours its miner held the CPU, its alerts,
 * and the evictions between groups. Every text that came from input is escaped. Pure.
 */
public final class HtmlReport {
  private static final String[] COLOURS = {
    "#c0392b", "#2471a3", "#7d3c98", "#b9770e", "#138d75", "#566573", "#a04000", "#1e8449"
  };
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int LANE = 34;
  private static final int LEFT = 150;
  private static final int MAX_HOURS_DRAWN = 24 * 14;

  private HtmlReport() {}

  /**
   * The report.
   *
   * @param incidents the incidents, most severe first
   * @param generatedAt when the report was made
   * @param intelVersion the intel set's version, shown in the footer
   */
  public static String render(List<Incident> incidents, Instant generatedAt, String intelVersion) {
    StringBuilder b = new StringBuilder(16_384);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src 'unsafe-inline'; img-src data:\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Minewarden incident report</title>\n<style>").append(CSS).append("</style></head>\n<body>\n")
        .append("<h1>Minewarden incident report</h1>\n<p class=\"meta\">")
        .append(incidents.size()).append(" incident(s). Generated ")
        .append(esc(DAY_HOUR.format(generatedAt))).append(" UTC with intel ")
        .append(esc(intelVersion)).append(".</p>\n");
    if (incidents.isEmpty()) {
      b.append("<p>No incidents.</p>\n");
    }
    for (Incident i : incidents) {
      incident(b, i);
    }
    b.append("<footer>All times UTC. Costs: hijacked vCPU-hours at the listed price per vCPU-hour;")
        .append(" the increase compares them with the host's normal use over the same span.</footer>\n")
        .append("</body></html>\n");
    return b.toString();
  }

  private static void incident(StringBuilder b, Incident i) {
    Incident.Cost c = i.cost();
    b.append("<section class=\"incident\" id=\"").append(esc(i.id())).append("\">\n<h2>")
        .append(esc(i.host())).append(" <span class=\"sev sev-").append(esc(i.severity().sigmaName()))
        .append("\">").append(esc(i.severity().sigmaName())).append("</span> <span class=\"score\">score ")
        .append(i.score()).append("</span></h2>\n<table class=\"facts\">\n");
    row(b, "Incident", i.id());
    row(b, "From", DAY_HOUR.format(Instant.ofEpochMilli(i.start())) + " to "
        + DAY_HOUR.format(Instant.ofEpochMilli(i.end())) + " UTC");
    if (i.hostInferred() != null) {
      row(b, "Host", i.hostInferred());
    }
    row(b, "Kill chain", String.join(" → ", i.stages().stream().map(KillChainStage::label).toList()));
    List<String> actors = new ArrayList<>();
    for (Incident.ActorActivity a : i.actors()) {
      actors.add(a.actor() + " (" + (a.confidence() == null ? "?" : a.confidence().label())
          + " confidence, " + a.alerts() + " alerts)");
    }
    row(b, "Actors", actors.isEmpty() ? "none attributed" : String.join(", ", actors));
    row(b, "CPU taken", String.format(Locale.ROOT, "%.2f vCPU-hours over %.2f mined hours",
        c.cpuHours(), c.minedHours()));
    row(b, "Cost", String.format(Locale.ROOT, "$%.2f at $%.4f per vCPU-hour (%s, %.0f vCPUs)",
        c.usd(), c.model().pricePerVcpuHour(), c.model().priceSource(), c.model().vcpus()));
    row(b, "Cost increase", String.format(Locale.ROOT, "%.0f%% over the host's normal use ($%.2f)",
        c.increasePercent(), c.baselineUsd()));
    b.append("</table>\n<h3>Timeline</h3>\n");
    svg(b, i);
    evictions(b, i);
    actorsTable(b, i);
    hours(b, i);
    alerts(b, i);
    b.append("</section>\n");
  }

  private static void svg(StringBuilder b, Incident i) {
    List<Incident.HourSlot> slots = i.timeline().subList(0, Math.min(i.timeline().size(), MAX_HOURS_DRAWN));
    Map<String, String> colour = colours(i);
    List<String> lanes = new ArrayList<>(colour.keySet());
    int hourW = Math.max(28, Math.min(80, 900 / Math.max(1, slots.size())));
    int width = LEFT + hourW * slots.size() + 20;
    int height = 40 + LANE * Math.max(1, lanes.size()) + 30;
    b.append("<svg class=\"timeline\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
        .append(width).append(' ').append(height).append("\">\n<title>Hour-by-hour timeline of ")
        .append(esc(i.host())).append("</title>\n");
    for (int h = 0; h < slots.size(); h++) {
      int x = LEFT + h * hourW;
      b.append("<line x1=\"").append(x).append("\" y1=\"30\" x2=\"").append(x).append("\" y2=\"")
          .append(height - 25).append("\" class=\"grid\"/>");
      if (h % Math.max(1, 40 / hourW) == 0) {
        b.append("<text x=\"").append(x + 2).append("\" y=\"").append(height - 8)
            .append("\" class=\"axis\">").append(esc(HOUR.format(Instant.ofEpochMilli(slots.get(h).hourStart()))))
            .append("</text>");
      }
    }
    b.append('\n');
    for (int l = 0; l < lanes.size(); l++) {
      String actor = lanes.get(l);
      int y = 34 + l * LANE;
      b.append("<text x=\"6\" y=\"").append(y + 18).append("\" class=\"lane\">")
          .append(esc(abbreviate(actor, 22))).append("</text>");
      for (int h = 0; h < slots.size(); h++) {
        Incident.HourSlot s = slots.get(h);
        int x = LEFT + h * hourW;
        if (actor.equals(s.cpuHolder())) {
          b.append("<rect x=\"").append(x + 1).append("\" y=\"").append(y + 4).append("\" width=\"")
              .append(hourW - 2).append("\" height=\"").append(LANE - 12).append("\" fill=\"")
              .append(colour.get(actor)).append("\" opacity=\"0.75\"><title>")
              .append(esc(actor + " held the CPU: " + String.format(Locale.ROOT, "%.2f vCPU-h, $%.3f",
                  s.cpuHours(), s.usd()))).append("</title></rect>");
        }
        if (s.actors().contains(actor)) {
          b.append("<circle cx=\"").append(x + hourW / 2).append("\" cy=\"").append(y + LANE / 2 - 2)
              .append("\" r=\"5\" class=\"active\"><title>").append(esc(actor + " active"))
              .append("</title></circle>");
        }
      }
      b.append('\n');
    }
    for (int h = 0; h < slots.size(); h++) {
      for (Incident.Eviction e : slots.get(h).evictions()) {
        int x = LEFT + h * hourW + hourW / 2;
        String label = (e.evictor() == null ? "?" : e.evictor()) + " evicts " + e.victim();
        b.append("<path d=\"M").append(x - 7).append(" 22 L").append(x + 7).append(" 22 L").append(x)
            .append(" 32 Z\" class=\"evict\"><title>").append(esc(label)).append("</title></path>")
            .append("<text x=\"").append(x + 9).append("\" y=\"20\" class=\"evtext\">")
            .append(esc(label)).append("</text>\n");
      }
    }
    b.append("</svg>\n<p class=\"legend\">Bars: the group whose miner held the CPU that hour."
        + " Dots: the group's alerts. Red triangles: evictions.</p>\n");
  }

  private static void evictions(StringBuilder b, Incident i) {
    if (i.evictions().isEmpty()) {
      return;
    }
    b.append("<h3>Evictions</h3>\n<table><tr><th>Time</th><th>Evictor</th><th>Victim</th><th>Evidence</th></tr>\n");
    for (Incident.Eviction e : i.evictions()) {
      b.append("<tr><td>").append(esc(DAY_HOUR.format(Instant.ofEpochMilli(e.time()))))
          .append("</td><td>").append(esc(e.evictor() == null ? "unknown" : e.evictor()))
          .append("</td><td>").append(esc(e.victim())).append("</td><td><code>")
          .append(esc(abbreviate(e.evidence(), 300))).append("</code></td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static void actorsTable(StringBuilder b, Incident i) {
    if (i.actors().isEmpty()) {
      return;
    }
    b.append("<h3>Attribution</h3>\n<table><tr><th>Group</th><th>Confidence</th><th>Active</th>"
        + "<th>CPU</th><th>Why</th></tr>\n");
    for (Incident.ActorActivity a : i.actors()) {
      b.append("<tr><td>").append(esc(a.actor())).append("</td><td>")
          .append(esc(a.confidence() == null ? "" : a.confidence().label())).append("</td><td>")
          .append(esc(HOUR.format(Instant.ofEpochMilli(a.first())) + "–"
              + HOUR.format(Instant.ofEpochMilli(a.last())))).append("</td><td>")
          .append(esc(String.format(Locale.ROOT, "%.2f vCPU-h, $%.2f", a.cpuHours(), a.usd())))
          .append("</td><td><ul>");
      a.reasons().stream().limit(8).forEach(r -> b.append("<li>").append(esc(r)).append("</li>"));
      b.append("</ul></td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static void hours(StringBuilder b, Incident i) {
    b.append("<details><summary>Hour by hour</summary>\n<table><tr><th>Hour</th><th>Groups</th>"
        + "<th>Alerts</th><th>CPU held by</th><th>vCPU-h</th><th>Cost</th></tr>\n");
    for (Incident.HourSlot s : i.timeline()) {
      if (s.alerts() == 0 && s.cpuHolder() == null) {
        continue;
      }
      b.append("<tr><td>").append(esc(DAY_HOUR.format(Instant.ofEpochMilli(s.hourStart()))))
          .append("</td><td>").append(esc(String.join(", ", s.actors()))).append("</td><td>")
          .append(s.alerts()).append("</td><td>").append(esc(s.cpuHolder() == null ? "" : s.cpuHolder()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", s.cpuHours()))
          .append("</td><td>").append(String.format(Locale.ROOT, "$%.3f", s.usd())).append("</td></tr>\n");
    }
    b.append("</table></details>\n");
  }

  private static void alerts(StringBuilder b, Incident i) {
    b.append("<details><summary>").append(i.alerts().size()).append(" alerts</summary>\n<table>"
        + "<tr><th>Time</th><th>Level</th><th>Rule</th><th>Group</th><th>Alert id</th></tr>\n");
    for (Incident.AlertRef a : i.alerts()) {
      b.append("<tr><td>").append(esc(DAY_HOUR.format(Instant.ofEpochMilli(a.time()))))
          .append("</td><td>").append(esc(a.level().sigmaName())).append("</td><td>")
          .append(esc(a.ruleName())).append("</td><td>")
          .append(esc(a.actor() == null ? "" : a.actor() + " (" + a.confidence().label() + ")"))
          .append("</td><td><code>").append(esc(a.id())).append("</code></td></tr>\n");
    }
    b.append("</table></details>\n");
  }

  private static Map<String, String> colours(Incident i) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Incident.ActorActivity a : i.actors()) {
      m.putIfAbsent(a.actor(), COLOURS[m.size() % COLOURS.length]);
    }
    for (Incident.HourSlot s : i.timeline()) {
      if (s.cpuHolder() != null) {
        m.putIfAbsent(s.cpuHolder(), COLOURS[m.size() % COLOURS.length]);
      }
    }
    return m;
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
  }

  private static String abbreviate(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String esc(String s) {
    return Sanitize.forHtml(s);
  }

  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,'DejaVu Sans',sans-serif;margin:24px;color:#1c2833;background:#fdfefe}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:0 0 8px}h3{font-size:15px;margin:18px 0 6px}
      .meta,.legend,footer{color:#566573;font-size:12px}footer{margin-top:24px}
      .incident{border:1px solid #d5d8dc;border-radius:6px;padding:14px 18px;margin:18px 0;background:#fff}
      table{border-collapse:collapse;margin:4px 0}th,td{border-bottom:1px solid #eaecee;padding:3px 10px 3px 0;text-align:left;vertical-align:top}
      .facts th{color:#566573;font-weight:600;width:120px}
      .sev{font-size:12px;padding:1px 6px;border-radius:3px;color:#fff;background:#7f8c8d}
      .sev-critical{background:#922b21}.sev-high{background:#c0392b}.sev-medium{background:#d68910}.sev-low{background:#2e86c1}
      .score{font-size:12px;color:#566573;font-weight:normal}
      code{font:12px ui-monospace,'DejaVu Sans Mono',monospace;word-break:break-all}
      ul{margin:0;padding-left:16px}
      svg.timeline{display:block;background:#fbfcfc;border:1px solid #eaecee;max-width:100%;height:auto}
      svg .grid{stroke:#eaecee}svg .axis{font-size:10px;fill:#566573}svg .lane{font-size:12px;fill:#1c2833}
      svg .active{fill:#1c2833}svg .evict{fill:#e74c3c}svg .evtext{font-size:11px;fill:#922b21}
      """;
}
