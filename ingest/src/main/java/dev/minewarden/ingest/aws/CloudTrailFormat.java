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
import java.util.Map;

/**
 * AWS CloudTrail records in any of their deliveries: S3 log files ({@code {"Records":[...]}},
 * streamed record by record), EventBridge envelopes ({@code {"detail-type":"AWS API Call via
 * CloudTrail","detail":{...}}}), one record per line (CloudWatch Logs exports), or single
 * pretty-printed records.
 *
 * <p>Events: logsource {@code aws / cloudtrail}; every field of the record flattened with dots
 * ({@code eventName}, {@code userIdentity.arn}, {@code requestParameters.instanceType}), lists of
 * objects giving lists of values under the joined name ({@code
 * requestParameters.ipPermissions.items.ipRanges.items.cidrIp}, {@code
 * requestParameters.ipPermissions.items.fromPort}). {@code requestParameters}, {@code
 * responseElements} and {@code additionalEventData} are also kept whole as compact JSON text, for
 * rules that search them with {@code contains}. {@code RunInstances} adds {@code InstanceCount}.
 * Event time is {@code eventTime}.
 *
 * <p>Stateless and thread-safe.
 */
public final class CloudTrailFormat implements LogFormat {
  /** The format's name. */
  public static final String NAME = "aws-cloudtrail";

  private static final LogSource SOURCE = LogSource.exact("aws", null, "cloudtrail");
  private static final String[] WHOLE = {"requestParameters", "responseElements",
      "additionalEventData"};

  @Override
  public String name() {
    return NAME;
  }

  /** False: API calls hold no DNS answers (Route 53 resolver query logs are a format of their own). */
  @Override
  public boolean mayCarryDnsAnswers() {
    return false;
  }

  @Override
  public boolean sniff(byte[] head, int length) {
    Head h = Head.of(head, length);
    if (!h.startsWith('{')) {
      return false;
    }
    return h.containsAll("\"eventVersion\"", "\"eventSource\"")
        || h.containsAll("\"detail-type\"", "via CloudTrail");
  }

  @Override
  public void parse(InputStream in, SourceContext context, EventSink sink) throws IOException {
    JsonRecords.read(in, context, "Records", (r, line) -> record(r, line, context, sink), sink);
  }

  private static void record(JsonNode node, long line, SourceContext context, EventSink sink) {
    JsonNode r = node.has("detail-type") && node.path("detail").isObject() ? node.get("detail")
        : node;
    if (!r.isObject() || !r.hasNonNull("eventName") || !r.hasNonNull("eventSource")) {
      sink.malformed(line, "not a CloudTrail record", JsonRecords.excerpt(node));
      return;
    }
    Map<String, Object> fields = JsonFlattener.flatten(r);
    for (String name : WHOLE) {
      JsonNode v = r.get(name);
      if (v != null && v.isContainerNode()) {
        fields.put(name, v.toString());
      }
    }
    if ("RunInstances".equals(r.path("eventName").asText())) {
      Long count = instanceCount(r);
      if (count != null) {
        fields.put("InstanceCount", count);
      }
    }
    Event.Builder b = Event.builder(SOURCE).source(context.path(), line);
    b.time(Times.isoMillis(r.path("eventTime").asText(null)));
    fields.forEach(b::field);
    sink.event(b.build());
  }

  /**
   * How many instances a RunInstances call started: the instances in the response, else the
   * {@code maxCount} asked for (a failed call has no response but shows the intent).
   */
  static Long instanceCount(JsonNode r) {
    JsonNode started = r.path("responseElements").path("instancesSet").path("items");
    if (started.isArray() && started.size() > 0) {
      return (long) started.size();
    }
    long asked = 0;
    boolean any = false;
    for (JsonNode item : r.path("requestParameters").path("instancesSet").path("items")) {
      JsonNode max = item.has("maxCount") ? item.get("maxCount") : item.get("minCount");
      if (max != null && max.canConvertToLong()) {
        asked += max.asLong();
        any = true;
      }
    }
    return any ? asked : null;
  }
}
