package dev.minewarden.posture.model;

import java.util.List;
import java.util.Objects;

/**
 * An IAM role that instances can assume, with the grants that make it broad.
 *
 * @param name the role name
 * @param instanceProfileArns instance profiles that carry it (may be empty for Terraform)
 * @param broadGrants descriptions of the broad grants, for example {@code Action * on Resource *}
 *     or {@code managed policy AdministratorAccess}; empty when the role is narrow
 * @param source the input it came from
 * @param terraform true when it came from a Terraform plan
 */
public record InstanceRole(
    String name, List<String> instanceProfileArns, List<String> broadGrants, String source,
    boolean terraform) {

  /** Checks the parts and copies the lists. */
  public InstanceRole {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    instanceProfileArns = List.copyOf(instanceProfileArns);
    broadGrants = List.copyOf(broadGrants);
  }
}
