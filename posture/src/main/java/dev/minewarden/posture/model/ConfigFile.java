package dev.minewarden.posture.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An sshd or Redis configuration, as effective settings keyed by lower-case directive name. For
 * sshd the first value wins (as sshd reads it); for Redis the last one does.
 *
 * @param kind which daemon
 * @param assetId the host or file the settings belong to
 * @param source the main file
 * @param settings the effective directives, lower-case keys; values as written
 * @param multi directives that may repeat (Redis {@code user}, sshd {@code listenaddress}), all
 *     values in order
 * @param local true when read from the local host (reachability from its listeners)
 * @param matchBlocks sshd {@code Match} blocks in file order; empty for Redis
 */
public record ConfigFile(
    Kind kind,
    String assetId,
    String source,
    Map<String, Setting> settings,
    Map<String, List<Setting>> multi,
    boolean local,
    List<MatchBlock> matchBlocks) {

  /** The daemons whose configuration is read. */
  public enum Kind {
    SSHD,
    REDIS
  }

  /** Checks the parts and copies the maps. */
  public ConfigFile {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(source, "source");
    settings = Map.copyOf(settings);
    multi = Map.copyOf(multi);
    matchBlocks = List.copyOf(matchBlocks);
  }

  /** A configuration without {@code Match} blocks. */
  public ConfigFile(Kind kind, String assetId, String source, Map<String, Setting> settings,
      Map<String, List<Setting>> multi, boolean local) {
    this(kind, assetId, source, settings, multi, local, List.of());
  }

  /** The effective value of a directive (lower-case name), or {@code null} when unset. */
  public Setting get(String key) {
    return settings.get(key);
  }

  /** Every value of a repeatable directive, empty when none. */
  public List<Setting> all(String key) {
    return multi.getOrDefault(key, List.of());
  }
}
