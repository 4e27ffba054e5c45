package dev.minewarden.cli;

import dev.minewarden.core.text.Sanitize;
import dev.minewarden.host.proc.ProcFs;
import dev.minewarden.host.response.AuditLog;
import dev.minewarden.host.response.ResponsePolicy;
import dev.minewarden.host.response.Undo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code minewarden undo ID}: reverses a recorded response action ({@code RUN.N}) or every action
 * of a run ({@code RUN}) from the audit log: puts quarantined files back, restores removed cron
 * lines, units and keys and restored files, and lifts firewall blocks and bans. Verifies the log's
 * hash chain first; {@code --list} shows the actions, {@code --verify} only checks the log.
 */
@Command(
    name = "undo",
    mixinStandardHelpOptions = true,
    description = {
      "Undoes a response action or a whole response run.",
      "",
      "Undo a response action (RUN.N) or a whole run (RUN) recorded in the audit",
      "log: put back quarantined files, removed persistence and restored files,",
      "lift firewall blocks and bans. Kills cannot be undone. The audit log's",
      "hash chain is verified first.",
      "",
      "Exit codes: 0 done, 1 the log fails verification or an undo failed, 2 bad usage."
    })
public final class UndoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "ID", description = "The action id (r20250101T120000Z-1a2b.3) or run id to undo.")
  String id;

  @Option(names = "--root", paramLabel = "DIR", description = "Host root the response ran on (default: /).")
  Path root = Path.of("/");

  @Option(names = "--state", paramLabel = "DIR", description = "The response folder (default: /var/lib/minewarden under the root).")
  Path state;

  @Option(names = "--policy", paramLabel = "FILE", description = "The policy the response ran with, when it moved the audit log (paths.audit).")
  Path policyFile;

  @Option(names = "--list", description = "List the recorded actions instead of undoing.")
  boolean list;

  @Option(names = "--verify", description = "Only verify the audit log's hash chain.")
  boolean verify;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AuditLog log = new AuditLog(auditFile());
    AuditLog.Verification v = log.verify();
    if (verify || list) {
      err.println(v.ok() ? "audit log " + log.file() + ": " + v.entries() + " entries, chain intact, head " + v.head()
          : "audit log " + log.file() + ": BROKEN at line " + v.badLine() + ": " + v.reason());
      if (list) {
        list(log.entries(), out);
      }
      err.flush();
      return v.ok() ? 0 : 1;
    }
    if (id == null || id.isBlank()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give the action or run id to undo (see --list)");
    }
    try {
      List<String> done = new Undo(log).undo(id);
      done.forEach(l -> out.println(Sanitize.forTerminal(l, 4096)));
      out.flush();
      return done.stream().anyMatch(l -> l.contains("Exception:") || l.contains("could not")) ? 1 : 0;
    } catch (IllegalStateException e) {
      err.println("minewarden undo: " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  private Path auditFile() throws java.io.IOException {
    if (policyFile != null) {
      Path p = ResponsePolicy.load(policyFile).auditLog();
      if (p != null) {
        return p;
      }
    }
    Path dir = state != null ? state : new ProcFs(root).path("/var/lib/minewarden");
    return dir.resolve("audit.log");
  }

  private static void list(List<Map<String, Object>> entries, PrintWriter out) {
    for (Map<String, Object> e : entries) {
      out.println(Sanitize.forTerminal(e.get("id") + "  " + e.get("action") + "  " + e.get("outcome") + "  "
          + e.get("target") + (e.get("undo") instanceof Map ? "  (undoable)" : ""), 400));
    }
    out.flush();
  }
}
