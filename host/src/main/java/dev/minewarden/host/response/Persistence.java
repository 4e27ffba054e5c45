package dev.minewarden.host.response;

import dev.minewarden.host.proc.ProcFs;
import dev.minewarden.host.proc.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds and removes the persistence an infection left: cron lines and {@code authorized_keys}
 * lines added since the content baseline, cron scripts and systemd units or timers created since
 * then (with their {@code .wants} links), and without a baseline the cron lines and units that
 * name the infection's executables or download and run a script. Every file is backed up before it
 * changes and its lock cleared first. Not thread-safe.
 */
final class Persistence {
  private static final int MAX_READ = 1 << 20;

  private Persistence() {}

  /**
   * One repair.
   *
   * @param hostPath the file, as a host path
   * @param kind the kind of file
   * @param lines the lines to remove (each once); empty when the whole file goes
   * @param links {@code .wants}/{@code .requires} links (host paths) that go with a removed unit
   * @param reason why, for plans
   */
  record Item(String hostPath, ContentBaseline.Kind kind, List<String> lines, List<String> links, String reason) {
    boolean wholeFile() {
      return lines.isEmpty();
    }
  }

  /** The repairs to make now under the root, given the baseline (nullable) and the infection's images. */
  static List<Item> find(ProcFs fs, ContentBaseline baseline, Set<String> images) {
    List<Item> out = new ArrayList<>();
    for (Map.Entry<String, ContentBaseline.Kind> f : ContentBaseline.list(fs).entrySet()) {
      String hp = f.getKey();
      ContentBaseline.Entry before = baseline == null ? null : baseline.files.get(hp);
      boolean isNew = baseline != null && before == null;
      Item item = switch (f.getValue()) {
        case CRON, KEYS -> lines(fs, hp, f.getValue(), baseline, before, images);
        case CRON_SCRIPT -> wholeIf(fs, hp, f.getValue(), isNew, images, List.of());
        case UNIT -> wholeIf(fs, hp, f.getValue(), isNew, images, wantsLinks(fs, hp));
        case TAMPER -> null;
      };
      if (item != null) {
        out.add(item);
      }
    }
    return out;
  }

  private static Item lines(ProcFs fs, String hp, ContentBaseline.Kind kind, ContentBaseline baseline,
      ContentBaseline.Entry before, Set<String> images) {
    String text = fs.readText(fs.path(hp), MAX_READ, "persistence");
    if (text == null) {
      return null;
    }
    Map<String, Integer> old = new HashMap<>();
    if (before != null && before.content() != null) {
      for (String l : new String(before.bytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        old.merge(l, 1, Integer::sum);
      }
    }
    boolean diff = baseline != null && (before == null || before.content() != null);
    boolean wholeNewCronD = diff && before == null && hp.startsWith("/etc/cron.d/");
    List<String> remove = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (String l : text.split("\n", -1)) {
      String t = l.trim();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      boolean added = diff && old.merge(l, -1, Integer::sum) < 0;
      // With a baseline, a download-and-run line it already held stays (the admin's); added ones go.
      boolean named = kind == ContentBaseline.Kind.CRON && (names(l, images) || (!diff && isDownloadAndRun(l)));
      if (added || named) {
        remove.add(l);
        reasons.add(added ? "added since the baseline" : "names the infection or downloads and runs a script");
      }
    }
    if (remove.isEmpty()) {
      return null;
    }
    String why = remove.size() + (remove.size() == 1 ? " line " : " lines ") + reasons.get(0);
    return wholeNewCronD ? new Item(hp, kind, List.of(), List.of(), "file created since the baseline")
        : new Item(hp, kind, remove, List.of(), why);
  }

  private static Item wholeIf(ProcFs fs, String hp, ContentBaseline.Kind kind, boolean isNew,
      Set<String> images, List<String> links) {
    boolean named = false;
    if (!isNew) {
      String text = fs.readText(fs.path(hp), MAX_READ, "persistence");
      named = text != null && names(text, images);
    }
    if (!isNew && !named) {
      return null;
    }
    String what = kind == ContentBaseline.Kind.UNIT ? "unit" : "cron script";
    return new Item(hp, kind, List.of(), links,
        what + (isNew ? " created since the baseline" : " names the infection's executable"));
  }

  /** Links in the unit folders' {@code *.wants}/{@code *.requires} folders named like the unit. */
  private static List<String> wantsLinks(ProcFs fs, String unitHostPath) {
    String name = Text.basename(unitHostPath);
    String dir = unitHostPath.substring(0, unitHostPath.length() - name.length() - 1);
    List<String> out = new ArrayList<>();
    for (String sub : fs.listNames(fs.path(dir), "watched-dir")) {
      if (sub.endsWith(".wants") || sub.endsWith(".requires")) {
        String link = dir + "/" + sub + "/" + name;
        if (Files.isSymbolicLink(fs.path(link))) {
          out.add(link);
        }
      }
    }
    return out;
  }

  /** Whether text names one of the images by full path, or by a distinctive base name. */
  static boolean names(String text, Set<String> images) {
    for (String img : images) {
      String base = Text.basename(img);
      if (text.contains(img) || (base.length() >= 5 && text.contains(base))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a cron line fetches with curl or wget and pipes it into a shell or interpreter. */
  static boolean isDownloadAndRun(String line) {
    String l = line.trim().toLowerCase(Locale.ROOT);
    int fetch = Math.max(l.indexOf("curl"), l.indexOf("wget"));
    int pipe = l.lastIndexOf('|');
    if (fetch < 0 || pipe < fetch) {
      return false;
    }
    String after = l.substring(pipe + 1).trim();
    int space = after.indexOf(' ');
    String cmd = Text.basename(space < 0 ? after : after.substring(0, space));
    return Images.isInterpreter(cmd);
  }

  /**
   * Makes one repair: unlocks, backs up, then removes the lines or the file and its links.
   *
   * @return what undo needs: the file, its backup, the removed links and their targets, the
   *     content hash after the change (absent when the file was removed), the paths unlocked
   */
  static Map<String, Object> apply(Item item, ProcFs fs, Path backupDir, FileEdits edits) throws IOException {
    Path file = fs.path(item.hostPath());
    Map<String, Object> undo = new LinkedHashMap<>();
    undo.put("file", file.toString());
    undo.put("unlocked", edits.unlock(file));
    Path backup = FileEdits.backup(file, backupDir);
    undo.put("backup", backup.toString());
    if (item.wholeFile()) {
      Files.delete(file);
      List<Map<String, String>> links = new ArrayList<>();
      for (String l : item.links()) {
        Path lp = fs.path(l);
        if (Files.isSymbolicLink(lp)) {
          links.add(Map.of("path", lp.toString(), "target", Files.readSymbolicLink(lp).toString()));
          Files.delete(lp);
        }
      }
      undo.put("links", links);
    } else {
      byte[] after = without(Files.readAllBytes(file), item.lines());
      FileEdits.write(file, after, null);
      undo.put("sha256After", Hashing.sha256(after));
    }
    return undo;
  }

  /** The content with each of the lines removed once (matching whole lines). */
  static byte[] without(byte[] content, List<String> lines) {
    Map<String, Integer> left = new HashMap<>();
    lines.forEach(l -> left.merge(l, 1, Integer::sum));
    String text = new String(content, StandardCharsets.UTF_8);
    String[] parts = text.split("\n", -1);
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < parts.length; i++) {
      Integer n = left.get(parts[i]);
      if (n != null && n > 0) {
        left.put(parts[i], n - 1);
        continue;
      }
      sb.append(parts[i]);
      if (i < parts.length - 1) {
        sb.append('\n');
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reverses a repair: puts the backup back when the file is as the repair left it (or gone),
   * else appends the removed lines so later edits survive; recreates removed links.
   *
   * @return what was done, for the audit log
   */
  @SuppressWarnings("unchecked")
  static String undo(Map<String, Object> data, List<String> removedLines) throws IOException {
    Path file = Path.of((String) data.get("file"));
    Path backup = Path.of((String) data.get("backup"));
    String after = (String) data.get("sha256After");
    boolean untouched = !Files.exists(file, LinkOption.NOFOLLOW_LINKS)
        || (after != null && after.equals(Hashing.sha256(file)));
    String done;
    if (untouched) {
      FileEdits.write(file, Files.readAllBytes(backup), ContentBaseline.mode(backup));
      done = "restored " + file + " from its backup";
    } else {
      StringBuilder sb = new StringBuilder(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
        sb.append('\n');
      }
      removedLines.forEach(l -> sb.append(l).append('\n'));
      FileEdits.write(file, sb.toString().getBytes(StandardCharsets.UTF_8), null);
      done = "file changed since; appended the " + removedLines.size() + " removed lines to " + file;
    }
    for (Map<String, String> l : (List<Map<String, String>>) data.getOrDefault("links", List.of())) {
      Path lp = Path.of(l.get("path"));
      if (!Files.exists(lp, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(lp.getParent());
        Files.createSymbolicLink(lp, Path.of(l.get("target")));
      }
    }
    return done;
  }
}
