package dev.minewarden.core.sigma;

import java.util.Map;
import java.util.Objects;

/**
 * A YAML document handed back as parsed, not interpreted here: a Sigma correlation rule (it has a
 * {@code correlation} key), for the correlation engine to parse.
 *
 * @param document the document as parsed YAML (maps keep their key order; values are String,
 *     Integer, Long, Double, Boolean, List, Map or null), after rule-collection merging
 * @param path the file it came from, or the origin given to {@link SigmaLoader#loadString}
 */
public record RawDocument(Map<String, Object> document, String path) {
  /** Checks the parts. */
  public RawDocument {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(path, "path");
  }
}
