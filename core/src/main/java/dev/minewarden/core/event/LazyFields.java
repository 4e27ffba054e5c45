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
}
