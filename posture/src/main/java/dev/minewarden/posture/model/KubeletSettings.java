package dev.minewarden.posture.model;

import java.util.Objects;

/**
 * The kubelet settings that decide who may talk to it, from a KubeletConfiguration file or its
 * command-line flags. Unset values keep the upstream defaults documented on each accessor.
 *
 * @param assetId the node, file or object
 * @param anonymousEnabled {@code authentication.anonymous.enabled} / {@code --anonymous-auth};
 *     {@code null} when unset (the config-file default is false, the flag default true)
 * @param authorizationMode {@code authorization.mode} / {@code --authorization-mode}, or {@code null}
 * @param readOnlyPort {@code readOnlyPort} / {@code --read-only-port}, or {@code null} when unset
 *     (0 for config files, 10255 for flags)
 * @param address {@code address}, or {@code null} (default 0.0.0.0)
 * @param fromFlags true when the values came from flags rather than a config file
 * @param source where it was read
 */
public record KubeletSettings(
    String assetId,
    Boolean anonymousEnabled,
    String authorizationMode,
    Integer readOnlyPort,
    String address,
    boolean fromFlags,
    String source) {

  /** Checks the parts. */
  public KubeletSettings {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(source, "source");
  }

  /** Whether anonymous requests are served, with the default applied. */
  public boolean anonymous() {
    return anonymousEnabled != null ? anonymousEnabled : fromFlags;
  }

  /** The authorization mode in effect: flags default to AlwaysAllow, config files to Webhook. */
  public String effectiveAuthorizationMode() {
    return authorizationMode != null ? authorizationMode : (fromFlags ? "AlwaysAllow" : "Webhook");
  }

  /** The read-only port in effect, with the default applied; 0 means disabled. */
  public int effectiveReadOnlyPort() {
    return readOnlyPort != null ? readOnlyPort : (fromFlags ? 10255 : 0);
  }
}
