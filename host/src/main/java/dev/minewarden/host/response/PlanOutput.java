package dev.minewarden.host.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.minewarden.core.text.TerminalSafeJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.core.text.Sanitize;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a response for people (a numbered plan, for stderr) or as NDJSON objects of their own
 * (nested ECS like the alerts: {@code event.kind: "event"}, {@code event.dataset:
 * "minewarden.response"}, the rest under {@code minewarden.response}), which a consumer of
 * the alert stream tells apart from alerts ({@code event.kind: "alert"}). Attacker text is escaped
 * for terminals in the text form. Thread-safe.
 */
public final class PlanOutput {
  private static final ObjectMapper JSON = TerminalSafeJson.apply(new ObjectMapper());
  private static final int MAX_SHOWN = 160;

  private PlanOutput() {}

  /** Writes the response as text; nothing when the plan is empty. */
  public static void text(Responder.Response r, PrintWriter out) {
    if (r.plan().isEmpty()) {
      return;
    }
    out.println("minewarden response " + r.plan().runId() + (r.applied() ? ": applied"
        : ": dry run, nothing done (--apply acts)"));
    for (ActionResult a : r.results()) {
      Plan.Step s = a.step();
      out.printf("  %-26s %-19s %s%n", s.id(), s.kind().label(), Sanitize.forTerminal(s.target(), MAX_SHOWN));
      out.println("      " + a.outcome() + ": " + Sanitize.forTerminal(a.message(), 2 * MAX_SHOWN)
          + (s.rules().isEmpty() ? "" : "  [" + Sanitize.forTerminal(String.join(", ", s.rules()), MAX_SHOWN) + "]"));
      for (String line : lines(s)) {
        out.println("      - " + Sanitize.forTerminal(line, 2 * MAX_SHOWN));
      }
    }
    for (Plan.Note n : r.plan().leftAlone()) {
      out.println("  left alone: " + Sanitize.forTerminal(n.target(), MAX_SHOWN) + ": " + Sanitize.forTerminal(n.reason(), MAX_SHOWN));
    }
    out.flush();
  }

  @SuppressWarnings("unchecked")
  private static List<String> lines(Plan.Step s) {
    List<String> out = new ArrayList<>();
    Object lines = s.detail().get("lines");
    if (lines instanceof List<?> l) {
      l.forEach(x -> out.add("line: " + x));
    }
    Object advice = s.detail().get("advice");
    if (advice instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    Object members = s.detail().get("members");
    if (members instanceof List<?> l && s.kind() == ActionKind.FREEZE) {
      for (Object m : l) {
        Map<String, Object> mm = (Map<String, Object>) m;
        out.add("pid " + mm.get("pid") + " " + mm.get("image"));
      }
    }
    return out;
  }

  /** Writes one NDJSON object per step and per process left alone. */
  public static void ndjson(Responder.Response r, PrintWriter out) {
    for (ActionResult a : r.results()) {
      out.println(json(object(r, a.step().kind().label(), a.outcome(), a.step().target(), a.message(), a)));
    }
    for (Plan.Note n : r.plan().leftAlone()) {
      out.println(json(object(r, "leave-alone", "skipped", n.target(), n.reason(), null)));
    }
    out.flush();
  }

  /** One object in nested ECS form, as the alerts are written. */
  private static Map<String, Object> object(Responder.Response r, String action, String outcome, String target,
      String message, ActionResult a) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("kind", "event");
    event.put("dataset", "minewarden.response");
    event.put("action", action);
    event.put("outcome", outcome);
    Map<String, Object> resp = new LinkedHashMap<>();
    resp.put("run", r.plan().runId());
    resp.put("dry_run", !r.applied());
    if (a != null) {
      resp.put("id", a.step().id());
      resp.put("rules", a.step().rules());
      resp.put("detail", a.step().detail());
    }
    resp.put("target", target);
    resp.put("message", message);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("@timestamp", Instant.ofEpochMilli(r.plan().timeMillis()).toString());
    root.put("event", event);
    root.put("minewarden", Map.of("response", resp));
    return root;
  }

  private static String json(Map<String, Object> m) {
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response object cannot be written as JSON", e);
    }
  }
}
