package dev.minewarden.host;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.rules.RuleInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check's finding before it becomes an {@link Alert}: the rule, what it is about (a stable
 * subject key, so the same finding is reported once while it lasts), its event and attributes.
 * Attribute text is capped at {@link #MAX_TEXT} characters, so a 1 MB command line stays whole in
 * events but not in alerts. Built by one thread.
 */
final class Finding {
  static final int MAX_TEXT = 8192;

  private final RuleInfo rule;
  private final String subject;
  private final Event event;
  private final Map<String, Object> attributes = new LinkedHashMap<>();

  Finding(RuleInfo rule, String subject, Event event) {
    this.rule = rule;
    this.subject = subject;
    this.event = event;
  }

  /** A finding about a process, with its ECS process fields. */
  static Finding ofProcess(RuleInfo rule, ProcessInfo p, Event event, String reason, double usdPerCoreHour) {
    Finding f = new Finding(rule, "pid:" + p.pid() + ":" + p.startTicks(), event)
        .put("process.pid", (long) p.pid())
        .put("process.parent.pid", (long) p.ppid())
        .put("process.name", p.comm())
        .put("process.executable", p.exeAsShown())
        .put("process.command_line", p.commandLine())
        .put("process.working_directory", p.cwd())
        .put("user.name", p.user())
        .put("container.id", p.containerId())
        .put("event.reason", reason);
    if (!Double.isNaN(p.cpuCores())) {
      f.put("process.cpu.cores", round(p.cpuCores()));
      f.put("cost.usd_per_hour", round(p.cpuCores() * usdPerCoreHour));
    }
    return f;
  }

  /** A finding about a file. */
  static Finding ofFile(RuleInfo rule, String path, Event event, String reason) {
    return new Finding(rule, "file:" + path, event).put("file.path", path).put("event.reason", reason);
  }

  Finding put(String key, Object value) {
    if (value instanceof String s && s.length() > MAX_TEXT) {
      value = s.substring(0, MAX_TEXT) + "...[" + (s.length() - MAX_TEXT) + " more chars]";
    }
    if (value != null) {
      attributes.put(key, value);
    }
    return this;
  }

  RuleInfo rule() {
    return rule;
  }

  /** The key under which this finding is reported once: rule plus subject. */
  String key() {
    return rule.id() + "|" + subject;
  }

  Alert toAlert(String hostName) {
    Map<String, Object> attrs = new LinkedHashMap<>(attributes);
    if (hostName != null) {
      attrs.putIfAbsent("host.name", hostName);
    }
    return new Alert(rule, event, List.of(), 1, attrs);
  }

  static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
