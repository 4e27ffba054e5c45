package dev.minewarden.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.core.event.JsonEvents;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LogFormat;
import dev.minewarden.ingest.SourceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Generic JSON events: a file holding one JSON object, an array of objects, a stream of JSON values
 * one after another (pretty-printed or not), or NDJSON. Each object becomes an event through {@link
 * JsonEvents}, carrying the file path and the line its text starts on.
 *
 * <p>A malformed value is reported with the line it starts on, and reading resumes at the next
 * line that starts a value ({@code {} at no deeper indentation than the bad value), so one broken
 * record costs one report. Lines over {@link #MAX_LINE_CHARS} are reported and dropped. Stateless
 * and thread-safe.
 */
public final class JsonEventsFormat implements LogFormat {
  /** Lines longer than this (chars) are reported as malformed and dropped: 16 Mi chars. */
  public static final int MAX_LINE_CHARS = 16 << 20;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();
  private static final int EXCERPT_CHARS = 200;

  @Override
  public String name() {
    return "json";
  }

  /** Recognises a head that starts (after a BOM and white space) with a JSON object or array. */
  @Override
  public boolean sniff(byte[] head, int length) {
    int i = skipSpace(head, length, startAfterBom(head, length));
    if (i >= length || (head[i] != '{' && head[i] != '[')) {
      return false;
    }
    byte open = head[i];
    int j = skipSpace(head, length, i + 1);
    if (j >= length) {
      return true;
    }
    byte b = head[j];
    return open == '{' ? b == '"' || b == '}' : b == '{' || b == ']';
  }

  private static int startAfterBom(byte[] h, int n) {
    return n >= 3 && h[0] == (byte) 0xEF && h[1] == (byte) 0xBB && h[2] == (byte) 0xBF ? 3 : 0;
  }

  private static int skipSpace(byte[] h, int n, int i) {
    while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n')) {
      i++;
    }
    return i;
  }

  @Override
  public void parse(InputStream in, SourceContext context, EventSink sink) throws IOException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    LineStore lines = new LineStore(new InputStreamReader(in, decoder), MAX_LINE_CHARS);
    new Run(lines, context.path(), sink).run();
  }

  /** The state of parsing one stream. */
  private static final class Run {
    private final LineStore lines;
    private final String path;
    private final EventSink sink;
    private boolean inArray;
    private long valueLine;

    Run(LineStore lines, String path, EventSink sink) {
      this.lines = lines;
      this.path = path;
      this.sink = sink;
    }

    void run() throws IOException {
      long start = 1;
      String prefix = "";
      while (start > 0) {
        long base = start;
        valueLine = 0;
        try (JsonParser p = FACTORY.createParser(lines.from(start, prefix))) {
          drive(p, base);
          start = 0;
        } catch (JsonEOFException e) {
          if (valueLine > 0 || prefix.isEmpty()) {
            report(valueLine > 0 ? valueLine : errorLine(e, base), reason(e));
          } // else: the array reopened after an error simply ended with the file
          start = 0;
        } catch (JsonProcessingException e) {
          long bad = valueLine > 0 ? valueLine : errorLine(e, base);
          report(bad, reason(e));
          start = resumeLine(bad);
          prefix = inArray ? "[" : "";
        }
        reportTooLong();
      }
    }

    private void drive(JsonParser p, long base) throws IOException {
      int arrayDepth = 0; // after an error inside an array, the "[" prefix reopens it
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        long line = base - 1 + p.currentTokenLocation().getLineNr();
        if (t == JsonToken.START_ARRAY && arrayDepth == 0) {
          arrayDepth = 1;
          inArray = true;
        } else if (t == JsonToken.END_ARRAY && arrayDepth == 1) {
          arrayDepth = 0;
          inArray = false;
        } else if (t == JsonToken.START_OBJECT) {
          valueLine = line;
          JsonNode node = MAPPER.readTree(p);
          emit(node, line);
          valueLine = 0;
        } else {
          p.skipChildren();
          report(line, inArray ? "array element is not a JSON object" : "not a JSON object");
        }
        lines.release(base - 1 + p.currentLocation().getLineNr());
        reportTooLong();
      }
    }

    private void emit(JsonNode node, long line) {
      try {
        sink.event(JsonEvents.toEvent(node, path, line));
      } catch (IllegalArgumentException e) {
        report(line, e.getMessage());
      }
    }

    private static long errorLine(JsonProcessingException e, long base) {
      return e.getLocation() == null ? base : base - 1 + Math.max(1, e.getLocation().getLineNr());
    }

    private static String reason(JsonProcessingException e) {
      String m = e.getOriginalMessage();
      if (m == null) {
        return "malformed JSON";
      }
      int nl = m.indexOf('\n');
      return "malformed JSON: " + (nl < 0 ? m : m.substring(0, nl));
    }

    /**
     * The first line after {@code bad} that opens an object at no deeper indentation than line
     * {@code bad}, or 0 when there is none.
     */
    private long resumeLine(long bad) throws IOException {
      String first = lines.line(bad);
      int indent = first == null ? 0 : indent(first);
      for (long n = bad + 1; ; n++) {
        String l = lines.line(n);
        if (l == null) {
          return 0;
        }
        int i = indent(l);
        if (i < l.length() && l.charAt(i) == '{' && i <= indent) {
          lines.release(n);
          return n;
        }
      }
    }

    private static int indent(String l) {
      int i = 0;
      while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
        i++;
      }
      return i;
    }

    private void report(long line, String reason) {
      String text;
      try {
        text = lines.line(line);
      } catch (IOException | IllegalStateException e) {
        text = null;
      }
      String excerpt = text == null ? "" : text.substring(0, Math.min(EXCERPT_CHARS, text.length()));
      sink.malformed(line, reason, excerpt);
    }

    private void reportTooLong() {
      for (long n : lines.drainTooLong()) {
        sink.malformed(n, "line longer than " + MAX_LINE_CHARS + " characters", "");
      }
    }
  }
}
