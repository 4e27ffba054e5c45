package dev.minewarden.ingest.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LogFormat;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.support.Head;
import dev.minewarden.ingest.support.IpProtocols;
import dev.minewarden.ingest.support.JsonFlattener;
import dev.minewarden.ingest.support.JsonRecords;
import dev.minewarden.ingest.support.Times;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GCP VPC flow logs as Cloud Logging {@code LogEntry} JSON: one entry per line (a sink export) or a
 * JSON array of entries ({@code gcloud logging read --format=json}).
 *
 * <p>Events: logsource {@code gcp / network_connection / vpcflowlogs}; {@code SourceIp}, {@code
 * DestinationIp}, {@code SourcePort}, {@code DestinationPort}, {@code Protocol} (name), {@code
 * BytesSent} and {@code Packets} (from {@code bytes_sent}/{@code packets_sent}, which the log
 * writes as strings), and the whole entry flattened under its own names ({@code
 * jsonPayload.connection.src_ip}, {@code jsonPayload.reporter}, {@code
 * jsonPayload.src_instance.vm_name}, {@code resource.labels.subnetwork_name}...), int64 strings
 * read as Long. Event time is {@code jsonPayload.start_time}, else {@code timestamp}; host is the
 * reporting VM ({@code src_instance.vm_name} for reporter {@code SRC}, {@code dest_instance} for
 * {@code DEST}).
 *
 * <p>A flow between two logged VMs is reported twice, once by each side; the second report of the
 * same connection and time window (among the last {@value #DEDUP_WINDOW} flows) is dropped.
 *
 * <p>Stateless and thread-safe; per-file state lives inside {@link #parse}.
 */
public final class VpcFlowLogFormat implements LogFormat {
  /** The format's name. */
  public static final String NAME = "gcp-vpcflow";

  /** How many recent flows are remembered to drop the second side's report. */
  public static final int DEDUP_WINDOW = 65_536;

  private static final LogSource SOURCE =
      LogSource.exact("gcp", "network_connection", "vpcflowlogs");
  private static final String[] INT64 = {"jsonPayload.bytes_sent", "jsonPayload.packets_sent",
      "jsonPayload.rtt_msec"};

  @Override
  public String name() {
    return NAME;
  }

  /** False: flow records have addresses and ports only; their names come from DNS logs. */
  @Override
  public boolean mayCarryDnsAnswers() {
    return false;
  }

  @Override
  public boolean sniff(byte[] head, int length) {
    Head h = Head.of(head, length);
    return (h.startsWith('{') || h.startsWith('['))
        && h.containsAll("\"jsonPayload\"", "\"connection\"", "\"src_ip\"");
  }

  @Override
  public void parse(InputStream in, SourceContext context, EventSink sink) throws IOException {
    Map<String, String> recent = new LinkedHashMap<>(1024, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > DEDUP_WINDOW;
      }
    };
    JsonRecords.read(in, context, "entries",
        (r, line) -> entry(r, line, context, sink, recent), sink);
  }

  private static void entry(JsonNode r, long line, SourceContext context, EventSink sink,
      Map<String, String> recent) {
    JsonNode p = r.path("jsonPayload");
    JsonNode c = p.path("connection");
    if (!c.isObject() || !c.hasNonNull("src_ip") || !c.hasNonNull("dest_ip")) {
      sink.malformed(line, "not a VPC flow log entry", JsonRecords.excerpt(r));
      return;
    }
    String reporter = p.path("reporter").asText("");
    String key = c.toString() + p.path("start_time").asText("") + p.path("end_time").asText("");
    String seenBy = recent.putIfAbsent(key, reporter);
    if (seenBy != null && !seenBy.equals(reporter)) {
      return; // the other side's report of a flow already emitted
    }
    Map<String, Object> fields = JsonFlattener.flatten(r);
    for (String name : INT64) {
      fields.computeIfPresent(name, (k, v) -> v instanceof String s ? longOr(s) : v);
    }
    Event.Builder b = Event.builder(SOURCE).source(context.path(), line);
    long time = Times.isoMillis(p.path("start_time").asText(null));
    b.time(time != Event.NO_TIME ? time : Times.isoMillis(r.path("timestamp").asText(null)));
    String side = "DEST".equals(reporter) ? "dest_instance" : "src_instance";
    b.host(p.path(side).path("vm_name").asText(null));
    fields.forEach(b::field);
    taxonomy(b, c, fields);
    sink.event(b.build());
  }

  private static void taxonomy(Event.Builder b, JsonNode c, Map<String, Object> fields) {
    b.field("SourceIp", c.path("src_ip").asText());
    b.field("DestinationIp", c.path("dest_ip").asText());
    b.fieldIfPresent("SourcePort", longOf(c.get("src_port")));
    b.fieldIfPresent("DestinationPort", longOf(c.get("dest_port")));
    Long protocol = longOf(c.get("protocol"));
    b.fieldIfPresent("Protocol", protocol == null ? null : IpProtocols.name(protocol));
    b.fieldIfPresent("BytesSent", fields.get("jsonPayload.bytes_sent"));
    b.fieldIfPresent("Packets", fields.get("jsonPayload.packets_sent"));
  }

  private static Long longOf(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    Object parsed = longOr(v.asText(""));
    return parsed instanceof Long l ? l : null;
  }

  private static Object longOr(String s) {
    try {
      return s.isEmpty() || s.length() > 19 ? s : (Object) Long.valueOf(s);
    } catch (NumberFormatException e) {
      return s;
    }
  }
}
