package dev.minewarden.core.sigma;

import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.sigma.internal.Expr;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed Sigma detection rule: its metadata, logsource and detection, ready to be compiled by
 * {@link CompiledRules}. Immutable and thread-safe.
 */
public final class SigmaRule {
  private final RuleInfo info;
  private final LogSource logSource;
  private final Map<String, Object> document;
  private final Expr detection;

  SigmaRule(RuleInfo info, LogSource logSource, Map<String, Object> document, Expr detection) {
    this.info = Objects.requireNonNull(info, "info");
    this.logSource = Objects.requireNonNull(logSource, "logSource");
    this.document = document;
    this.detection = Objects.requireNonNull(detection, "detection");
  }

  /** The metadata alerts of this rule carry. */
  public RuleInfo info() {
    return info;
  }

  /**
   * The rule's id: its {@code id}, or when it has none a name-based UUID derived from its file,
   * position in the file and title, stable across loads.
   */
  public String id() {
    return info.id();
  }

  /** The rule's {@code name}, or {@code null}. */
  public String name() {
    return info.name();
  }

  /** The rule's title. */
  public String title() {
    return info.title();
  }

  /** The file the rule came from, or the origin of a string load. */
  public String path() {
    return info.path();
  }

  /** The rule's logsource (product, category, service; {@code definition} is not kept). */
  public LogSource logSource() {
    return logSource;
  }

  /** The rule document as parsed YAML (after rule-collection merging). Unmodifiable. */
  public Map<String, Object> document() {
    return document;
  }

  Expr detection() {
    return detection;
  }

  @Override
  public String toString() {
    return "SigmaRule{" + info.id() + " '" + info.title() + "' " + logSource + "}";
  }
}
