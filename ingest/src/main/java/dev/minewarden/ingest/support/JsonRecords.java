package dev.minewarden.ingest.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LineFormat;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.SourceContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream of JSON records in any of the shapes cloud logs come in: one object per line
 * (NDJSON), a wrapper object holding an array of records ({@code {"Records":[...]}}), a top-level
 * array, or pretty-printed objects one after another.
 *
 * <p>One-object-per-line input is read line by line, so a broken line is reported and the next one
 * is read. Any other shape is streamed with Jackson: a wrapper array is never held whole in memory,
 * only one record at a time; a syntax error there ends the file with one malformed report, as the
 * rest cannot be framed. Invalid UTF-8 is replaced by U+FFFD in both modes. Stateless and
 * thread-safe.
 */
public final class JsonRecords {
  /** Receives the records of one file in order. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Takes one record.
     *
     * @param record the record (an object, or whatever the input held at that place)
     * @param line the 1-based line the record starts on
     */
    void record(JsonNode record, long line);
  }

  private static final int PEEK = 1 << 16;
  private static final ObjectMapper MAPPER = newMapper();
  /** Reads one value at the parser's place; the stream goes on after it, so no trailing check. */
  private static final ObjectReader IN_STREAM =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonRecords() {}

  /** Longest excerpt of a record that goes into a malformed-record report, in chars. */
  public static final int EXCERPT_CHARS = 200;

  /** The shared mapper with bounded nesting and string lengths; thread-safe once built. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * The start of a record's JSON text, at most {@link #EXCERPT_CHARS} chars, to quote in a
   * malformed-record report.
   */
  public static String excerpt(JsonNode record) {
    String s = record.toString();
    return s.length() > EXCERPT_CHARS ? s.substring(0, EXCERPT_CHARS) : s;
  }

  private static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(256)
                    .maxStringLength(1 << 24)
                    .build())
            .build();
    return new ObjectMapper(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_LONG_FOR_INTS);
  }

  /**
   * Reads every record of {@code in}.
   *
   * @param wrapperKey the field of a wrapper object that holds the record array ({@code Records}),
   *     or {@code null} when the format has none
   * @throws IOException when reading the stream fails
   */
  public static void read(
      InputStream in, SourceContext context, String wrapperKey, Handler handler, EventSink sink)
      throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, PEEK);
    buffered.mark(PEEK + 1);
    byte[] head = buffered.readNBytes(PEEK);
    buffered.reset();
    Handler safe = guarded(handler, sink);
    if (isOneObjectPerLine(head, wrapperKey)) {
      new LinesOfJson(wrapperKey, safe).parse(buffered, context, sink);
    } else {
      stream(buffered, wrapperKey, safe, sink);
    }
  }

  /**
   * Wraps a handler so that a record it cannot make sense of (a number where an object belongs, a
   * list where a string does) is reported and skipped instead of ending the file.
   */
  private static Handler guarded(Handler handler, EventSink sink) {
    return (record, line) -> {
      try {
        handler.record(record, line);
      } catch (RuntimeException e) {
        sink.malformed(line, "unreadable record: " + e.getClass().getSimpleName(), excerpt(record));
      }
    };
  }

  /** Whether the first line holds exactly one complete object that is not a wrapper. */
  private static boolean isOneObjectPerLine(byte[] head, String wrapperKey) {
    int start = 0;
    while (start < head.length && isSpace(head[start])) {
      start++;
    }
    if (start >= head.length || head[start] != '{') {
      return false;
    }
    int end = start;
    while (end < head.length && head[end] != '\n') {
      end++;
    }
    if (end >= head.length && head.length >= PEEK) {
      return false; // the first line does not even fit the peek: stream it
    }
    try {
      JsonNode first = MAPPER.readTree(new String(head, start, end - start, StandardCharsets.UTF_8));
      return first != null
          && first.isObject()
          && (wrapperKey == null || !first.path(wrapperKey).isArray());
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static void stream(InputStream in, String wrapperKey, Handler handler, EventSink sink)
      throws IOException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    Reader reader = new InputStreamReader(in, decoder);
    try (JsonParser p = MAPPER.createParser(reader)) {
      try {
        JsonToken t;
        while ((t = p.nextToken()) != null) {
          rootValue(p, t, wrapperKey, handler);
        }
      } catch (JsonProcessingException e) {
        long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        sink.malformed(Math.max(line, 0), "invalid JSON: " + e.getOriginalMessage(), "");
      }
    }
  }

  private static void rootValue(JsonParser p, JsonToken t, String key, Handler handler)
      throws IOException {
    long line = p.currentTokenLocation().getLineNr();
    if (t == JsonToken.START_ARRAY) {
      elements(p, handler);
    } else if (t == JsonToken.START_OBJECT) {
      object(p, line, key, handler);
    } else {
      handler.record(IN_STREAM.readTree(p), line);
    }
  }

  /** Streams the elements of the array the parser is at; leaves it on the array's end. */
  private static void elements(JsonParser p, Handler handler) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      long line = p.currentTokenLocation().getLineNr();
      JsonNode element = IN_STREAM.readTree(p);
      handler.record(element, line);
    }
  }

  /**
   * Reads a root object: a wrapper's record array is streamed element by element, any other object
   * is built whole and handed over as one record.
   */
  private static void object(JsonParser p, long line, String key, Handler handler)
      throws IOException {
    ObjectNode rest = MAPPER.createObjectNode();
    boolean wrapper = false;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (key != null && key.equals(name) && value == JsonToken.START_ARRAY) {
        wrapper = true;
        elements(p, handler);
      } else if (wrapper) {
        p.skipChildren();
      } else {
        rest.set(name, IN_STREAM.readTree(p));
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of object");
    }
    if (!wrapper) {
      handler.record(rest, line);
    }
  }

  /** The one-object-per-line mode, reusing {@link LineFormat}'s bounded line reading. */
  private static final class LinesOfJson extends LineFormat {
    private final String wrapperKey;
    private final Handler handler;

    LinesOfJson(String wrapperKey, Handler handler) {
      this.wrapperKey = wrapperKey;
      this.handler = handler;
    }

    @Override
    public String name() {
      return "json-lines";
    }

    @Override
    public boolean sniff(byte[] head, int length) {
      return false;
    }

    @Override
    protected LineParser newParser(SourceContext context) {
      return this::line;
    }

    private void line(String line, long number, EventSink sink) {
      if (line.isBlank()) {
        return;
      }
      JsonNode node;
      try {
        node = MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        sink.malformed(number, "invalid JSON: " + e.getOriginalMessage(), line);
        return;
      }
      if (node == null) {
        return;
      }
      JsonNode records = wrapperKey == null ? null : node.get(wrapperKey);
      if (node.isArray() || (records != null && records.isArray())) {
        for (JsonNode r : node.isArray() ? node : records) {
          handler.record(r, number);
        }
      } else {
        handler.record(node, number);
      }
    }
  }
}
