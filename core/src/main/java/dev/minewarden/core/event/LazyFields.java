package dev.minewarden.core.event;

/**
 * The source of a lazy event's field values ({@link Event.Builder#buildLazy}): the record a parser
 * kept, able to read one field of it on request.
 */
@FunctionalInterface
public interface LazyFields {
  /**
   * The value of the field at a layout position, or {@link Event#ABSENT} when this record does not
   * have it. Must return equal values on every call, from any thread.
   */
  Object value(int position);

  /** What {@link #ipv4} returns when the record cannot tell without decoding the value. */
  long UNKNOWN = -2;

  /**
   * The field at a layout position as {@link Event#ipv4} reads it: the plain dotted-quad IPv4
   * address that {@link #value} would give as text, as an unsigned 32-bit value; {@link
   * DottedQuad#NONE} when the value is absent, no text, or text of another form; or {@link
   * #UNKNOWN} to have the event decode the value and look. A record that keeps its bytes can
   * answer without making a string.
   */
  default long ipv4(int position) {
    return UNKNOWN;
  }

  /**
   * The field at a layout position as {@link Event#number} reads it: the whole number that {@link
   * #value} would give as a {@code Long}, or {@link Event#NO_NUMBER} to have the event decode the
   * value and look. A record that keeps its bytes can answer without boxing.
   */
  default long number(int position) {
    return Event.NO_NUMBER;
  }

  /**
   * The record's host, for an event built with {@link Event.Builder#hostFromRecord}: the host name,
   * instance id or address, or {@code null} when the record has none. Must return equal values on
   * every call, from any thread.
   */
  default String host() {
    return null;
  }
}
