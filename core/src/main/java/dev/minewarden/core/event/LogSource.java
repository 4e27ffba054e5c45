package dev.minewarden.core.event;

import java.util.Locale;
import java.util.Objects;

/**
 * The Sigma logsource of an event or a rule: product, category and service, each optional.
 *
 * <p>A rule applies to an event when every part the rule names is either equal to the event's part
 * (case-insensitive) or unknown on the event. An input that carries no logsource at all ({@link
 * #ANY}) therefore gets every rule, as the Sigma specification asks for generic inputs.
 *
 * <p>A parser that knows its source completely makes an {@link #exact} logsource: there a part left
 * {@code null} means the source has no such part, not that it is unknown. An sshd log line has no
 * category, so {@code category: process_creation} rules do not apply to it, just as a SIEM would
 * not search sshd logs with them.
 *
 * <p>Immutable and thread-safe. Parts are stored lower-cased.
 */
public final class LogSource {
  /** The logsource of an input that says nothing about where its events come from. */
  public static final LogSource ANY = new LogSource(null, null, null, false);

  private final String product;
  private final String category;
  private final String service;
  private final boolean exact;

  private LogSource(String product, String category, String service, boolean exact) {
    this.product = normalise(product);
    this.category = normalise(category);
    this.service = normalise(service);
    this.exact = exact;
  }

  /**
   * Returns the logsource with these parts; any part may be {@code null} for "unknown".
   *
   * @param product e.g. {@code linux}, {@code aws}, {@code zeek}
   * @param category e.g. {@code process_creation}, {@code network_connection}, {@code dns}
   * @param service e.g. {@code sshd}, {@code auditd}, {@code cloudtrail}
   */
  public static LogSource of(String product, String category, String service) {
    if (product == null && category == null && service == null) {
      return ANY;
    }
    return new LogSource(product, category, service, false);
  }

  /**
   * Returns the logsource of a source known completely: a {@code null} part is absent, so rules
   * that name that part do not apply.
   *
   * @param product e.g. {@code linux}, {@code aws}, {@code zeek}
   * @param category e.g. {@code process_creation}, or {@code null} when the source has none
   * @param service e.g. {@code sshd}, or {@code null} when the source has none
   */
  public static LogSource exact(String product, String category, String service) {
    return new LogSource(product, category, service, true);
  }

  /** Whether a part this logsource leaves {@code null} is absent rather than unknown. */
  public boolean isExact() {
    return exact;
  }

  /** This logsource with other parts, exact if this one is. */
  public LogSource withParts(String product, String category, String service) {
    return exact ? exact(product, category, service) : of(product, category, service);
  }

  private static String normalise(String part) {
    if (part == null || part.isBlank()) {
      return null;
    }
    return part.trim().toLowerCase(Locale.ROOT);
  }

  /** The product, lower-cased, or {@code null} when unknown. */
  public String product() {
    return product;
  }

  /** The category, lower-cased, or {@code null} when unknown. */
  public String category() {
    return category;
  }

  /** The service, lower-cased, or {@code null} when unknown. */
  public String service() {
    return service;
  }

  /**
   * Whether a rule with logsource {@code rule} applies to events of this logsource.
   *
   * @param rule the rule's logsource
   * @return true when no part the rule names contradicts a part this logsource knows
   */
  public boolean admits(LogSource rule) {
    return agrees(rule.product, product)
        && agrees(rule.category, category)
        && agrees(rule.service, service);
  }

  private boolean agrees(String wanted, String actual) {
    return wanted == null || (actual == null ? !exact : wanted.equals(actual));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogSource other
        && Objects.equals(product, other.product)
        && Objects.equals(category, other.category)
        && Objects.equals(service, other.service)
        && exact == other.exact;
  }

  @Override
  public int hashCode() {
    return Objects.hash(product, category, service, exact);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    append(b, "product", product);
    append(b, "category", category);
    append(b, "service", service);
    return b.length() == 0 ? "any" : b.toString();
  }

  private static void append(StringBuilder b, String name, String value) {
    if (value != null) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(name).append('=').append(value);
    }
  }
}
