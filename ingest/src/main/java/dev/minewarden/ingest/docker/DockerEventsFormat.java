package dev.minewarden.ingest.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LogFormat;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.support.Head;
import dev.minewarden.ingest.support.JsonFlattener;
import dev.minewarden.ingest.support.JsonRecords;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Docker daemon events, one JSON object per line as {@code docker events --format '{{json .}}'}
 * (or the Engine API's {@code /events} stream) writes them.
 *
 * <p>Events: logsource {@code docker / daemon}; every field flattened ({@code Type}, {@code
 * Action}, {@code Actor.ID}, {@code Actor.Attributes.image}, {@code Actor.Attributes.name}, {@code
 * status}, {@code id}, {@code from}, {@code scope}, {@code time}, {@code timeNano}), plus {@code
 * Image} (the container's image) and, for {@code exec_create}/{@code exec_start} actions, {@code
 * event.action} ({@code exec_create}...) and {@code CommandLine} (the command after the colon).
 * Docker's events do not carry a container's mounts or privileges, so {@code HostMount} and {@code
 * Privileged} are set only when the attributes hold them (as labels of those names may). Event time
 * is {@code timeNano}, else {@code time}.
 *
 * <p>Stateless and thread-safe.
 */
public final class DockerEventsFormat implements LogFormat {
  /** The format's name. */
  public static final String NAME = "docker-events";

  private static final LogSource SOURCE = LogSource.exact("docker", null, "daemon");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean sniff(byte[] head, int length) {
    String first = Head.of(head, length).firstLine();
    return first.startsWith("{")
        && first.contains("\"Type\"")
        && first.contains("\"Action\"")
        && first.contains("\"Actor\"");
  }

  @Override
  public void parse(InputStream in, SourceContext context, EventSink sink) throws IOException {
    JsonRecords.read(in, context, null, (r, line) -> record(r, line, context, sink), sink);
  }

  private static void record(JsonNode r, long line, SourceContext context, EventSink sink) {
    if (!r.isObject() || !r.path("Type").isTextual() || !r.path("Action").isTextual()) {
      sink.malformed(line, "not a Docker event", JsonRecords.excerpt(r));
      return;
    }
    Map<String, Object> fields = JsonFlattener.flatten(r);
    Event.Builder b = Event.builder(SOURCE).source(context.path(), line).time(time(r));
    fields.forEach(b::field);
    derive(b, r);
    sink.event(b.build());
  }

  private static void derive(Event.Builder b, JsonNode r) {
    JsonNode attributes = r.path("Actor").path("Attributes");
    if ("container".equals(r.path("Type").asText())) {
      String image = attributes.path("image").asText(null);
      b.fieldIfPresent("Image", image != null ? image : r.path("from").asText(null));
    }
    String action = r.path("Action").asText();
    int colon = action.indexOf(':');
    if (action.startsWith("exec_") && colon > 0) {
      b.field("event.action", action.substring(0, colon));
      b.field("CommandLine", action.substring(colon + 1).trim());
    }
    JsonNode privileged = attributes.path("Privileged");
    if (privileged.isBoolean() || privileged.isTextual()) {
      b.field("Privileged", "true".equalsIgnoreCase(privileged.asText()));
    }
    b.fieldIfPresent("HostMount", attributes.path("HostMount").asText(null));
  }

  private static long time(JsonNode r) {
    JsonNode nanos = r.path("timeNano");
    if (nanos.canConvertToLong()) {
      return Math.floorDiv(nanos.asLong(), 1_000_000L);
    }
    JsonNode seconds = r.path("time");
    return seconds.canConvertToLong() && Math.abs(seconds.asLong()) < Long.MAX_VALUE / 1000
        ? seconds.asLong() * 1000 : Event.NO_TIME;
  }
}
