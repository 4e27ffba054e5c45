package dev.minewarden.core.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link SigmaLoader} read: detection rules, Sigma filters, correlation documents (raw) and
 * the documents it refused, each list in file order. Immutable.
 *
 * @param rules the detection rules
 * @param filters the Sigma filters (meta-filters)
 * @param correlations the correlation rules, not interpreted
 * @param errors the refused documents, each naming its file and problem
 */
public record LoadResult(
    List<SigmaRule> rules,
    List<SigmaFilter> filters,
    List<RawDocument> correlations,
    List<RuleError> errors) {

  /** Copies the lists. */
  public LoadResult {
    rules = List.copyOf(rules);
    filters = List.copyOf(filters);
    correlations = List.copyOf(correlations);
    errors = List.copyOf(errors);
  }

  /** Whether nothing was refused. */
  public boolean ok() {
    return errors.isEmpty();
  }

  /** This result followed by another one. */
  public LoadResult plus(LoadResult other) {
    return new LoadResult(
        concat(rules, other.rules),
        concat(filters, other.filters),
        concat(correlations, other.correlations),
        concat(errors, other.errors));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> r = new ArrayList<>(a);
    r.addAll(b);
    return r;
  }
}
