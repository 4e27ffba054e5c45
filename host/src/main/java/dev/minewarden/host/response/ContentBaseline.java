package dev.minewarden.host.response;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.host.proc.Passwd;
import dev.minewarden.host.proc.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The contents of the files the response can repair, as they were when the baseline was taken:
 * cron tables and scripts, systemd units and timers, every user's {@code authorized_keys}, and
 * {@code /etc/ld.so.preload}, {@code /etc/hosts} and {@code /etc/resolv.conf}. The sensor's own
 * baseline keeps hashes only; repairing needs the lines. Kept as {@code response-baseline.json}
 * in the response folder, taken the first time and then kept, so that lines added later show as
 * added. Not thread-safe.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@JsonIgnoreProperties(ignoreUnknown = true)
final class ContentBaseline {
  static final String FILE_NAME = "response-baseline.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Larger files keep only their hash. */
  private static final int MAX_CONTENT = 256 << 10;

  /** What kind of file a path is, which decides how it is repaired. */
  enum Kind {
    /** A cron table: repaired line by line. */
    CRON,
    /** A script in /etc/cron.hourly and the like: removed whole when added. */
    CRON_SCRIPT,
    /** A systemd unit or timer: removed whole when added. */
    UNIT,
    /** An authorized_keys file: repaired line by line. */
    KEYS,
    /** ld.so.preload, hosts, resolv.conf: restored whole. */
    TAMPER
  }

  static final List<String> TAMPER_FILES = List.of("/etc/ld.so.preload", "/etc/hosts", "/etc/resolv.conf");
  private static final List<String> CRON_TABLE_DIRS = List.of("/etc/cron.d", "/var/spool/cron",
      "/var/spool/cron/crontabs");
  private static final List<String> CRON_SCRIPT_DIRS = List.of("/etc/cron.hourly", "/etc/cron.daily",
      "/etc/cron.weekly", "/etc/cron.monthly");
  private static final List<String> UNIT_DIRS = List.of("/etc/systemd/system", "/etc/systemd/user",
      "/usr/lib/systemd/system", "/lib/systemd/system", "/usr/local/lib/systemd/system");

  long timeMillis;
  Map<String, Entry> files = new TreeMap<>();

  /**
   * One file.
   *
   * @param kind {@code file} or {@code link}
   * @param sha256 the content hash (of the target text for links)
   * @param content the content in base64, or {@code null} when too large
   * @param mode the permissions ({@code rw-r--r--}), or {@code null}
   * @param target a link's target, or {@code null}
   */
  record Entry(String kind, String sha256, String content, String mode, String target) {
    byte[] bytes() {
      return content == null ? null : Base64.getDecoder().decode(content);
    }
  }

  /** The files in scope that exist now under the root, by host path, with their kind. */
  static Map<String, Kind> list(ProcFs fs) {
    Map<String, Kind> out = new TreeMap<>();
    file(fs, out, "/etc/crontab", Kind.CRON);
    CRON_TABLE_DIRS.forEach(d -> dir(fs, out, d, Kind.CRON, 1));
    CRON_SCRIPT_DIRS.forEach(d -> dir(fs, out, d, Kind.CRON_SCRIPT, 1));
    for (String d : UNIT_DIRS) {
      if (!(d.startsWith("/lib/") && Files.isSymbolicLink(fs.path("/lib")))) {
        dir(fs, out, d, Kind.UNIT, 1);
      }
    }
    for (String home : homes(fs)) {
      file(fs, out, home + "/.ssh/authorized_keys", Kind.KEYS);
      file(fs, out, home + "/.ssh/authorized_keys2", Kind.KEYS);
      dir(fs, out, home + "/.config/systemd/user", Kind.UNIT, 1);
    }
    TAMPER_FILES.forEach(f -> file(fs, out, f, Kind.TAMPER));
    return out;
  }

  /** Every home directory in the root's {@code /etc/passwd}, plus {@code /root}, without a trailing slash. */
  static Set<String> homes(ProcFs fs) {
    Set<String> homes = new LinkedHashSet<>();
    homes.add("/root");
    for (Passwd.Account a : Passwd.parse(fs.readText(fs.path("/etc/passwd"), 4 << 20, "passwd"))) {
      String h = a.home().endsWith("/") ? a.home().substring(0, a.home().length() - 1) : a.home();
      if (h.startsWith("/") && h.length() > 1 && !h.startsWith("/proc") && !h.equals("/nonexistent")
          && !h.contains("/../")) {
        homes.add(h);
      }
    }
    return homes;
  }

  /** The kind of a host path by where it lies, or {@code null} when it is out of scope. */
  static Kind kindOf(String hostPath) {
    if (TAMPER_FILES.contains(hostPath)) {
      return Kind.TAMPER;
    }
    if (hostPath.endsWith("/authorized_keys") || hostPath.endsWith("/authorized_keys2")) {
      return Kind.KEYS;
    }
    if (hostPath.endsWith(".service") || hostPath.endsWith(".timer")) {
      return Kind.UNIT;
    }
    if (CRON_SCRIPT_DIRS.stream().anyMatch(d -> hostPath.startsWith(d + "/"))) {
      return Kind.CRON_SCRIPT;
    }
    return hostPath.equals("/etc/crontab") || CRON_TABLE_DIRS.stream().anyMatch(d -> hostPath.startsWith(d + "/"))
        ? Kind.CRON : null;
  }

  /** Takes a baseline of everything in scope now. */
  static ContentBaseline capture(ProcFs fs, long nowMillis) {
    ContentBaseline b = new ContentBaseline();
    b.timeMillis = nowMillis;
    for (String hp : list(fs).keySet()) {
      Entry e = read(fs.path(hp));
      if (e != null) {
        b.files.put(hp, e);
      }
    }
    return b;
  }

  /** Reads one file as a baseline entry, or {@code null} when it is missing or unreadable. */
  static Entry read(Path p) {
    try {
      if (Files.isSymbolicLink(p)) {
        String target = Files.readSymbolicLink(p).toString();
        return new Entry("link", Hashing.sha256("link:" + target), null, null, target);
      }
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      String mode = mode(p);
      if (Files.size(p) > MAX_CONTENT) {
        return new Entry("file", Hashing.sha256(p), null, mode, null);
      }
      byte[] b = Files.readAllBytes(p);
      return new Entry("file", Hashing.sha256(b), Base64.getEncoder().encodeToString(b), mode, null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static String mode(Path p) {
    try {
      PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return PosixFilePermissions.toString(a.permissions());
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Loads the baseline in a folder, or {@code null} when there is none or it is unreadable. */
  static ContentBaseline load(Path dir) {
    Path f = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      return JSON.readValue(f.toFile(), ContentBaseline.class);
    } catch (IOException e) {
      return null;
    }
  }

  /** Saves the baseline into a folder (created when missing), atomically. */
  void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void file(ProcFs fs, Map<String, Kind> out, String hostPath, Kind kind) {
    Path p = fs.path(hostPath);
    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) {
      out.putIfAbsent(hostPath, kind);
    }
  }

  private static void dir(ProcFs fs, Map<String, Kind> out, String hostDir, Kind kind, int depth) {
    Path d = fs.path(hostDir);
    if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (String name : fs.listNames(d, "watched-dir")) {
      Path p = d.resolve(name);
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || name.startsWith(".")) {
        continue;
      }
      if (kind != Kind.UNIT || name.endsWith(".service") || name.endsWith(".timer")) {
        out.putIfAbsent(hostDir + "/" + name, kind);
      }
    }
  }
}
