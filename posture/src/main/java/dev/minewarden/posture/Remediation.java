package dev.minewarden.posture;

import java.util.Objects;

/**
 * The protection for one finding in concrete terms. Any part may be empty when it does not apply
 * (a host setting has no Terraform attribute). Values may contain identifiers taken from input;
 * commands quote them for a POSIX shell, and are only ever printed, never executed.
 *
 * @param summary what to change, one sentence
 * @param command a command that applies the change, or {@code ""}
 * @param terraform the Terraform resource attribute to set, or {@code ""}
 * @param config the configuration line or file fragment to write, or {@code ""}
 */
public record Remediation(String summary, String command, String terraform, String config) {

  /** Checks that no part is null. */
  public Remediation {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(terraform, "terraform");
    Objects.requireNonNull(config, "config");
  }
}
