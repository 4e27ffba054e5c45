package dev.minewarden.ingest.zeek;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.support.JsonFlattener;
import dev.minewarden.ingest.support.JsonRecords;
import dev.minewarden.ingest.support.Times;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the lines of one Zeek log: {@code #} directives update the header, JSON lines are read as
 * they come, other lines are split after the header. Not thread-safe; one per file.
 */
final class ZeekLineParser implements LineParser {
  private final String sourcePath;
  private final ZeekHeader header = new ZeekHeader();
  private String tsvPath;
  private LogSource tsvSource = ZeekTaxonomy.logSource(null);

  ZeekLineParser(String sourcePath) {
    this.sourcePath = sourcePath;
  }

  @Override
  public void line(String line, long lineNumber, EventSink sink) {
    if (line.isEmpty()) {
      return;
    }
    char first = line.charAt(0);
    if (first == '#') {
      directive(line, lineNumber, sink);
    } else if (first == '{') {
      json(line, lineNumber, sink);
    } else {
      tsv(line, lineNumber, sink);
    }
  }

  private void directive(String line, long lineNumber, EventSink sink) {
    String problem = header.directive(line);
    if (problem != null) {
      sink.malformed(lineNumber, problem, line);
    }
    if (line.startsWith("#path") || line.startsWith("#fields")) {
      tsvPath = header.effectivePath();
      tsvSource = ZeekTaxonomy.logSource(tsvPath);
    }
  }

  private void tsv(String line, long lineNumber, EventSink sink) {
    String[] names = header.fields;
    if (names == null) {
      sink.malformed(lineNumber, "no #fields header before this record", line);
      return;
    }
    String[] columns = ZeekValues.split(line, header.separator);
    if (columns.length != names.length) {
      sink.malformed(lineNumber,
          columns.length + " columns where #fields names " + names.length, line);
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      Object v = ZeekValues.convert(columns[i], header.type(i), header);
      if (v != ZeekValues.UNSET) {
        fields.put(names[i], v);
      }
    }
    emit(fields, tsvPath, tsvSource, lineNumber, line, sink);
  }

  private void json(String line, long lineNumber, EventSink sink) {
    JsonNode node;
    try {
      node = JsonRecords.mapper().readTree(line);
    } catch (JsonProcessingException e) {
      sink.malformed(lineNumber, "invalid JSON: " + e.getOriginalMessage(), line);
      return;
    }
    if (node == null || !node.isObject()) {
      sink.malformed(lineNumber, "not a JSON object", line);
      return;
    }
    Map<String, Object> fields = JsonFlattener.flatten(node);
    String path = fields.get("_path") instanceof String p ? p : ZeekTaxonomy.detectPath(fields.keySet());
    emit(fields, path, ZeekTaxonomy.logSource(path), lineNumber, line, sink);
  }

  private void emit(Map<String, Object> fields, String path, LogSource source, long lineNumber,
      String line, EventSink sink) {
    long time = time(fields.get("ts"));
    if (time == Event.NO_TIME) {
      sink.malformed(lineNumber, "ts is not a time", line);
      return;
    }
    ZeekTaxonomy.apply(path, fields, fields);
    Event.Builder b =
        Event.builder(source, fields.size()).time(time).source(sourcePath, lineNumber);
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      b.field(e.getKey(), e.getValue());
    }
    sink.event(b.build());
  }

  /** Epoch ms of a {@code ts}: epoch seconds (number) or ISO-8601 text (JSON logs may use either). */
  private static long time(Object ts) {
    if (ts instanceof Double d) {
      return Times.secondsToMillis(d);
    }
    if (ts instanceof Long l) {
      return Times.secondsToMillis(l);
    }
    if (ts instanceof String s) {
      return Times.isoMillis(s);
    }
    return Event.NO_TIME;
  }
}
