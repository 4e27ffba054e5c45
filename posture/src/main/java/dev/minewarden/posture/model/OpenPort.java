package dev.minewarden.posture.model;

import dev.minewarden.posture.Reachability;
import java.util.List;
import java.util.Objects;

/**
 * A TCP port range that something opens to the world: a security group rule, a load balancer
 * Service, a host listener.
 *
 * @param assetId the thing to change (security group id, Service, host)
 * @param assetType its kind
 * @param fromPort first port, inclusive
 * @param toPort last port, inclusive
 * @param openTo what may connect ({@code 0.0.0.0/0}, {@code 0.0.0.0}, ...)
 * @param reachability how reachable it is
 * @param affected instances or hosts behind it
 * @param origin where it was seen
 * @param detail extra context for the remediation (protocol, process, namespace)
 * @param source the input it came from
 */
public record OpenPort(
    String assetId,
    String assetType,
    int fromPort,
    int toPort,
    String openTo,
    Reachability reachability,
    List<String> affected,
    ExposureOrigin origin,
    String detail,
    String source) {

  /** Checks the parts and copies the list. */
  public OpenPort {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(reachability, "reachability");
    Objects.requireNonNull(origin, "origin");
    affected = List.copyOf(affected);
  }

  /** Whether {@code port} is inside the range. */
  public boolean covers(int port) {
    return fromPort <= port && port <= toPort;
  }
}
