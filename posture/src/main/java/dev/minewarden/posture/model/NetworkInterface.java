package dev.minewarden.posture.model;

import java.util.List;
import java.util.Objects;

/**
 * A network interface ({@code describe-network-interfaces}, or one nested in an instance).
 *
 * @param id the ENI id
 * @param subnetId its subnet, or {@code ""}
 * @param publicIp its public address ({@code Association.PublicIp}), or {@code ""}
 * @param instanceId the instance it is attached to, or {@code ""}
 * @param securityGroupIds its security groups
 * @param source the input it came from
 */
public record NetworkInterface(
    String id, String subnetId, String publicIp, String instanceId, List<String> securityGroupIds,
    String source) {

  /** Checks the parts and copies the list. */
  public NetworkInterface {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(publicIp, "publicIp");
    securityGroupIds = List.copyOf(securityGroupIds);
  }
}
