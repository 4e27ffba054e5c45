package dev.minewarden.posture.input;

import dev.minewarden.posture.InputProblem;
import dev.minewarden.posture.Reachability;
import dev.minewarden.posture.model.ConfigFile;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.MatchBlock;
import dev.minewarden.posture.model.Setting;
import dev.minewarden.posture.model.Software;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recognises and parses the line-based inputs: sshd configuration (and {@code sshd -T} output),
 * {@code redis.conf}, the dpkg status file and an RPM package list
 * ({@code rpm -qa --qf '%{NAME}\t%{EPOCH}:%{VERSION}-%{RELEASE}\n'}). Pure functions over lines.
 */
public final class TextConfigs {
  /** Directives only sshd has (lower-case). */
  static final Set<String> SSHD = Set.of("permitrootlogin", "passwordauthentication",
      "pubkeyauthentication", "usepam", "x11forwarding", "subsystem", "acceptenv", "hostkey",
      "challengeresponseauthentication", "kbdinteractiveauthentication", "authorizedkeysfile",
      "printmotd", "match", "maxauthtries", "permitemptypasswords", "clientaliveinterval",
      "clientalivecountmax", "allowusers", "allowgroups", "denyusers", "logingracetime",
      "syslogfacility", "usedns", "listenaddress", "hostbasedauthentication", "ignorerhosts",
      "permituserenvironment", "allowtcpforwarding", "gatewayports", "maxsessions", "maxstartups",
      "permittunnel", "strictmodes", "authenticationmethods", "hostkeyalgorithms", "ciphers", "macs",
      "kexalgorithms", "addressfamily", "printlastlog", "tcpkeepalive", "compression", "banner",
      "gssapiauthentication", "trustedusercakeys", "authorizedprincipalsfile", "pidfile",
      "x11uselocalhost", "permitopen", "chrootdirectory", "forcecommand", "versionaddendum");
  /** Directives only Redis has (lower-case). */
  static final Set<String> REDIS = Set.of("bind", "protected-mode", "requirepass", "daemonize",
      "supervised", "pidfile", "logfile", "databases", "save", "dbfilename", "dir", "appendonly",
      "appendfsync", "maxmemory", "maxmemory-policy", "tcp-backlog", "tcp-keepalive", "timeout",
      "rename-command", "masterauth", "replicaof", "slaveof", "aclfile", "user", "io-threads",
      "always-show-logo", "stop-writes-on-bgsave-error", "rdbcompression", "rdbchecksum",
      "replica-read-only", "slave-read-only", "lua-time-limit", "slowlog-log-slower-than",
      "notify-keyspace-events", "hz", "maxclients", "unixsocket", "unixsocketperm", "enable-debug-command",
      "enable-module-command", "enable-protected-configs", "loadmodule", "cluster-enabled");
  private static final Set<String> SHARED = Set.of("port", "loglevel", "include", "pidfile");

  private TextConfigs() {}

  /** The kind of a line-based input: {@code sshd}, {@code redis}, {@code dpkg}, {@code rpm} or null. */
  public static String detect(List<String> lines) {
    int directives = 0;
    int sshd = 0;
    int redis = 0;
    int dpkgPackages = 0;
    int dpkgStatus = 0;
    int rpm = 0;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (raw.startsWith("Package: ")) {
        dpkgPackages++;
      } else if (raw.startsWith("Status: ")) {
        dpkgStatus++;
      }
      if (isRpmLine(line)) {
        rpm++;
      }
      directives++;
      String key = keyword(line);
      if (SSHD.contains(key)) {
        sshd++;
      } else if (REDIS.contains(key)) {
        redis++;
      } else if (SHARED.contains(key)) {
        sshd++;
        redis++;
      }
    }
    if (dpkgPackages > 0 && dpkgStatus > 0) {
      return "dpkg";
    }
    if (directives > 0 && rpm == directives) {
      return "rpm";
    }
    if (directives == 0) {
      return null;
    }
    // Most directive lines must be known ones, so prose and other formats are not mistaken.
    if (sshd > redis && sshd * 2 >= directives) {
      return "sshd";
    }
    return redis > sshd && redis * 2 >= directives ? "redis" : null;
  }

  /** The lower-case keyword of a directive line ({@code Key value} or {@code Key=value}). */
  static String keyword(String line) {
    int end = 0;
    while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '=') {
      end++;
    }
    return line.substring(0, end).toLowerCase(Locale.ROOT);
  }

  private static String value(String line, int keywordLength) {
    String rest = line.substring(keywordLength).strip();
    if (rest.startsWith("=")) {
      rest = rest.substring(1).strip();
    }
    return rest;
  }

  /** Resolves sshd {@code Include} patterns to files; returns each file's name and lines. */
  public interface Includer {
    /** The files matching the pattern, in order; empty when none or not allowed. */
    List<Map.Entry<String, List<String>>> resolve(String pattern);
  }

  /**
   * Parses sshd configuration into effective settings, as sshd reads it: keywords are
   * case-insensitive, the first value of each keyword wins, {@code #} starts a comment at the
   * start of a word, and everything after a {@code Match} line belongs to that block until the next
   * {@code Match} or the end of the file that opened it (a block opened in an included file ends
   * with that file; an {@code Include} inside a block includes into the block).
   *
   * @param includer follows {@code Include}; {@code null} to record includes as unseen
   * @param notes receives what could not be evaluated (includes not followed)
   */
  public static ConfigFile sshd(String assetId, String source, List<String> lines, Includer includer,
      boolean local, List<String> notes) {
    SshdParse parse = new SshdParse(includer, notes);
    parse.file(source, lines, null, 0);
    return new ConfigFile(ConfigFile.Kind.SSHD, assetId, source, parse.settings, parse.multi, local, parse.blocks());
  }

  /** The state of one sshd parse: global settings and the Match blocks seen so far. */
  private static final class SshdParse {
    private final Includer includer;
    private final List<String> notes;
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final Map<String, List<Setting>> multi = new HashMap<>();
    private final List<Map.Entry<Setting, Map<String, Setting>>> matches = new ArrayList<>();

    SshdParse(Includer includer, List<String> notes) {
      this.includer = includer;
      this.notes = notes;
    }

    /** Reads one file; {@code block} is the Match block it was included from, or null. */
    void file(String source, List<String> lines, Map<String, Setting> block, int depth) {
      Map<String, Setting> current = block;
      for (int i = 0; i < lines.size(); i++) {
        String line = stripComment(lines.get(i)).strip();
        if (line.isEmpty()) {
          continue;
        }
        String key = keyword(line);
        Setting s = new Setting(unquote(value(line, key.length())), i + 1, source);
        if (key.equals("match")) {
          current = new LinkedHashMap<>();
          matches.add(Map.entry(s, current));
        } else if (key.equals("include")) {
          include(s, current, depth);
        } else if (current != null) {
          current.putIfAbsent(key, s);
        } else {
          settings.putIfAbsent(key, s);
          if (key.equals("listenaddress") || key.equals("port")) {
            multi.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
          }
        }
      }
    }

    private void include(Setting at, Map<String, Setting> block, int depth) {
      if (includer == null || depth >= 8) {
        notes.add(at.source() + ":" + at.line() + ": Include " + at.value() + " was not followed");
        return;
      }
      for (String pattern : at.value().split("\\s+")) {
        for (Map.Entry<String, List<String>> f : includer.resolve(pattern)) {
          file(f.getKey(), f.getValue(), block, depth + 1);
        }
      }
    }

    List<MatchBlock> blocks() {
      return matches.stream().map(m -> new MatchBlock(m.getKey().value(), m.getKey(), m.getValue())).toList();
    }
  }

  /** The line without a comment: {@code #} at the start of a word outside double quotes. */
  static String stripComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** Parses redis.conf: the last value of each directive wins; {@code user} lines are all kept. */
  public static ConfigFile redis(String assetId, String source, List<String> lines, boolean local) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    Map<String, List<Setting>> multi = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String key = keyword(line);
      Setting s = new Setting(value(line, key.length()), i + 1, source);
      settings.put(key, s);
      if (key.equals("user") || key.equals("include") || key.equals("rename-command")) {
        multi.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
      }
    }
    return new ConfigFile(ConfigFile.Kind.REDIS, assetId, source, settings, multi, local);
  }

  /** Adds the installed packages of a dpkg status file to the estate. */
  public static int dpkg(String assetId, String source, List<String> lines, Reachability reach, Estate estate) {
    int count = 0;
    String name = "";
    String version = "";
    boolean installed = false;
    for (int i = 0; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i) : "";
      if (line.isBlank()) {
        if (installed && !name.isEmpty() && !version.isEmpty()) {
          estate.add(new Software(assetId, "host", name, version, "deb", reach, source));
          count++;
        }
        name = "";
        version = "";
        installed = false;
      } else if (line.startsWith("Package:")) {
        name = line.substring(8).strip();
      } else if (line.startsWith("Version:")) {
        version = line.substring(8).strip();
      } else if (line.startsWith("Status:")) {
        installed = line.strip().endsWith(" installed");
      }
    }
    return count;
  }

  /** Adds the packages of an RPM list ({@code name<TAB>[epoch:]version-release}) to the estate. */
  public static int rpm(String assetId, String source, List<String> lines, Reachability reach, Estate estate) {
    int count = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (!isRpmLine(line)) {
        estate.problem(new InputProblem(source, i + 1, "not a name<TAB>version line", false));
        continue;
      }
      int tab = line.indexOf('\t');
      String version = line.substring(tab + 1).strip();
      if (version.startsWith("(none):")) {
        version = version.substring("(none):".length());
      }
      estate.add(new Software(assetId, "host", line.substring(0, tab), version, "rpm", reach, source));
      count++;
    }
    return count;
  }

  private static boolean isRpmLine(String line) {
    int tab = line.indexOf('\t');
    if (tab <= 0 || tab != line.lastIndexOf('\t') || tab == line.length() - 1) {
      return false;
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != '\t' && (Character.isWhitespace(c) || Character.isISOControl(c))) {
        return false;
      }
    }
    return true;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }
}
