package dev.minewarden.core.correlation;

/**
 * A correlation rule that cannot be used: malformed YAML structure, an unknown type, a bad timespan
 * or condition, or (at engine build time) a reference cycle. The message starts with the rule's
 * path.
 */
public final class CorrelationRuleException extends IllegalArgumentException {
  private final String path;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param path the file the rule came from, or {@code null} for rules built in code
   * @param problem what is wrong, naming the offending attribute
   */
  public CorrelationRuleException(String path, String problem) {
    super((path == null ? "<no path>" : path) + ": " + problem);
    this.path = path;
    this.problem = problem;
  }

  /** The file the rule came from, or {@code null}. */
  public String path() {
    return path;
  }

  /** What is wrong, without the path. */
  public String problem() {
    return problem;
  }
}
