package dev.minewarden.host.response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out a plan step by step, in its order, and records each step in the audit log with
 * what undo needs. A step that fails is recorded and the rest still run: a miner whose cron line
 * could not be removed must still be killed. Not thread-safe.
 */
final class Executor {
  private final Host host;
  private final ResponsePolicy policy;
  private final ContentBaseline baseline;
  private final Bans bans;
  private final AuditLog audit;
  private final ProcessActions processes;
  private final FileActions files;
  private final NetworkActions network;

  Executor(Host host, ResponsePolicy policy, ContentBaseline baseline, Bans bans, AuditLog audit) {
    this.host = host;
    this.policy = policy;
    this.baseline = baseline;
    this.bans = bans;
    this.audit = audit;
    this.processes = new ProcessActions(host, policy);
    this.files = new FileActions(host, baseline);
    this.network = new NetworkActions(host, policy, bans);
  }

  /** Runs every step and returns the results in order. */
  List<ActionResult> execute(Plan plan) throws IOException {
    List<ActionResult> out = new ArrayList<>();
    for (Plan.Step s : plan.steps()) {
      ActionResult o;
      try {
        o = run(s);
      } catch (IOException | RuntimeException e) {
        o = ActionResult.failure(s, e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      out.add(o);
      record(plan, o);
    }
    if (baseline != null) {
      // What the response itself changed is the new normal for those files.
      files.refreshBaseline(out);
    }
    return out;
  }

  private ActionResult run(Plan.Step s) throws IOException {
    return switch (s.kind()) {
      case FREEZE -> processes.freeze(s);
      case KILL -> processes.kill(s);
      case QUARANTINE -> files.quarantine(s, processes);
      case REMOVE_PERSISTENCE -> files.removePersistence(s);
      case RESTORE_FILE -> files.restore(s);
      case BLOCK_EGRESS -> network.block(s);
      case BAN_SOURCE -> network.ban(s);
      case ROTATE_CREDENTIALS -> ActionResult.of(s, "advice", String.join("; ", advice(s)), null);
    };
  }

  @SuppressWarnings("unchecked")
  private static List<String> advice(Plan.Step s) {
    return (List<String>) s.detail().getOrDefault("advice", List.of());
  }

  private void record(Plan plan, ActionResult o) throws IOException {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("time", java.time.Instant.now().toString());
    e.put("run", plan.runId());
    e.put("id", o.step().id());
    e.put("action", o.step().kind().label());
    e.put("target", o.step().target());
    e.put("rules", o.step().rules());
    e.put("outcome", o.outcome());
    e.put("message", o.message());
    e.put("detail", o.step().detail());
    if (o.undo() != null) {
      e.put("undo", o.undo());
    }
    audit.append(e);
  }
}
