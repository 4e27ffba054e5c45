package dev.minewarden.host;

import dev.minewarden.host.proc.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Pure tests for miner traits in process names, command lines and paths. Substring and token
 * checks only (no regular expressions), so hostile command lines cost linear time.
 */
final class MinerSignals {
  /** Command-line fragments of XMRig and its forks (Sigma, Elastic, Falco lists). */
  private static final List<String> FRAGMENTS = List.of(
      "stratum+tcp://", "stratum+ssl://", "stratum+udp://", "stratum2+tcp://", "stratum2+ssl://",
      "--donate-level", "--cpu-priority", "--nicehash", "--randomx-1gb-pages", "--cpu-max-threads-hint",
      "--coin=monero", "--coin monero", "modprobe msr allow_writes=on",
      // base64 of "--donate-level=" and "stratum+tcp://" / "stratum+udp://" at the three offsets
      "ls1kb25hdgutbgv2zwx9", "0tzg9uyxrllwxldmvsp", "tlwrvbmf0zs1szxzlbd",
      "c3ryyxr1bst0y3a6ly", "n0cmf0dw0rdgnwoi8v", "zdhjhdhvtk3rjcdovl",
      "c3ryyxr1bst1zha6ly", "n0cmf0dw0rdwrwoi8v", "zdhjhdhvtk3vkcdovl");
  /** RandomX and CryptoNight-family algorithm names given to {@code -a}/{@code --algo}. */
  private static final Set<String> ALGOS = Set.of("rx/0", "rx/wow", "rx/arq", "rx/graft", "rx/sfx",
      "rx/keva", "randomx", "gr", "kawpow", "cn/r", "cn/0", "cn/1", "cn/2", "cn/half", "cn/rwz",
      "cn/zls", "cn/double", "cn-lite/1", "cn-heavy/0", "cn-pico", "argon2/chukwa",
      "argon2/chukwav2", "argon2/ninja", "astrobwt", "ghostrider");
  /** Miner binaries and the names on the groups' kill lists (actors.md). */
  private static final Set<String> NAMES = Set.of("xmrig", "xmrig-notls", "xmrig-cuda", "xmr-stak",
      "xmr-stak-rx", "xmrigminer", "xmrigdaemon", "minerd", "cpuminer", "cpuminer-multi",
      "nanominer", "t-rex", "phoenixminer", "lolminer", "nbminer", "teamredminer", "srbminer",
      "srbminer-multi", "ccminer", "ethminer", "kdevtmpfsi", "kinsing", "dbused", "kthreaddk",
      "kswap_svc", "sysupdate", "phpguard", "phpupdate", "networkservice", "sysguard", "watchbog",
      "givemexyz", "givemezxy", "javaupdates", "c3pool_miner", "moneroocean_miner", "kthreadadd64",
      "xmrig.exe", "pnscan", "tsm", "bbb", "cpeeu");
  private static final List<String> WRITABLE_DIRS = List.of("/tmp/", "/var/tmp/", "/dev/shm/",
      "/run/shm/", "/var/run/shm/", "/dev/mqueue/");

  private MinerSignals() {}

  /** The miner indicators found in a command line, in a stable order; empty when none. */
  static List<String> commandLine(List<String> argv, String commandLine) {
    List<String> found = new ArrayList<>();
    String lower = commandLine.toLowerCase(Locale.ROOT);
    for (String f : FRAGMENTS) {
      if (lower.contains(f)) {
        found.add(f);
      }
    }
    boolean hasUrl = false;
    String algo = null;
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i).toLowerCase(Locale.ROOT);
      hasUrl |= a.equals("-o") || a.equals("--url") || a.startsWith("--url=") || a.startsWith("-o")
          && a.length() > 2 && a.contains(":");
      String value = optionValue(argv, i, a, "-a", "--algo");
      if (value != null && ALGOS.contains(value)) {
        algo = value;
      }
    }
    if (algo != null && hasUrl) {
      found.add("--algo " + algo + " with a pool URL");
    }
    for (String a : argv) {
      if (isMoneroWallet(a)) {
        found.add("Monero wallet address");
        break;
      }
    }
    return found;
  }

  private static String optionValue(List<String> argv, int i, String a, String shortOpt, String longOpt) {
    if (a.equals(shortOpt) || a.equals(longOpt)) {
      return i + 1 < argv.size() ? argv.get(i + 1).toLowerCase(Locale.ROOT) : null;
    }
    if (a.startsWith(longOpt + "=")) {
      return a.substring(longOpt.length() + 1);
    }
    return null;
  }

  /**
   * Whether a word is shaped like a Monero address: 95 base58 characters starting with 4 or 8
   * (optionally followed by a payment id or worker suffix after a dot, plus or slash).
   */
  static boolean isMoneroWallet(String arg) {
    String s = arg;
    int eq = s.indexOf('=');
    if (eq >= 0) {
      s = s.substring(eq + 1);
    }
    int cut = firstOf(s, ".+/");
    if (cut >= 0) {
      s = s.substring(0, cut);
    }
    if (s.length() != 95 || (s.charAt(0) != '4' && s.charAt(0) != '8')) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean base58 = (c >= '1' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O')
          || (c >= 'a' && c <= 'z' && c != 'l');
      if (!base58) {
        return false;
      }
    }
    return true;
  }

  private static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** The {@code host:port} endpoints of the Stratum URLs in a command line, lower-cased. */
  static List<String> stratumEndpoints(String commandLine) {
    List<String> out = new ArrayList<>();
    String lower = commandLine.toLowerCase(Locale.ROOT);
    int from = 0;
    while (out.size() < 16) {
      int at = lower.indexOf("stratum", from);
      if (at < 0) {
        break;
      }
      int scheme = lower.indexOf("://", at);
      if (scheme < 0 || scheme - at > 12) {
        from = at + 7;
        continue;
      }
      int end = scheme + 3;
      while (end < lower.length() && " \t\"'/,;".indexOf(lower.charAt(end)) < 0) {
        end++;
      }
      String hostPort = lower.substring(scheme + 3, end);
      int userAt = hostPort.lastIndexOf('@');
      out.add(userAt >= 0 ? hostPort.substring(userAt + 1) : hostPort);
      from = end;
    }
    return out;
  }

  /** Whether a process name (comm, or a path's last part) is a known miner or kill-list name. */
  static boolean isMinerName(String name) {
    return name != null && NAMES.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Why an executable path is suspicious, or {@code null}: a world-writable or hidden folder. */
  static String writableOrHidden(String exe) {
    if (exe == null || exe.startsWith("/memfd:")) {
      return exe == null ? null : "runs from memory (memfd), no file on disk";
    }
    for (String dir : WRITABLE_DIRS) {
      if (exe.startsWith(dir)) {
        return "executable under " + dir;
      }
    }
    int slash = exe.lastIndexOf('/');
    for (String part : exe.substring(0, Math.max(0, slash)).split("/")) {
      if (part.startsWith(".") && !part.equals(".") && !part.equals("..")) {
        return "executable in hidden folder " + part;
      }
    }
    return null;
  }

  /** The basename of a path-like argument, for name checks on {@code argv[0]}. */
  static String argv0Name(List<String> argv) {
    return argv.isEmpty() ? null : Text.basename(argv.get(0).trim());
  }
}
