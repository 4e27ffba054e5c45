package dev.minewarden.host;

import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.host.proc.Lsattr;
import dev.minewarden.host.proc.ProcFs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Persistence and tampering against the baseline in {@link SensorState}: each watched file's size
 * and time are checked every sample and its SHA-256 recomputed only when they move. The first run
 * records the baseline and raises nothing; later runs raise the file's rule for every file
 * created, changed or removed, then take the new content as baseline (one alert per change).
 * Also reads cron entries that download and run a script, and files locked with {@code chattr}.
 * Not thread-safe.
 */
final class FileChecks {
  private static final int HASH_LIMIT = 64 << 20;

  private final ProcFs fs;
  private final SensorConfig config;
  private final Map<String, long[]> lastStat = new HashMap<>();
  private int samples;
  private List<Finding> lockedFindings = new ArrayList<>();

  FileChecks(ProcFs fs, SensorConfig config) {
    this.fs = fs;
    this.config = config;
  }

  List<Finding> check(SensorState state, HostEvents events, long now) {
    List<Finding> out = new ArrayList<>();
    Map<String, RuleInfo> watched = WatchedFiles.list(fs);
    Map<String, SensorState.FileRecord> current = new HashMap<>();
    for (Map.Entry<String, RuleInfo> w : watched.entrySet()) {
      SensorState.FileRecord rec = record(w.getKey(), state.files.get(w.getKey()));
      if (rec == null) {
        continue;
      }
      current.put(w.getKey(), rec);
      SensorState.FileRecord before = state.files.get(w.getKey());
      boolean changed = before == null || !before.sha256().equals(rec.sha256());
      if (state.filesBaselined && changed) {
        // The hash is part of the subject: each new content is its own finding.
        out.add(new Finding(w.getValue(), "file:" + w.getKey() + "@" + rec.sha256(),
            events.file(w.getKey(), now))
            .put("file.path", w.getKey())
            .put("event.reason", before == null ? "created since the baseline" : "changed since the baseline")
            .put("file.hash.sha256", rec.sha256()).put("file.size", rec.size()));
      }
      if (w.getValue() == HostRules.CRON_CHANGE && (changed || !state.filesBaselined)) {
        cronDownloads(w.getKey(), events, now, out);
      }
    }
    if (state.filesBaselined) {
      for (String gone : state.files.keySet()) {
        if (!current.containsKey(gone)) {
          RuleInfo rule = ruleFor(gone);
          out.add(Finding.ofFile(rule, gone, events.file(gone, now), "removed since the baseline"));
        }
      }
    }
    state.files.clear();
    state.files.putAll(current);
    state.filesBaselined = true;
    if (config.checkAttributes() && samples++ % Math.max(1, config.attributeCheckEvery()) == 0) {
      lockedFindings = new ArrayList<>();
      locked(watched, events, now, lockedFindings);
    }
    // A lock lasts until the next attribute check says otherwise.
    out.addAll(lockedFindings);
    return out;
  }

  /** The file's record, reusing the previous hash when size, time and inode did not move. */
  private SensorState.FileRecord record(String hostPath, SensorState.FileRecord before) {
    Path p = fs.path(hostPath);
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      long mtime = a.lastModifiedTime().toMillis();
      long[] stat = {a.size(), mtime, a.fileKey() == null ? 0 : a.fileKey().hashCode()};
      long[] prevStat = lastStat.put(hostPath, stat);
      if (before != null && prevStat != null && java.util.Arrays.equals(prevStat, stat)) {
        return before;
      }
      String hash = a.isSymbolicLink()
          ? sha256(("link:" + Files.readSymbolicLink(p)).getBytes(StandardCharsets.UTF_8))
          : hashFile(p);
      return hash == null ? null : new SensorState.FileRecord(hash, a.size(), mtime);
    } catch (IOException e) {
      fs.deny("watched-file");
      return null;
    }
  }

  private String hashFile(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 << 10];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0 && total < HASH_LIMIT; total += n) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      fs.deny("watched-file");
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private void cronDownloads(String hostPath, HostEvents events, long now, List<Finding> out) {
    String text = fs.readText(fs.path(hostPath), 1 << 20, "watched-file");
    if (text == null) {
      return;
    }
    for (String line : text.split("\n")) {
      if (isDownloadAndRun(line)) {
        out.add(Finding.ofFile(HostRules.CRON_DOWNLOAD, hostPath, events.file(hostPath, now),
            "cron entry downloads and runs a script").put("cron.entry", line.trim()));
        return;
      }
    }
  }

  /**
   * Whether a cron line fetches with curl or wget and pipes the result into a shell. Token checks
   * only, so a hostile line costs linear time.
   */
  static boolean isDownloadAndRun(String line) {
    String l = line.trim().toLowerCase(Locale.ROOT);
    if (l.startsWith("#")) {
      return false;
    }
    int fetch = Math.max(l.indexOf("curl"), l.indexOf("wget"));
    int pipe = l.lastIndexOf('|');
    if (fetch < 0 || pipe < fetch) {
      return false;
    }
    String after = l.substring(pipe + 1).trim();
    int space = after.indexOf(' ');
    String cmd = space < 0 ? after : after.substring(0, space);
    cmd = cmd.substring(cmd.lastIndexOf('/') + 1);
    return cmd.equals("sh") || cmd.equals("bash") || cmd.equals("dash") || cmd.equals("zsh")
        || cmd.equals("python") || cmd.equals("python3") || cmd.equals("perl");
  }

  private void locked(Map<String, RuleInfo> watched, HostEvents events, long now, List<Finding> out) {
    List<Path> paths = new ArrayList<>();
    Map<String, String> hostPathOf = new HashMap<>();
    for (String hp : watched.keySet()) {
      Path p = fs.path(hp);
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        paths.add(p);
        hostPathOf.put(p.toString(), hp);
      }
    }
    Lsattr.read(paths).forEach((path, flags) -> {
      String hp = hostPathOf.get(path);
      if (hp != null && Lsattr.isLocked(flags)) {
        out.add(Finding.ofFile(HostRules.IMMUTABLE, hp, events.file(hp, now),
            "attributes " + flags + ": the file cannot be changed or removed, even by root, until chattr -i/-a")
            .put("file.attributes", flags));
      }
    });
  }

  private static RuleInfo ruleFor(String hostPath) {
    if (hostPath.contains("cron")) {
      return HostRules.CRON_CHANGE;
    }
    if (hostPath.contains("systemd")) {
      return HostRules.SYSTEMD_CHANGE;
    }
    if (hostPath.contains("authorized_keys")) {
      return HostRules.SSH_KEY_CHANGE;
    }
    if (hostPath.equals("/etc/ld.so.preload")) {
      return HostRules.PRELOAD_CHANGE;
    }
    if (hostPath.equals("/etc/hosts") || hostPath.equals("/etc/resolv.conf")) {
      return HostRules.DNS_CHANGE;
    }
    return hostPath.contains("sshd_config") ? HostRules.SSHD_CONFIG_CHANGE : HostRules.RC_CHANGE;
  }
}
