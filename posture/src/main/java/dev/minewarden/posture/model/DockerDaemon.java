package dev.minewarden.posture.model;

import java.util.List;
import java.util.Objects;

/**
 * The Docker daemon's listening and TLS settings, from {@code daemon.json} (and, on the local
 * host, {@code dockerd -H} flags).
 *
 * @param assetId the host or file
 * @param hosts the {@code hosts} entries ({@code unix://...}, {@code tcp://0.0.0.0:2375}, ...)
 * @param tls {@code tls}
 * @param tlsVerify {@code tlsverify}: clients must present a certificate signed by the CA
 * @param source where it was read
 * @param local true when read from the local host
 */
public record DockerDaemon(
    String assetId, List<String> hosts, boolean tls, boolean tlsVerify, String source, boolean local) {

  /** Checks the parts and copies the list. */
  public DockerDaemon {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(source, "source");
    hosts = List.copyOf(hosts);
  }
}
