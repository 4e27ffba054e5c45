package dev.minewarden.posture.model;

import java.util.List;
import java.util.Objects;

/**
 * A compute instance (EC2 from {@code describe-instances}, or a Terraform {@code aws_instance}).
 *
 * @param id the instance id, or the Terraform address
 * @param name the {@code Name} tag, or {@code ""}
 * @param state {@code running}, {@code stopped}..., or {@code ""} when not known
 * @param publicIp the public IPv4 address, or {@code ""}; from Terraform {@code "planned"} when
 *     {@code associate_public_ip_address} is true
 * @param subnetId the primary subnet, or {@code ""}
 * @param vpcId the VPC, or {@code ""}
 * @param securityGroupIds every security group on the instance and its interfaces
 * @param interfaceIds the ids of its network interfaces
 * @param instanceProfileArn the instance profile, or {@code ""}
 * @param imds metadata options, or {@code null} when the input has none
 * @param source the input it came from
 * @param terraform true when it came from a Terraform plan
 */
public record Instance(
    String id,
    String name,
    String state,
    String publicIp,
    String subnetId,
    String vpcId,
    List<String> securityGroupIds,
    List<String> interfaceIds,
    String instanceProfileArn,
    ImdsOptions imds,
    String source,
    boolean terraform) {

  /** Checks the parts and copies the lists. */
  public Instance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(publicIp, "publicIp");
    Objects.requireNonNull(source, "source");
    securityGroupIds = List.copyOf(securityGroupIds);
    interfaceIds = List.copyOf(interfaceIds);
  }
}
