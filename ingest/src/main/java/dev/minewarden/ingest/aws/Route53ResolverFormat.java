package dev.minewarden.ingest.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LogFormat;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.support.Head;
import dev.minewarden.ingest.support.JsonFlattener;
import dev.minewarden.ingest.support.JsonRecords;
import dev.minewarden.ingest.support.Times;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Route 53 Resolver query logs: one JSON object per line, as delivered to S3 or CloudWatch Logs.
 *
 * <p>Events: logsource {@code aws / dns / route53}; {@code query} ({@code query_name} without its
 * trailing dot), {@code record_type} ({@code query_type}), {@code answer} (the {@code Rdata} of
 * every answer), {@code SourceIp} ({@code srcaddr}), {@code SourcePort} (Long), {@code rcode}, and
 * every field of the record under its own flattened name ({@code query_name}, {@code
 * srcids.instance}, {@code answers.Rdata}, {@code firewall_rule_action}...). Event time is {@code
 * query_timestamp}; host is {@code srcids.instance}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Route53ResolverFormat implements LogFormat {
  /** The format's name. */
  public static final String NAME = "aws-route53resolver";

  private static final LogSource SOURCE = LogSource.exact("aws", "dns", "route53");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean sniff(byte[] head, int length) {
    String first = Head.of(head, length).firstLine();
    return first.startsWith("{")
        && first.contains("\"query_name\"")
        && first.contains("\"query_type\"")
        && first.contains("\"srcaddr\"");
  }

  @Override
  public void parse(InputStream in, SourceContext context, EventSink sink) throws IOException {
    JsonRecords.read(in, context, null, (r, line) -> record(r, line, context, sink), sink);
  }

  private static void record(JsonNode r, long line, SourceContext context, EventSink sink) {
    if (!r.isObject() || !r.hasNonNull("query_name")) {
      sink.malformed(line, "not a Resolver query log record", JsonRecords.excerpt(r));
      return;
    }
    Map<String, Object> fields = JsonFlattener.flatten(r);
    Event.Builder b = Event.builder(SOURCE).source(context.path(), line);
    b.time(Times.isoMillis(r.path("query_timestamp").asText(null)));
    b.host(r.path("srcids").path("instance").asText(null));
    fields.forEach(b::field);
    String name = r.path("query_name").asText();
    b.field("query", name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
    b.fieldIfPresent("record_type", text(r, "query_type"));
    b.field("answer", answers(r.path("answers")));
    b.fieldIfPresent("SourceIp", text(r, "srcaddr"));
    b.fieldIfPresent("SourcePort", port(r.path("srcport")));
    b.fieldIfPresent("rcode", text(r, "rcode"));
    sink.event(b.build());
  }

  private static List<Object> answers(JsonNode answers) {
    List<Object> out = new ArrayList<>();
    for (JsonNode a : answers) {
      String rdata = a.path("Rdata").asText(null);
      if (rdata != null) {
        out.add(rdata);
      }
    }
    return out;
  }

  private static String text(JsonNode r, String field) {
    JsonNode v = r.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  /** The port, which the log writes as a string ({@code "56067"}). */
  private static Long port(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    String s = v.asText("");
    try {
      return s.isEmpty() || s.length() > 9 ? null : Long.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
