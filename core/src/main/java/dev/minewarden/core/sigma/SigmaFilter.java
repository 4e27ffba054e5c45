package dev.minewarden.core.sigma;

import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.sigma.internal.Expr;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Sigma filter (meta-filter): events its condition matches raise no alert of the rules it names
 * (by id or name), when the event's logsource admits the filter's logsource. It is also the form of
 * per-rule exceptions users write. Immutable and thread-safe.
 */
public final class SigmaFilter {
  private final String id;
  private final String title;
  private final LogSource logSource;
  private final List<String> rules;
  private final String path;
  private final Map<String, Object> document;
  private final Expr condition;

  SigmaFilter(
      String id,
      String title,
      LogSource logSource,
      List<String> rules,
      String path,
      Map<String, Object> document,
      Expr condition) {
    this.id = id;
    this.title = Objects.requireNonNull(title, "title");
    this.logSource = Objects.requireNonNull(logSource, "logSource");
    this.rules = List.copyOf(rules);
    this.path = path;
    this.document = document;
    this.condition = Objects.requireNonNull(condition, "condition");
  }

  /** The filter's {@code id}, or {@code null} (optional for filters). */
  public String id() {
    return id;
  }

  /** The filter's title. */
  public String title() {
    return title;
  }

  /** The filter's logsource. */
  public LogSource logSource() {
    return logSource;
  }

  /** The ids or names of the rules the filter applies to, as written. */
  public List<String> rules() {
    return rules;
  }

  /** The file the filter came from. */
  public String path() {
    return path;
  }

  /** The filter document as parsed YAML. Unmodifiable. */
  public Map<String, Object> document() {
    return document;
  }

  /** Whether the filter names this rule, by id or by name. */
  public boolean appliesTo(RuleInfo rule) {
    return rules.contains(rule.id()) || (rule.name() != null && rules.contains(rule.name()));
  }

  Expr condition() {
    return condition;
  }

  @Override
  public String toString() {
    return "SigmaFilter{'" + title + "' on " + rules + "}";
  }
}
