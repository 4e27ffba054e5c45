package dev.minewarden.ingest.journald;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LineFormat;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.sshd.SshdMessageParser;
import dev.minewarden.ingest.sshd.SshdSyslogFormat;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * {@code journalctl -o json} exports, one JSON object per line. Entries of OpenSSH ({@code
 * SYSLOG_IDENTIFIER} or {@code _COMM} {@code sshd}, {@code sshd-session}, {@code sshd-auth})
 * become the same {@code product: linux, service: sshd} events as {@link SshdSyslogFormat} makes,
 * classified by {@link SshdMessageParser}; other entries are skipped. Time comes from {@code
 * __REALTIME_TIMESTAMP} (µs), host from {@code _HOSTNAME}, pid from {@code _PID}. {@code MESSAGE}
 * may be a string or, when it is not valid UTF-8, an array of bytes (decoded with U+FFFD for
 * invalid sequences). A line that is not a JSON object, or an sshd entry without a usable
 * message, is reported as malformed. Stateless and thread-safe.
 */
public final class JournaldFormat extends LineFormat {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public String name() {
    return "journald";
  }

  /** False: journal entries are parsed into process, login and unit events, never DNS answers. */
  @Override
  public boolean mayCarryDnsAnswers() {
    return false;
  }

  /** True when the first non-blank line is a JSON object with journald's {@code __REALTIME_TIMESTAMP} or {@code __CURSOR}. */
  @Override
  public boolean sniff(byte[] head, int length) {
    String text = new String(head, 0, Math.min(length, head.length), StandardCharsets.UTF_8).stripLeading();
    int end = text.indexOf('\n');
    String first = end < 0 ? text : text.substring(0, end);
    return first.startsWith("{")
        && (first.contains("\"__REALTIME_TIMESTAMP\"") || first.contains("\"__CURSOR\""));
  }

  @Override
  protected LineParser newParser(SourceContext context) {
    return (line, lineNumber, sink) -> parseLine(line, lineNumber, sink, context.path());
  }

  private static void parseLine(String line, long lineNumber, EventSink sink, String path) {
    if (line.isBlank()) {
      return;
    }
    JsonNode entry;
    try {
      entry = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      sink.malformed(lineNumber, "not JSON", line);
      return;
    }
    if (entry == null || !entry.isObject()) {
      sink.malformed(lineNumber, "not a JSON object", line);
      return;
    }
    if (!isSshd(text(entry, "SYSLOG_IDENTIFIER")) && !isSshd(text(entry, "_COMM"))) {
      return;
    }
    String message = message(entry.get("MESSAGE"));
    if (message == null) {
      sink.malformed(lineNumber, "sshd entry without a readable MESSAGE", line);
      return;
    }
    String problem = SshdMessageParser.grammarProblem(message);
    if (problem != null) {
      sink.malformed(lineNumber, problem, line);
      return;
    }
    sink.event(toEvent(entry, message, path, lineNumber));
  }

  private static Event toEvent(JsonNode entry, String message, String path, long lineNumber) {
    String host = text(entry, "_HOSTNAME");
    Event.Builder b = Event.builder(SshdSyslogFormat.LOG_SOURCE).host(host).source(path, lineNumber);
    long micros = number(entry, "__REALTIME_TIMESTAMP");
    if (micros < 0) {
      micros = number(entry, "_SOURCE_REALTIME_TIMESTAMP");
    }
    if (micros >= 0) {
      b.time(micros / 1000);
    }
    b.field(SshdSyslogFormat.MESSAGE, message);
    long pid = number(entry, "_PID");
    if (pid < 0) {
      pid = number(entry, "SYSLOG_PID");
    }
    if (pid >= 0) {
      b.field(SshdSyslogFormat.PROCESS_ID, pid);
    }
    b.fieldIfPresent(SshdSyslogFormat.HOSTNAME, host);
    SshdMessageParser.parse(message, b);
    return b.build();
  }

  private static boolean isSshd(String name) {
    return "sshd".equals(name) || "sshd-session".equals(name) || "sshd-auth".equals(name);
  }

  private static String text(JsonNode entry, String field) {
    JsonNode v = entry.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /** A non-negative decimal number given as a JSON string or number, or -1. */
  private static long number(JsonNode entry, String field) {
    JsonNode v = entry.get(field);
    if (v == null) {
      return -1;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    String s = v.isTextual() ? v.textValue() : null;
    if (s == null || s.isEmpty() || s.length() > 18) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(s);
  }

  /** The message as text: a JSON string, or an array of byte values decoded as UTF-8. */
  static String message(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (!v.isArray()) {
      return null;
    }
    byte[] bytes = new byte[v.size()];
    for (int i = 0; i < bytes.length; i++) {
      JsonNode e = v.get(i);
      if (!e.isIntegralNumber() || e.intValue() < 0 || e.intValue() > 255) {
        return null;
      }
      bytes[i] = (byte) e.intValue();
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("replacing decoder cannot fail", e);
    }
  }
}
