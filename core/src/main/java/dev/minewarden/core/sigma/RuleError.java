package dev.minewarden.core.sigma;

import java.util.Objects;

/**
 * A document that could not be loaded: a YAML syntax error, or a rule or filter that breaks the
 * Sigma specification or uses something this engine does not support. The other documents of the
 * same load are not affected.
 *
 * @param path the file, or the origin given to {@link SigmaLoader#loadString}
 * @param title the rule's title when it could be read, else {@code null}
 * @param id the rule's id when it could be read, else {@code null}
 * @param message what is wrong, in a sentence
 */
public record RuleError(String path, String title, String id, String message) {
  /** Checks the parts. */
  public RuleError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(path).append(": ");
    if (title != null || id != null) {
      b.append("rule '").append(title == null ? "?" : title).append('\'');
      if (id != null) {
        b.append(" (").append(id).append(')');
      }
      b.append(": ");
    }
    return b.append(message).toString();
  }
}
