package dev.minewarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFormatTest {
  /** A format that makes one event per line holding the line's text. */
  private static final class EchoFormat extends LineFormat {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public boolean sniff(byte[] head, int length) {
      return true;
    }

    @Override
    public boolean linesIndependent() {
      return true;
    }

    @Override
    protected LineParser newParser(SourceContext context) {
      return (line, number, sink) ->
          sink.event(Event.builder(LogSource.ANY).field("message", line).source("t", number).build());
    }
  }

  private final List<Event> events = new ArrayList<>();
  private final List<String> malformed = new ArrayList<>();
  private final EventSink sink = new EventSink() {
    @Override
    public void event(Event event) {
      events.add(event);
    }

    @Override
    public void malformed(long line, String reason, String excerpt) {
      malformed.add(line + ":" + reason);
    }
  };

  /**
   * Parses from a stream, and again in place as a piece of a file in memory (bytes after the
   * piece must not be read, and the array must stay as it was): both must give the same events
   * and reports, which the tests then check.
   */
  private void parse(byte[] bytes) throws IOException {
    new EchoFormat().parse(new ByteArrayInputStream(bytes), SourceContext.of("t", 0), sink);
    List<Event> streamed = new ArrayList<>(events);
    List<String> streamedReports = new ArrayList<>(malformed);
    events.clear();
    malformed.clear();
    byte[] piece = java.util.Arrays.copyOf(bytes, bytes.length + 3);
    java.util.Arrays.fill(piece, bytes.length, piece.length, (byte) 'x');
    byte[] before = piece.clone();
    new EchoFormat().pieces().parse(null, piece, bytes.length, 1, SourceContext.of("t", 0), sink);
    assertThat(piece).isEqualTo(before);
    assertThat(malformed).isEqualTo(streamedReports);
    assertThat(events).extracting(e -> e.get("message"), Event::sourceLine)
        .isEqualTo(streamed.stream()
            .map(e -> org.assertj.core.groups.Tuple.tuple(e.get("message"), e.sourceLine()))
            .toList());
  }

  @Test
  void parse_allLineTerminators() throws IOException {
    parse("a\nb\r\nc\rd".getBytes(StandardCharsets.UTF_8));
    assertThat(events).extracting(e -> e.get("message")).containsExactly("a", "b", "c", "d");
    assertThat(events).extracting(Event::sourceLine).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void parse_tenMegabyteLineIsReportedAndSkipped() throws IOException {
    byte[] big = new byte[10 * 1024 * 1024 + 10];
    java.util.Arrays.fill(big, (byte) 'x');
    byte[] tail = "\nafter\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[big.length + tail.length];
    System.arraycopy(big, 0, all, 0, big.length);
    System.arraycopy(tail, 0, all, big.length, tail.length);
    parse(all);
    assertThat(malformed).containsExactly("1:line longer than 1048576 characters");
    assertThat(events).extracting(e -> e.get("message")).containsExactly("after");
    assertThat(events.get(0).sourceLine()).isEqualTo(2);
  }

  @Test
  void parse_invalidUtf8IsReplacedNotFatal() throws IOException {
    parse(new byte[] {'o', 'k', (byte) 0xff, (byte) 0xc3, '\n', 'z'});
    assertThat(events).extracting(e -> e.get("message")).containsExactly("ok\ufffd\ufffd", "z");
    assertThat(malformed).containsExactly(
        "1:invalid UTF-8 (replaced with U+FFFD; the line is still parsed)");
  }

  @Test
  void parse_asciiAndNonAsciiLinesDecodeAsUtf8WhateverTheirNeighbours() throws IOException {
    // Each line is decoded on its own: an ASCII line next to UTF-8 or control bytes, a non-ASCII
    // last line without a terminator, and control characters below '\r' that are not terminators.
    String text = "plain\r\nJos\u00e9 \u65e5\u672c\ntab\there\u000b\nascii again\n\u00fcber\u0000";
    parse(text.getBytes(StandardCharsets.UTF_8));
    assertThat(events).extracting(e -> e.get("message")).containsExactly(
        "plain", "Jos\u00e9 \u65e5\u672c", "tab\there\u000b", "ascii again", "\u00fcber\u0000");
    assertThat(malformed).isEmpty();
    byte[] latin1Bytes = {'c', 'a', 'f', (byte) 0xe9, '\n', 'o', 'k'};
    events.clear();
    parse(latin1Bytes);
    assertThat(events).extracting(e -> e.get("message")).containsExactly("caf\ufffd", "ok");
  }
}
