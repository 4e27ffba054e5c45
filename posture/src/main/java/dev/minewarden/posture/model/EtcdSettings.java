package dev.minewarden.posture.model;

import java.util.List;
import java.util.Objects;

/**
 * How an etcd member authenticates clients, from its flags.
 *
 * @param assetId the pod, node or process
 * @param clientCertAuth {@code --client-cert-auth}
 * @param listenClientUrls {@code --listen-client-urls}
 * @param source where it was read
 */
public record EtcdSettings(
    String assetId, boolean clientCertAuth, List<String> listenClientUrls, String source) {

  /** Checks the parts and copies the list. */
  public EtcdSettings {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(source, "source");
    listenClientUrls = List.copyOf(listenClientUrls);
  }
}
