package dev.minewarden.posture.model;

import java.util.List;

/**
 * A (Cluster)RoleBinding: which role it grants to which subjects.
 *
 * @param kind ClusterRoleBinding or RoleBinding
 * @param name its name
 * @param roleName the referenced role
 * @param subjects {@code Kind:namespace/name} for each subject
 * @param source the input it came from
 */
public record RoleBinding(
    String kind, String name, String roleName, List<String> subjects, String source) {

  /** Copies the list. */
  public RoleBinding {
    subjects = List.copyOf(subjects);
  }
}
