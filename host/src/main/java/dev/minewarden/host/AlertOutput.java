package dev.minewarden.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes alerts as ECS JSON (one object per line) or as a table for terminals. Table cells escape
 * every control character, ANSI escape and bidirectional override, so process names and command
 * lines cannot move the cursor, recolour or reorder the terminal. Stateless and thread-safe.
 */
public final class AlertOutput {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CELL = 120;

  private AlertOutput() {}

  /** The ECS fields of an alert, with dotted names, sorted. */
  public static Map<String, Object> ecs(Alert a) {
    Map<String, Object> m = new TreeMap<>();
    Event e = a.event();
    m.put("@timestamp", Instant.ofEpochMilli(e.hasTime() ? e.timestampMillis() : System.currentTimeMillis()).toString());
    m.put("event.kind", "alert");
    m.put("event.severity", a.rule().level().number());
    m.put("rule.id", a.rule().id());
    m.put("rule.name", a.rule().name() == null ? a.rule().id() : a.rule().name());
    m.put("rule.description", a.rule().title());
    List<String> techniques = new ArrayList<>();
    List<String> subs = new ArrayList<>();
    for (String tag : a.rule().tags()) {
      String t = tag.toLowerCase(Locale.ROOT);
      if (t.startsWith("attack.t") && t.length() > 9 && Character.isDigit(t.charAt(8))) {
        String id = t.substring(7).toUpperCase(Locale.ROOT);
        (id.contains(".") ? subs : techniques).add(id);
      }
    }
    if (!techniques.isEmpty() || !subs.isEmpty()) {
      m.put("threat.framework", "MITRE ATT&CK");
      m.put("threat.technique.id", techniques);
      if (!subs.isEmpty()) {
        m.put("threat.technique.subtechnique.id", subs);
      }
    }
    if (e.host() != null) {
      m.put("host.name", e.host());
    }
    if (e.sourcePath() != null) {
      m.put("log.file.path", e.sourcePath());
    }
    m.putAll(a.attributes());
    return m;
  }

  /** One alert as a line of JSON (without the newline). */
  public static String ndjson(Alert a) {
    try {
      return JSON.writeValueAsString(ecs(a));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("alert fields are not serialisable", ex);
    }
  }

  /** Writes alerts as a table with a header, most severe first. */
  public static void table(List<Alert> alerts, Appendable out) throws IOException {
    List<Alert> sorted = new ArrayList<>(alerts);
    sorted.sort((x, y) -> Integer.compare(y.rule().level().number(), x.rule().level().number()));
    out.append(String.format(Locale.ROOT, "%-8s  %-26s  %7s  %-24s  %s%n", "LEVEL", "RULE", "PID", "SUBJECT", "WHY"));
    for (Alert a : sorted) {
      Object pid = a.attributes().get("process.pid");
      Object subject = a.attributes().getOrDefault("process.executable",
          a.attributes().getOrDefault("file.path", a.attributes().getOrDefault("process.name", "")));
      out.append(String.format(Locale.ROOT, "%-8s  %-26s  %7s  %-24s  %s%n",
          a.rule().level().sigmaName(), a.rule().id(), pid == null ? "-" : pid,
          escape(String.valueOf(subject), 40), escape(String.valueOf(a.attributes().getOrDefault("event.reason", a.rule().title())), CELL)));
      Object cmd = a.attributes().get("process.command_line");
      if (cmd != null && !cmd.toString().isEmpty()) {
        out.append("          cmd: ").append(escape(cmd.toString(), CELL)).append(System.lineSeparator());
      }
    }
  }

  /**
   * Makes text safe for a terminal: control characters become {@code \n}, {@code \t}, {@code
   * \xNN} or {@code \\uNNNN} escapes (so ANSI escape sequences lose their ESC), and the text is
   * cut at {@code max} characters with a marker saying how much was left out.
   */
  public static String escape(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 16);
    int i = 0;
    for (; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      } else if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
          || c == 0x200e || c == 0x200f || c == 0x061c) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (i < s.length()) {
      b.append("...[").append(s.length() - i).append(" more chars]");
    }
    return b.toString();
  }
}
