package dev.minewarden.ingest.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.SourceContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonEventsFormatTest {
  private final JsonEventsFormat format = new JsonEventsFormat();

  /** Collects what a parse produced. */
  private static final class Collected implements EventSink {
    final List<Event> events = new ArrayList<>();
    final List<String> malformed = new ArrayList<>();

    @Override
    public void event(Event event) {
      events.add(event);
    }

    @Override
    public void malformed(long line, String reason, String excerpt) {
      malformed.add(line + "|" + excerpt);
    }

    List<Long> lines() {
      return events.stream().map(Event::sourceLine).toList();
    }

    List<Object> values(String field) {
      return events.stream().map(e -> e.get(field)).toList();
    }
  }

  private Collected parse(String text) throws IOException {
    Collected c = new Collected();
    format.parse(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        SourceContext.of("in.json", 0),
        c);
    return c;
  }

  @Test
  void parse_singleObject() throws IOException {
    Collected c = parse("{\"a\": 1}\n");
    assertThat(c.values("a")).containsExactly(1L);
    assertThat(c.events.get(0).sourcePath()).isEqualTo("in.json");
    assertThat(c.lines()).containsExactly(1L);
  }

  @Test
  void parse_ndjsonWithLineNumbers() throws IOException {
    Collected c = parse("{\"a\":1}\n\n{\"a\":2}\r\n{\"a\":3}");
    assertThat(c.values("a")).containsExactly(1L, 2L, 3L);
    assertThat(c.lines()).containsExactly(1L, 3L, 4L);
    assertThat(c.malformed).isEmpty();
  }

  @Test
  void parse_prettyPrintedStreamOfValues() throws IOException {
    Collected c = parse("{\n  \"a\": 1,\n  \"b\": {\"c\": 2}\n}\n{\n  \"a\": 2\n}\n");
    assertThat(c.values("a")).containsExactly(1L, 2L);
    assertThat(c.values("b.c")).containsExactly(2L, null);
    assertThat(c.lines()).containsExactly(1L, 5L);
  }

  @Test
  void parse_arrayOfObjects() throws IOException {
    Collected c = parse("[\n  {\"a\": 1},\n  {\n    \"a\": 2\n  }\n]\n");
    assertThat(c.values("a")).containsExactly(1L, 2L);
    assertThat(c.lines()).containsExactly(2L, 3L);
    assertThat(c.malformed).isEmpty();
  }

  @Test
  void parse_malformedNdjsonLine_reportedAndNextLineRead() throws IOException {
    Collected c = parse("{\"a\":1}\n{\"a\": 2\n{\"a\":3}\nnot json\n{\"a\":4}\n");
    assertThat(c.values("a")).containsExactly(1L, 3L, 4L);
    assertThat(c.malformed).hasSize(2);
    assertThat(c.malformed.get(0)).startsWith("2|{\"a\": 2");
    assertThat(c.malformed.get(1)).startsWith("4|not json");
  }

  @Test
  void parse_malformedElementOfPrettyArray_resumesAtNextElement() throws IOException {
    String text =
        "[\n  {\n    \"a\": 1\n  },\n  {\n    \"a\": oops\n  },\n  {\n    \"a\": 3\n  }\n]\n";
    Collected c = parse(text);
    assertThat(c.values("a")).containsExactly(1L, 3L);
    assertThat(c.malformed).singleElement().asString().startsWith("5|");
  }

  @Test
  void parse_nonObjectValues_reported() throws IOException {
    Collected c = parse("[{\"a\":1}, 5, [2]]\n\"text\"\n");
    assertThat(c.values("a")).containsExactly(1L);
    assertThat(c.malformed).hasSize(3);
  }

  @Test
  void parse_hostileNesting_reportedNotCrashed() throws IOException {
    Collected c = parse("[".repeat(5000) + "\n{\"a\":1}\n");
    assertThat(c.malformed).isNotEmpty();
    assertThat(c.values("a")).containsExactly(1L);
  }

  @Test
  void sniff_recognisesObjectsAndArrays() {
    assertThat(sniff("  {\"a\":1}")).isTrue();
    assertThat(sniff("\uFEFF[\n {\"a\":1}]")).isTrue();
    assertThat(sniff("[]")).isTrue();
    assertThat(sniff("{")).isTrue();
    assertThat(sniff("[2024-01-01] log line")).isFalse();
    assertThat(sniff("Jan  1 00:00:00 host sshd[1]: x")).isFalse();
    assertThat(sniff("{oops")).isFalse();
  }

  private boolean sniff(String head) {
    byte[] b = head.getBytes(StandardCharsets.UTF_8);
    return format.sniff(b, b.length);
  }
}
