package dev.minewarden.cli.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.minewarden.core.text.TerminalSafeJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.alert.EcsAlert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.text.Sanitize;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the alerts of {@code scan} and {@code agent}: the sensor's findings and the rule engine's
 * alerts on host events and logs, in one schema. NDJSON is {@link EcsAlert}'s object, as {@code
 * hunt} prints it; the table has the columns a host needs (pid, subject, why). Every text that
 * came from the host is escaped for the terminal, and command lines are cut to {@link #MAX_TEXT}
 * characters. Stateless and thread-safe.
 */
public final class HostAlertOutput {
  /** The longest text an alert's command line keeps in the output. */
  public static final int MAX_TEXT = 8192;

  private static final ObjectMapper JSON = TerminalSafeJson.apply(new ObjectMapper());
  private static final int CELL = 120;
  private static final String ROW = "%-8s  %-36s  %7s  %-32s  %s%n";

  private HostAlertOutput() {}

  /** One alert as a line of ECS JSON (without the newline). */
  public static String ndjson(Alert a) {
    try {
      return JSON.writeValueAsString(EcsAlert.toMap(capped(a)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alert fields are not serialisable", e);
    }
  }

  /**
   * The alert with its event's command line cut to {@link #MAX_TEXT} characters in the output (an
   * attribute overrides the event field in {@link EcsAlert}); other alerts are returned as they are.
   */
  static Alert capped(Alert a) {
    Object cmd = a.event().get("CommandLine");
    if (!(cmd instanceof String s) || s.length() <= MAX_TEXT || a.attributes().containsKey("process.command_line")) {
      return a;
    }
    Map<String, Object> attrs = new LinkedHashMap<>(a.attributes());
    attrs.put("process.command_line", s.substring(0, MAX_TEXT) + "...[" + (s.length() - MAX_TEXT) + " more chars]");
    return new Alert(a.rule(), a.event(), a.related(), a.count(), attrs);
  }

  /** Writes alerts in {@code format} ({@code table} or {@code ndjson}) and flushes. */
  public static void write(List<Alert> alerts, String format, PrintWriter out) {
    if (format.equals("ndjson")) {
      for (Alert a : alerts) {
        out.println(ndjson(a));
      }
    } else if (!alerts.isEmpty()) {
      table(alerts, out);
    }
    out.flush();
  }

  /** Writes alerts as a table with a header, most severe first; a command line gets its own row. */
  public static void table(List<Alert> alerts, PrintWriter out) {
    List<Alert> sorted = new ArrayList<>(alerts);
    sorted.sort((x, y) -> Integer.compare(y.rule().level().number(), x.rule().level().number()));
    out.printf(Locale.ROOT, ROW, "LEVEL", "RULE", "PID", "SUBJECT", "WHY");
    for (Alert a : sorted) {
      Event e = a.event();
      Object pid = first(a, "process.pid", "ProcessId");
      Object subject = first(a, "process.executable", "Image", "file.path", "TargetFilename", "process.name",
          "SourceIp");
      Object why = a.attributes().get("event.reason");
      if (why == null) {
        why = a.count() > 1 ? a.rule().title() + " (" + a.count() + " events)" : a.rule().title();
      }
      String rule = a.rule().id().startsWith("mw-") ? a.rule().id() : a.rule().title();
      out.printf(Locale.ROOT, ROW, a.rule().level().sigmaName(), Sanitize.forTerminal(rule, 36),
          pid == null ? "-" : Sanitize.forTerminal(pid.toString(), 7),
          Sanitize.forTerminal(subject == null ? "-" : subject.toString(), 32),
          Sanitize.forTerminal(why.toString(), CELL));
      Object cmd = first(a, "process.command_line", "CommandLine");
      if (cmd != null && !cmd.toString().isEmpty()) {
        out.append("          cmd: ").append(Sanitize.forTerminal(cmd.toString(), CELL)).append(System.lineSeparator());
      }
      if (e.sourcePath() != null && !e.sourcePath().equals("/proc") && e.sourceLine() > 0) {
        out.append("          at: ").append(Sanitize.forTerminal(e.sourcePath() + ":" + e.sourceLine(), CELL))
            .append(System.lineSeparator());
      }
    }
  }

  /** The first of the alert's attributes, then event fields, that is present. */
  private static Object first(Alert a, String... names) {
    for (String n : names) {
      Object v = n.indexOf('.') > 0 ? a.attributes().get(n) : a.event().get(n);
      if (v != null && !v.toString().isEmpty()) {
        return v;
      }
    }
    return null;
  }
}
