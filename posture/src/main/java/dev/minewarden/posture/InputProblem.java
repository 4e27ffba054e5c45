package dev.minewarden.posture;

import java.util.Objects;

/**
 * Something in an input that could not be used: an unreadable file, malformed JSON, a record
 * missing its fields. The run goes on; the problem is reported.
 *
 * @param source the file (or named source) the problem is in
 * @param line the 1-based line, or 0 when not known
 * @param reason what was wrong, in plain words
 * @param fatal true when the whole input was lost (unreadable, not parseable, not recognised)
 */
public record InputProblem(String source, int line, String reason, boolean fatal) {

  /** Checks the parts. */
  public InputProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
  }
}
