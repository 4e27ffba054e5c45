package dev.minewarden.ingest.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LogFormat;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.support.Head;
import dev.minewarden.ingest.support.JsonRecords;

import java.io.IOException;
import java.io.InputStream;

/**
 * Azure NSG flow logs, versions 1 and 2: the {@code PT1H.json} blobs ({@code {"records":[...]}},
 * streamed record by record) and one record per line. Every flow tuple becomes one event.
 *
 * <p>Events: logsource {@code azure / network_connection / nsgflowlogs}; {@code SourceIp}, {@code
 * DestinationIp}, {@code SourcePort}, {@code DestinationPort} (Long), {@code Protocol} ({@code
 * tcp}/{@code udp}), {@code Initiated} (outbound, {@code O}), {@code Action} ({@code ACCEPT} for
 * {@code A}, {@code REJECT} for {@code D}), and in version 2 {@code Packets} (both directions),
 * {@code BytesSent} (source to destination), {@code BytesReceived}; the tuple's own {@code
 * direction}, {@code decision}, {@code flowState}, {@code packetsSrcToDst}, {@code bytesSrcToDst},
 * {@code packetsDstToSrc}, {@code bytesDstToSrc}; and the record's {@code rule}, {@code mac},
 * {@code resourceId}, {@code systemId}, {@code category}, {@code Version}. Event time is the
 * tuple's; host is the local address (the destination of inbound flows, the source of outbound).
 *
 * <p>Stateless and thread-safe.
 */
public final class NsgFlowLogFormat implements LogFormat {
  /** The format's name. */
  public static final String NAME = "azure-nsgflow";

  private static final LogSource SOURCE = LogSource.exact("azure", "network_connection",
      "nsgflowlogs");

  @Override
  public String name() {
    return NAME;
  }

  /** False: flow tuples have addresses and ports only; their names come from DNS logs. */
  @Override
  public boolean mayCarryDnsAnswers() {
    return false;
  }

  @Override
  public boolean sniff(byte[] head, int length) {
    Head h = Head.of(head, length);
    return h.startsWith('{') && h.containsAll("\"flowTuples\"")
        && (h.containsAll("NetworkSecurityGroupFlowEvent") || h.containsAll("\"records\""));
  }

  @Override
  public void parse(InputStream in, SourceContext context, EventSink sink) throws IOException {
    JsonRecords.read(in, context, "records", (r, line) -> record(r, line, context, sink), sink);
  }

  private static void record(JsonNode r, long line, SourceContext context, EventSink sink) {
    JsonNode rules = r.path("properties").path("flows");
    if (!rules.isArray()) {
      sink.malformed(line, "no properties.flows in NSG flow record", "");
      return;
    }
    for (JsonNode rule : rules) {
      for (JsonNode group : rule.path("flows")) {
        for (JsonNode tuple : group.path("flowTuples")) {
          String text = tuple.asText("");
          NsgFlowTuple t = NsgFlowTuple.parse(text);
          if (t == null) {
            sink.malformed(line, "bad NSG flow tuple", text);
            continue;
          }
          sink.event(event(t, r, rule, group, line, context));
        }
      }
    }
  }

  private static Event event(NsgFlowTuple t, JsonNode r, JsonNode rule, JsonNode group,
      long line, SourceContext context) {
    boolean outbound = t.direction() == 'O';
    Event.Builder b = Event.builder(SOURCE).source(context.path(), line).time(t.millis());
    b.host(outbound ? t.src() : t.dst());
    b.field("SourceIp", t.src()).field("DestinationIp", t.dst());
    b.field("SourcePort", t.srcPort()).field("DestinationPort", t.dstPort());
    b.field("Protocol", t.protocol() == 'T' ? "tcp" : "udp");
    b.field("Initiated", outbound);
    b.field("Action", t.decision() == 'A' ? "ACCEPT" : "REJECT");
    b.field("direction", String.valueOf(t.direction()));
    b.field("decision", String.valueOf(t.decision()));
    if (t.state() != '\0') {
      b.field("flowState", String.valueOf(t.state()));
    }
    counts(b, t);
    b.fieldIfPresent("rule", text(rule, "rule"));
    b.fieldIfPresent("mac", text(group, "mac"));
    for (String name : new String[] {"resourceId", "systemId", "category", "macAddress",
        "operationName"}) {
      b.fieldIfPresent(name, text(r, name));
    }
    JsonNode version = r.path("properties").path("Version");
    b.fieldIfPresent("Version", version.canConvertToLong() ? version.asLong() : null);
    return b.build();
  }

  private static void counts(Event.Builder b, NsgFlowTuple t) {
    b.fieldIfPresent("packetsSrcToDst", t.packetsOut());
    b.fieldIfPresent("bytesSrcToDst", t.bytesOut());
    b.fieldIfPresent("packetsDstToSrc", t.packetsIn());
    b.fieldIfPresent("bytesDstToSrc", t.bytesIn());
    if (t.packetsOut() != null && t.packetsIn() != null) {
      b.field("Packets", t.packetsOut() + t.packetsIn());
    }
    b.fieldIfPresent("BytesSent", t.bytesOut());
    b.fieldIfPresent("BytesReceived", t.bytesIn());
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }
}
