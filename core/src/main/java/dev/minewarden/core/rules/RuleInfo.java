package dev.minewarden.core.rules;

import java.util.List;
import java.util.Objects;

/**
 * What an alert needs to know about the rule that raised it: identity, level, ATT&CK tags and
 * where the rule came from. Detection and correlation rules both have one.
 *
 * @param id the rule's {@code id} (a UUID in Sigma), never null
 * @param name the rule's {@code name}, by which correlations refer to it, or {@code null}
 * @param title the rule's {@code title}
 * @param level the rule's level; {@link Severity#MEDIUM} when a rule states none
 * @param tags the rule's tags as written ({@code attack.t1496}, {@code attack.execution}, ...)
 * @param falsePositives the rule's {@code falsepositives}
 * @param path the file the rule was loaded from, or {@code null} for rules built in code
 */
public record RuleInfo(
    String id,
    String name,
    String title,
    Severity level,
    List<String> tags,
    List<String> falsePositives,
    String path) {

  /** Checks the required parts and copies the lists. */
  public RuleInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(level, "level");
    tags = List.copyOf(tags);
    falsePositives = List.copyOf(falsePositives);
  }
}
