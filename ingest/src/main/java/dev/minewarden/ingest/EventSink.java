package dev.minewarden.ingest;

import dev.minewarden.core.event.Event;

/**
 * Receives what a parser makes of its input: events, and records it could not read. Parsers call
 * it from the thread that parses; implementations decide whether that must be thread-safe.
 */
public interface EventSink {
  /** Takes one parsed event. */
  void event(Event event);

  /**
   * Reports a record that could not be parsed. The run goes on; the hunt counts and reports it.
   *
   * @param line the 1-based line of the record in its file, or 0 when the input has no lines
   * @param reason what was wrong, in a few words ("no timestamp", "truncated gzip stream")
   * @param excerpt the start of the offending text (callers truncate and escape it before display)
   */
  void malformed(long line, String reason, String excerpt);
}
