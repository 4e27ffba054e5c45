package dev.minewarden.ingest.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes API server audit logs ({@code audit.k8s.io/v1} {@code Event}s): one object per line as
 * the log backend writes them, or an {@code EventList} as the webhook backend posts it.
 *
 * <p>Events: logsource {@code kubernetes / audit}; every field flattened ({@code verb}, {@code
 * user.username}, {@code sourceIPs}, {@code objectRef.resource}, {@code objectRef.subresource},
 * {@code objectRef.namespace}, {@code objectRef.name}, {@code requestURI}, {@code
 * responseStatus.code}, {@code requestObject.spec...}; {@code responseObject} and {@code
 * managedFields} are left out as bulk), plus, when the request carries a pod spec (a Pod or a
 * workload template): {@code Image} (one image as text, several as a list), {@code Privileged}
 * (Boolean), {@code HostMount} (the hostPath path, or a list), {@code HostPID}/{@code HostNetwork}
 * when set; and for {@code exec}/{@code attach} requests {@code CommandLine} (the {@code command}
 * parameters of the request URI). Event time is {@code requestReceivedTimestamp}.
 *
 * <p>Stateless and thread-safe.
 */
public final class K8sAuditFormat implements LogFormat {
  /** The format's name. */
  public static final String NAME = "k8s-audit";

  private static final LogSource SOURCE = LogSource.exact("kubernetes", null, "audit");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean sniff(byte[] head, int length) {
    Head h = Head.of(head, length);
    return h.startsWith('{') && h.containsAll("audit.k8s.io/", "\"verb\"", "\"objectRef\"");
  }

  @Override
  public void parse(InputStream in, SourceContext context, EventSink sink) throws IOException {
    JsonRecords.read(in, context, "items", (r, line) -> record(r, line, context, sink), sink);
  }

  private static void record(JsonNode r, long line, SourceContext context, EventSink sink) {
    if (!r.isObject() || !"Event".equals(r.path("kind").asText()) || !r.hasNonNull("verb")) {
      sink.malformed(line, "not an audit Event", JsonRecords.excerpt(r));
      return;
    }
    ObjectNode trimmed = ((ObjectNode) r).deepCopy();
    trimmed.remove("responseObject");
    if (trimmed.path("requestObject").path("metadata") instanceof ObjectNode meta) {
      meta.remove("managedFields");
    }
    Map<String, Object> fields = JsonFlattener.flatten(trimmed);
    Event.Builder b = Event.builder(SOURCE).source(context.path(), line);
    long time = Times.isoMillis(r.path("requestReceivedTimestamp").asText(null));
    b.time(time != Event.NO_TIME ? time : Times.isoMillis(r.path("stageTimestamp").asText(null)));
    fields.forEach(b::field);
    derive(b, r);
    sink.event(b.build());
  }

  private static void derive(Event.Builder b, JsonNode r) {
    PodSpecFacts facts = PodSpecFacts.of(r.path("requestObject"));
    if (facts != null) {
      b.fieldIfPresent("Image", oneOrList(facts.images()));
      b.field("Privileged", facts.privileged());
      b.fieldIfPresent("HostMount", oneOrList(facts.hostPaths()));
      if (facts.hostPid()) {
        b.field("HostPID", true);
      }
      if (facts.hostNetwork()) {
        b.field("HostNetwork", true);
      }
    }
    String sub = r.path("objectRef").path("subresource").asText("");
    if (sub.equals("exec") || sub.equals("attach")) {
      List<String> command = queryValues(r.path("requestURI").asText(""), "command");
      if (!command.isEmpty()) {
        b.field("CommandLine", String.join(" ", command));
      }
    }
  }

  private static Object oneOrList(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : List.copyOf(values);
  }

  /** The decoded values of a repeated query parameter ({@code command=sh&command=-c}). */
  static List<String> queryValues(String uri, String name) {
    List<String> values = new ArrayList<>();
    int q = uri.indexOf('?');
    if (q < 0) {
      return values;
    }
    for (String pair : uri.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        try {
          values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          values.add(pair.substring(eq + 1)); // a bad %-escape: keep the text as sent
        }
      }
    }
    return values;
  }
}
