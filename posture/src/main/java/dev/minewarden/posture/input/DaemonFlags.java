package dev.minewarden.posture.input;

import dev.minewarden.posture.model.EtcdSettings;
import dev.minewarden.posture.model.KubeletSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps etcd and kubelet command lines (from pod specs or {@code /proc/<pid>/cmdline}) to their settings. */
public final class DaemonFlags {
  private DaemonFlags() {}

  /** Parses {@code --name=value} and {@code --name value} flags into a map (last one wins). */
  public static Map<String, String> parse(List<String> argv) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i).trim();
      if (!a.startsWith("--")) {
        continue;
      }
      int eq = a.indexOf('=');
      if (eq > 0) {
        out.put(a.substring(2, eq), a.substring(eq + 1));
      } else if (i + 1 < argv.size() && !argv.get(i + 1).startsWith("-")) {
        out.put(a.substring(2), argv.get(++i));
      } else {
        out.put(a.substring(2), "true");
      }
    }
    return out;
  }

  /** The etcd settings when {@code argv} runs etcd. */
  public static Optional<EtcdSettings> etcd(List<String> argv, String assetId, String source) {
    if (argv.isEmpty() || !program(argv.get(0)).equals("etcd")) {
      return Optional.empty();
    }
    Map<String, String> f = parse(argv);
    List<String> urls = List.of(f.getOrDefault("listen-client-urls", "http://localhost:2379").split(","));
    return Optional.of(new EtcdSettings(assetId,
        f.getOrDefault("client-cert-auth", "false").equalsIgnoreCase("true"), urls, source));
  }

  /** The kubelet settings when {@code argv} runs the kubelet. */
  public static Optional<KubeletSettings> kubelet(List<String> argv, String assetId, String source) {
    if (argv.isEmpty() || !program(argv.get(0)).equals("kubelet")) {
      return Optional.empty();
    }
    Map<String, String> f = parse(argv);
    Boolean anon = f.containsKey("anonymous-auth") ? f.get("anonymous-auth").equalsIgnoreCase("true") : null;
    Integer ro = f.containsKey("read-only-port") ? ParseNumbers.toInt(f.get("read-only-port"), 10255) : null;
    // With --config the file's values apply, so unset flags fall back to config-file defaults.
    boolean flagDefaults = !f.containsKey("config");
    return Optional.of(new KubeletSettings(assetId, anon, f.get("authorization-mode"), ro,
        f.get("address"), flagDefaults, source));
  }

  private static String program(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
