package dev.minewarden.cli;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.host.response.PlanOutput;
import dev.minewarden.host.response.Responder;
import dev.minewarden.host.response.ResponsePolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The response options {@code scan} and {@code agent} share: {@code --respond} plans (a dry run
 * unless {@code --apply}), {@code --policy FILE} replaces the built-in policy, {@code
 * --plan-format} prints the plan as text on stderr or as NDJSON objects on stdout. Not
 * thread-safe.
 */
final class ResponseOptions {
  @Option(names = "--respond", description = "Plan a response to the alerts: stop the miner's whole tree, remove its persistence, block its pool, ban brute-forcers (a dry run unless --apply). See docs/response.md.")
  boolean respond;

  @Option(names = "--apply", description = "With --respond: carry the plan out, recording each action in the audit log (minewarden undo ID reverses it).")
  boolean apply;

  @Option(names = "--policy", paramLabel = "FILE", description = "With --respond: the response policy (YAML; default: the built-in one).")
  Path policyFile;

  @Option(names = "--plan-format", paramLabel = "FORMAT", description = "With --respond: text (default, on stderr) or ndjson (objects of their own on stdout, event.kind \"event\").")
  String planFormat = "text";

  private Responder responder;

  /** Checks the options and builds the responder when {@code --respond} is given (takes the baseline). */
  void start(CommandLine cmd, Path root, Path dir) throws IOException {
    if (!respond) {
      if (apply || policyFile != null) {
        throw new ParameterException(cmd, "--apply and --policy need --respond");
      }
      return;
    }
    if (!planFormat.equals("text") && !planFormat.equals("ndjson")) {
      throw new ParameterException(cmd, "--plan-format must be text or ndjson, not '" + planFormat + "'");
    }
    ResponsePolicy policy;
    try {
      policy = policyFile == null ? ResponsePolicy.defaults() : ResponsePolicy.load(policyFile);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cmd, "--policy: " + e.getMessage());
    }
    responder = Responder.builder().root(root).dir(dir).policy(apply ? policy.withApply(true) : policy).build();
  }

  /** Responds to the alerts (nothing without {@code --respond}) and prints the plan. */
  void handle(List<Alert> alerts, PrintWriter out, PrintWriter err) {
    if (responder == null || alerts.isEmpty()) {
      return;
    }
    Responder.Response r = responder.respond(alerts);
    if (planFormat.equals("ndjson")) {
      PlanOutput.ndjson(r, out);
    } else {
      PlanOutput.text(r, err);
    }
  }
}
