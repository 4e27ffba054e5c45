package dev.minewarden.host.response;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.host.proc.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file-side actions: quarantining executables and scripts, removing persistence, restoring
 * tampered files from the baseline. Each clears chattr locks first and backs up what it changes.
 * Not thread-safe.
 */
final class FileActions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Host host;
  private final ContentBaseline baseline;
  private final FileEdits edits;

  FileActions(Host host, ContentBaseline baseline) {
    this.host = host;
    this.baseline = baseline;
    this.edits = new FileEdits(host.local());
  }

  /**
   * Moves a dropped executable or script into {@code quarantine/<action id>/<sha256>.bin},
   * readable by its owner only and never executable, with {@code <sha256>.json} beside it holding
   * the original path, size, permissions, owner and times. A deleted executable is saved from the
   * running process ({@code /proc/<pid>/exe}) while the tree is frozen.
   */
  ActionResult quarantine(Plan.Step s, ProcessActions processes) throws IOException {
    int pid = ((Number) s.detail().get("pid")).intValue();
    long start = ((Number) s.detail().get("startTicks")).longValue();
    String image = (String) s.detail().get("path");
    boolean viaProc = Boolean.TRUE.equals(s.detail().get("viaProc"));
    Path original = host.procReported(image);
    Path source = original;
    boolean deleted = Boolean.TRUE.equals(s.detail().get("deleted"));
    if (viaProc && host.liveProc()) {
      if (processes.control().startTicks(pid) == start) {
        source = host.fs().pid(pid, "exe");
      } else if (deleted) {
        return ActionResult.skipped(s, "pid " + pid + " is gone and its executable was deleted: nothing to save");
      }
      // Otherwise the process exited (a short-lived child): the file on disk is what is saved.
    }
    if (!Files.exists(source)) {
      return ActionResult.skipped(s, "nothing to quarantine: " + image + " is gone");
    }
    Path dir = host.quarantine().resolve(s.id());
    Files.createDirectories(dir);
    Path tmp = dir.resolve("incoming.tmp");
    Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
    String sha = Hashing.sha256(tmp);
    Path stored = dir.resolve(sha + ".bin");
    Files.move(tmp, stored, StandardCopyOption.REPLACE_EXISTING);
    setMode(stored, "r--------");
    Map<String, Object> meta = metadata(original, stored, sha, pid);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(sha + ".json").toFile(), meta);
    setMode(dir.resolve(sha + ".json"), "rw-------");
    String removed = "";
    if (Files.isRegularFile(original, LinkOption.NOFOLLOW_LINKS)) {
      if (sha.equals(Hashing.sha256(original))) {
        edits.unlock(original);
        Files.delete(original);
        removed = "; removed " + original;
      } else {
        removed = "; " + original + " now holds other content: left in place";
      }
    }
    Map<String, Object> undo = new LinkedHashMap<>(meta);
    undo.put("restorable", !removed.isEmpty() && removed.startsWith("; removed"));
    return ActionResult.of(s, "success", "stored " + Text.basename(image) + " as " + stored + " (sha256 " + sha + ")"
        + removed, undo);
  }

  private static Map<String, Object> metadata(Path original, Path stored, String sha, int pid) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("original", original.toString());
    m.put("stored", stored.toString());
    m.put("sha256", sha);
    m.put("size", Files.size(stored));
    m.put("pid", pid);
    m.put("quarantinedAt", Instant.now().toString());
    if (Files.isRegularFile(original, LinkOption.NOFOLLOW_LINKS)) {
      PosixFileAttributes a = Files.readAttributes(original, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      m.put("mode", PosixFilePermissions.toString(a.permissions()));
      m.put("owner", a.owner().getName());
      m.put("group", a.group().getName());
      m.put("modified", a.lastModifiedTime().toString());
    }
    return m;
  }

  /** Removes one persistence item; on the live host root, stops a unit first and reloads systemd after. */
  @SuppressWarnings("unchecked")
  ActionResult removePersistence(Plan.Step s) throws IOException {
    String hp = (String) s.detail().get("path");
    ContentBaseline.Kind kind = ContentBaseline.Kind.valueOf((String) s.detail().get("kind"));
    Persistence.Item item = new Persistence.Item(hp, kind, (List<String>) s.detail().get("lines"),
        (List<String>) s.detail().get("links"), s.reason());
    if (!Files.exists(host.fs().path(hp), LinkOption.NOFOLLOW_LINKS)) {
      return ActionResult.skipped(s, hp + " is gone");
    }
    boolean systemd = kind == ContentBaseline.Kind.UNIT && host.hostRoot() && CommandRunner.onPath("systemctl");
    String unit = Text.basename(hp);
    if (systemd && isUnitName(unit)) {
      host.local().run(List.of("systemctl", "stop", "--no-block", "--", unit));
    }
    Map<String, Object> undo = Persistence.apply(item, host.fs(), host.backups().resolve(s.id()), edits);
    if (systemd) {
      host.local().run(List.of("systemctl", "daemon-reload"));
    }
    undo.put("lines", item.lines());
    String what = item.wholeFile() ? "removed " + hp + (item.links().isEmpty() ? "" : " and " + item.links().size() + " links")
        : "removed " + item.lines().size() + " line(s) from " + hp;
    List<String> unlocked = (List<String>) undo.get("unlocked");
    return ActionResult.of(s, "success", what + (unlocked.isEmpty() ? "" : "; cleared chattr lock on " + unlocked)
        + "; backup " + undo.get("backup"), undo);
  }

  /** Puts a tampered file back as the baseline has it (removing it when the baseline had none). */
  ActionResult restore(Plan.Step s) throws IOException {
    String hp = (String) s.detail().get("path");
    if (baseline == null) {
      return ActionResult.skipped(s, "no baseline");
    }
    Path file = host.fs().path(hp);
    ContentBaseline.Entry before = baseline.files.get(hp);
    Map<String, Object> undo = new LinkedHashMap<>();
    undo.put("file", file.toString());
    undo.put("unlocked", edits.unlock(file));
    boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    undo.put("backup", existed ? FileEdits.backup(file, host.backups().resolve(s.id())).toString() : null);
    if (before == null) {
      Files.deleteIfExists(file);
      return ActionResult.of(s, "success", "removed " + hp + " (absent in the baseline)", undo);
    }
    if (before.target() != null) {
      Files.deleteIfExists(file);
      Files.createSymbolicLink(file, Path.of(before.target()));
    } else {
      FileEdits.write(file, before.bytes(), before.mode());
    }
    return ActionResult.of(s, "success", "restored " + hp + " from the baseline", undo);
  }

  /** Takes what the response changed as the baseline for those files, so undo and later runs agree. */
  void refreshBaseline(List<ActionResult> results) throws IOException {
    boolean changed = false;
    for (ActionResult r : results) {
      if (r.succeeded() && (r.step().kind() == ActionKind.REMOVE_PERSISTENCE || r.step().kind() == ActionKind.RESTORE_FILE)) {
        String hp = (String) r.step().detail().get("path");
        ContentBaseline.Entry now = ContentBaseline.read(host.fs().path(hp));
        if (now == null) {
          baseline.files.remove(hp);
        } else {
          baseline.files.put(hp, now);
        }
        changed = true;
      }
    }
    if (changed) {
      baseline.save(host.dir());
    }
  }

  /** Undoes a quarantine: puts the file back at its original path with its permissions. */
  static String undoQuarantine(Map<String, Object> undo) throws IOException {
    Path original = Path.of((String) undo.get("original"));
    Path stored = Path.of((String) undo.get("stored"));
    if (!Boolean.TRUE.equals(undo.get("restorable"))) {
      return "kept in quarantine: the original path was not removed by the action";
    }
    if (Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
      return "not restored: " + original + " exists again";
    }
    Files.createDirectories(original.getParent());
    Files.copy(stored, original);
    Object mode = undo.get("mode");
    if (mode instanceof String m) {
      setMode(original, m);
    }
    return "restored " + original + " from quarantine";
  }

  /** Undoes a restore: puts the file as it was before (or removes it when there was none). */
  static String undoRestore(Map<String, Object> undo) throws IOException {
    Path file = Path.of((String) undo.get("file"));
    Object backup = undo.get("backup");
    if (backup == null) {
      Files.deleteIfExists(file);
      return "removed " + file + " (it did not exist before the restore)";
    }
    Path b = Path.of((String) backup);
    if (Files.isSymbolicLink(b)) {
      Files.deleteIfExists(file);
      Files.createSymbolicLink(file, Files.readSymbolicLink(b));
    } else {
      FileEdits.write(file, Files.readAllBytes(b), ContentBaseline.mode(b));
    }
    return "put back " + file + " as it was before the restore";
  }

  private static void setMode(Path p, String mode) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the quarantine folder's own permissions must do.
    }
  }

  /** Whether a unit file name is plain enough to hand to systemctl. */
  static boolean isUnitName(String name) {
    return name != null && name.length() <= 255 && !name.startsWith("-") && name.chars().allMatch(c ->
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ":_.@-\\".indexOf(c) >= 0);
  }
}
