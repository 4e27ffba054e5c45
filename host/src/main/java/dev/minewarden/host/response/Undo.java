package dev.minewarden.host.response;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Undoes recorded actions: puts quarantined files back, restores removed persistence and
 * tampered files from their backups, and takes addresses out of the firewall and the sinkholes.
 * Kills cannot be undone. The audit log is verified first, and each undo is appended to it.
 */
public final class Undo {
  private final AuditLog log;

  /** Undoes actions recorded in this log. */
  public Undo(AuditLog log) {
    this.log = log;
  }

  /**
   * Undoes one action ({@code RUN.N}) or every undoable action of a run ({@code RUN}), newest
   * first.
   *
   * @return one line per action saying what was done
   * @throws IllegalStateException when the audit log fails verification
   * @throws IllegalArgumentException when no recorded action has that id
   */
  @SuppressWarnings("unchecked")
  public List<String> undo(String id) throws IOException {
    AuditLog.Verification v = log.verify();
    if (!v.ok()) {
      throw new IllegalStateException("the audit log " + log.file() + " fails verification at line "
          + v.badLine() + " (" + v.reason() + "); refusing to undo from it");
    }
    List<Map<String, Object>> entries = log.entries();
    Set<String> undone = new HashSet<>();
    for (Map<String, Object> e : entries) {
      if ("undo".equals(e.get("action"))) {
        undone.add(String.valueOf(e.get("target")));
      }
    }
    List<Map<String, Object>> targets = new ArrayList<>();
    for (Map<String, Object> e : entries) {
      if (!"undo".equals(e.get("action")) && (id.equals(e.get("id")) || id.equals(e.get("run")))) {
        targets.add(e);
      }
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no action or run '" + id + "' in " + log.file());
    }
    List<String> out = new ArrayList<>();
    for (int i = targets.size() - 1; i >= 0; i--) {
      Map<String, Object> e = targets.get(i);
      String actionId = String.valueOf(e.get("id"));
      String label = actionId + " " + e.get("action") + ": ";
      if (undone.contains(actionId)) {
        out.add(label + "already undone");
        continue;
      }
      if (!(e.get("undo") instanceof Map)) {
        out.add(label + "cannot be undone (" + e.get("outcome") + ")");
        continue;
      }
      String outcome = "success";
      String msg;
      try {
        msg = undoOne(e, (Map<String, Object>) e.get("undo"));
      } catch (IOException | RuntimeException ex) {
        outcome = "failure";
        msg = ex.getClass().getSimpleName() + ": " + ex.getMessage();
      }
      Map<String, Object> rec = new LinkedHashMap<>();
      rec.put("time", Instant.now().toString());
      rec.put("run", e.get("run"));
      rec.put("id", actionId + ".undo");
      rec.put("action", "undo");
      rec.put("target", actionId);
      rec.put("outcome", outcome);
      rec.put("message", msg);
      log.append(rec);
      out.add(label + msg);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static String undoOne(Map<String, Object> e, Map<String, Object> undo) throws IOException {
    String action = String.valueOf(e.get("action"));
    Map<String, Object> detail = e.get("detail") instanceof Map ? (Map<String, Object>) e.get("detail") : Map.of();
    return switch (action) {
      case "remove-persistence" -> Persistence.undo(undo,
          (List<String>) undo.getOrDefault("lines", detail.getOrDefault("lines", List.of())));
      case "restore-files" -> FileActions.undoRestore(undo);
      case "quarantine" -> FileActions.undoQuarantine(undo);
      case "block-egress" -> NetworkActions.undoBlock(String.valueOf(e.get("id")), undo);
      case "ban-source" -> NetworkActions.undoBan(undo);
      default -> "cannot be undone";
    };
  }
}
