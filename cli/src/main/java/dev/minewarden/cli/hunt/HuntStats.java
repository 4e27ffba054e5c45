package dev.minewarden.cli.hunt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a hunt read and how it went: files, events per format, malformed records with the first
 * few examples, files that failed. Thread-safe: workers update it concurrently.
 */
public final class HuntStats {
  /** How many malformed records are kept as examples for the summary. */
  public static final int EXAMPLES_KEPT = 5;

  private final LongAdder filesRead = new LongAdder();
  private final LongAdder bytesRead = new LongAdder();
  private final Map<String, LongAdder> eventsByFormat = new ConcurrentHashMap<>();
  private final AtomicLong malformed = new AtomicLong();
  private final List<String> examples = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  /** A file was opened and parsed (fully or partly). */
  void fileRead() {
    filesRead.increment();
  }

  /** The live counter of raw bytes read, for progress. */
  LongAdder bytesCounter() {
    return bytesRead;
  }

  /** The counter of events parsed in a format. */
  LongAdder eventsCounter(String format) {
    return eventsByFormat.computeIfAbsent(format, f -> new LongAdder());
  }

  /** Records one malformed record; the first few are kept as examples. */
  void malformed(String file, long line, String reason, String excerpt) {
    if (malformed.incrementAndGet() <= EXAMPLES_KEPT) {
      String where = line > 0 ? file + ":" + line : file;
      String text = excerpt == null || excerpt.isEmpty() ? "" : ": " + excerpt;
      synchronized (examples) {
        examples.add(where + ": " + reason + text);
      }
    }
  }

  /** Records a file that could not be read to its end, or at all. */
  public void failed(String file, String why) {
    synchronized (failures) {
      failures.add(file + ": " + why);
    }
  }

  /** Files read. */
  public long filesRead() {
    return filesRead.sum();
  }

  /** Raw bytes read (as stored, before decompression). */
  public long bytesRead() {
    return bytesRead.sum();
  }

  /** Events parsed per format, sorted by format name. */
  public Map<String, Long> eventsByFormat() {
    Map<String, Long> out = new TreeMap<>();
    eventsByFormat.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Events parsed in all formats. */
  public long events() {
    return eventsByFormat.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Malformed records counted. */
  public long malformed() {
    return malformed.get();
  }

  /** The first malformed records, as {@code file:line: reason: excerpt}. */
  public List<String> malformedExamples() {
    synchronized (examples) {
      return List.copyOf(examples);
    }
  }

  /** Files that failed, as {@code file: why}. */
  public List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  /** Whether anything was skipped: the run was partial. */
  public boolean partial() {
    return malformed() > 0 || !failures().isEmpty();
  }
}
