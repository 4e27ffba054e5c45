package dev.minewarden.cli.hunt;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.minewarden.core.text.TerminalSafeJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints parsed events as NDJSON, one object per event, for writing and debugging rules: the
 * logsource, event time, host, source file and line, and every field under its own name. Lines
 * from parallel workers never interleave.
 */
public final class EventDump implements Consumer<Event> {
  private static final ObjectMapper JSON = TerminalSafeJson.apply(new ObjectMapper());
  private final PrintStream out;

  /** Prints to {@code out}. */
  public EventDump(PrintStream out) {
    this.out = out;
  }

  @Override
  public void accept(Event e) {
    Map<String, Object> m = new LinkedHashMap<>();
    LogSource ls = e.logSource();
    Map<String, Object> logsource = new LinkedHashMap<>();
    logsource.put("product", ls.product());
    logsource.put("category", ls.category());
    logsource.put("service", ls.service());
    m.put("logsource", logsource);
    m.put("time", e.timestamp() == null ? null : e.timestamp().toString());
    m.put("host", e.host());
    m.put("source", e.sourcePath() + (e.sourceLine() > 0 ? ":" + e.sourceLine() : ""));
    m.put("fields", e.fields());
    String line;
    try {
      line = JSON.writeValueAsString(m);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
    synchronized (out) {
      out.println(line);
    }
  }
}
