package dev.minewarden.core.sigma.internal;

/** A rule, filter or one of their parts that breaks the Sigma specification; the message says how. */
public final class InvalidRuleException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Makes the exception with a message naming the problem. */
  public InvalidRuleException(String message) {
    super(message);
  }
}
