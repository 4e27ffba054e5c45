package dev.minewarden.host;

import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.host.proc.Passwd;
import dev.minewarden.host.proc.ProcFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files attackers use for persistence and DNS tampering, each with the rule a change raises:
 * cron spools and {@code /etc/cron*}, systemd units and timers, every user's {@code
 * authorized_keys}, {@code rc.local} and shell start-up files, {@code /etc/ld.so.preload}, {@code
 * /etc/hosts}, {@code /etc/resolv.conf} and the sshd configuration. Lists present files only.
 */
final class WatchedFiles {
  private static final List<String> CRON_DIRS = List.of("/etc/cron.d", "/etc/cron.hourly",
      "/etc/cron.daily", "/etc/cron.weekly", "/etc/cron.monthly", "/var/spool/cron",
      "/var/spool/cron/crontabs");
  private static final List<String> SYSTEMD_DIRS = List.of("/etc/systemd/system",
      "/etc/systemd/user", "/run/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system",
      "/usr/local/lib/systemd/system");
  private static final List<String> SYSTEM_RC = List.of("/etc/rc.local", "/etc/rc.d/rc.local",
      "/etc/profile", "/etc/bash.bashrc", "/etc/bashrc", "/etc/zsh/zshrc", "/etc/zshrc");
  private static final List<String> USER_RC = List.of(".bashrc", ".bash_profile", ".bash_login",
      ".profile", ".bash_logout", ".zshrc");
  private static final Set<String> UNIT_SUFFIXES = Set.of(".service", ".timer", ".socket", ".path");

  private WatchedFiles() {}

  /** The watched files present under the root, by host path, with the rule a change raises. */
  static Map<String, RuleInfo> list(ProcFs fs) {
    Map<String, RuleInfo> out = new TreeMap<>();
    addFile(fs, out, "/etc/crontab", HostRules.CRON_CHANGE);
    addFile(fs, out, "/etc/anacrontab", HostRules.CRON_CHANGE);
    CRON_DIRS.forEach(d -> addDir(fs, out, d, HostRules.CRON_CHANGE, 1, false));
    for (String d : SYSTEMD_DIRS) {
      // On merged-/usr systems /lib is a link to /usr/lib: walk the units once.
      if (!(d.startsWith("/lib/") && Files.isSymbolicLink(fs.path("/lib")))) {
        addDir(fs, out, d, HostRules.SYSTEMD_CHANGE, 3, true);
      }
    }
    SYSTEM_RC.forEach(f -> addFile(fs, out, f, HostRules.RC_CHANGE));
    addDir(fs, out, "/etc/profile.d", HostRules.RC_CHANGE, 1, false);
    addFile(fs, out, "/etc/ld.so.preload", HostRules.PRELOAD_CHANGE);
    addFile(fs, out, "/etc/hosts", HostRules.DNS_CHANGE);
    addFile(fs, out, "/etc/resolv.conf", HostRules.DNS_CHANGE);
    addFile(fs, out, "/etc/ssh/sshd_config", HostRules.SSHD_CONFIG_CHANGE);
    addDir(fs, out, "/etc/ssh/sshd_config.d", HostRules.SSHD_CONFIG_CHANGE, 1, false);
    for (String home : homes(fs)) {
      String h = home.endsWith("/") ? home : home + "/";
      addFile(fs, out, h + ".ssh/authorized_keys", HostRules.SSH_KEY_CHANGE);
      addFile(fs, out, h + ".ssh/authorized_keys2", HostRules.SSH_KEY_CHANGE);
      USER_RC.forEach(f -> addFile(fs, out, h + f, HostRules.RC_CHANGE));
      addDir(fs, out, h + ".config/systemd/user", HostRules.SYSTEMD_CHANGE, 3, true);
    }
    return out;
  }

  /** Every home directory in {@code /etc/passwd}, plus {@code /root}. */
  static Set<String> homes(ProcFs fs) {
    Set<String> homes = new LinkedHashSet<>();
    homes.add("/root");
    for (Passwd.Account a : Passwd.parse(fs.readText(fs.path("/etc/passwd"), 4 << 20, "passwd"))) {
      if (a.home().startsWith("/") && !a.home().equals("/") && !a.home().startsWith("/proc")
          && !a.home().equals("/nonexistent")) {
        homes.add(a.home());
      }
    }
    return homes;
  }

  private static void addFile(ProcFs fs, Map<String, RuleInfo> out, String hostPath, RuleInfo rule) {
    Path p = fs.path(hostPath);
    if (Files.isRegularFile(p) || Files.isSymbolicLink(p)) {
      out.putIfAbsent(hostPath, rule);
    } else if (Files.exists(p.getParent() == null ? p : p.getParent()) && !Files.isReadable(p.getParent())) {
      fs.deny("watched-dir");
    }
  }

  private static void addDir(ProcFs fs, Map<String, RuleInfo> out, String hostDir, RuleInfo rule,
      int depth, boolean unitsOnly) {
    Path dir = fs.path(hostDir);
    if (depth <= 0 || !Files.isDirectory(dir)) {
      return;
    }
    for (String name : fs.listNames(dir, "watched-dir")) {
      String hp = hostDir + "/" + name;
      Path p = dir.resolve(name);
      if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
        addDir(fs, out, hp, rule, depth - 1, unitsOnly);
      } else if (!unitsOnly || UNIT_SUFFIXES.stream().anyMatch(name::endsWith)) {
        out.putIfAbsent(hp, rule);
      }
    }
  }
}
