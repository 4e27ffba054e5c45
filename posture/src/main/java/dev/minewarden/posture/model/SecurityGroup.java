package dev.minewarden.posture.model;

import java.util.List;
import java.util.Objects;

/**
 * A security group (AWS CLI export or a Terraform resource) with its inbound rules.
 *
 * @param id the group id ({@code sg-...}) or, from Terraform, the resource address
 * @param name the group name, or {@code ""}
 * @param vpcId the VPC, or {@code ""}
 * @param ingress the inbound rules
 * @param source the input it came from
 * @param terraform true when it came from a Terraform plan (remediation names attributes)
 */
public record SecurityGroup(
    String id, String name, String vpcId, List<IngressRule> ingress, String source, boolean terraform) {

  /** Checks the parts and copies the list. */
  public SecurityGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(vpcId, "vpcId");
    Objects.requireNonNull(source, "source");
    ingress = List.copyOf(ingress);
  }
}
