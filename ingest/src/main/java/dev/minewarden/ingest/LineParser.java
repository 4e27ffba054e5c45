package dev.minewarden.ingest;

/**
 * The per-file state of a line-oriented format: takes the lines of one file in order. A new
 * instance is made for every file, so it may keep state between lines (a Zeek header, an auditd
 * event still being assembled). Pure: no I/O.
 */
public interface LineParser {
  /**
   * Takes one line, without its terminator.
   *
   * @param line the line's text (invalid UTF-8 already replaced by U+FFFD)
   * @param lineNumber its 1-based number in the file
   * @param sink where events and malformed records go
   */
  void line(String line, long lineNumber, EventSink sink);

  /** Called after the last line, to emit whatever is still being assembled. */
  default void end(EventSink sink) {}
}
