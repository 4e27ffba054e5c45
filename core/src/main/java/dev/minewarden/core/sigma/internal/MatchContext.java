package dev.minewarden.core.sigma.internal;

import dev.minewarden.core.event.Event;
import java.util.List;

/**
 * The per-thread scratch state of matching one event: which fields have been scanned for this event
 * (by generation stamp, so nothing is cleared between events) and the bits their scans set.
 * Not thread-safe: one per thread per engine.
 */
final class MatchContext {
  private final FieldIndex[] fields;
  private final long[] stamps;
  final long[] bits;
  Event event;
  /** Per rule: the generation of the last event that fired one of its trigger tests. */
  final long[] candidates;
  long generation;

  MatchContext(FieldIndex[] fields, int words, int rules) {
    this.fields = fields;
    this.stamps = new long[fields.length];
    this.bits = new long[words];
    this.candidates = new long[rules];
  }

  void start(Event e) {
    event = e;
    generation++;
  }

  /** Scans the field of a slot unless it was already scanned for this event. */
  void ensure(int slot) {
    if (stamps[slot] != generation) {
      stamps[slot] = generation;
      scan(fields[slot]);
    }
  }

  private void scan(FieldIndex f) {
    int from = f.base() >>> 6;
    java.util.Arrays.fill(bits, from, from + f.words(), 0L);
    if (f.field == null) {
      for (Object v : event.fields().values()) {
        scanStrings(f, v);
      }
    } else {
      scanValue(f, event.get(f.field));
    }
  }

  private void scanValue(FieldIndex f, Object v) {
    if (v instanceof String s) {
      f.scan(s, bits);
    } else if (v instanceof List<?> list) {
      for (Object o : list) {
        if (o != null && !(o instanceof List<?>)) {
          f.scan(Pred.text(o), bits);
        }
      }
    } else if (v != null) {
      f.scan(Pred.text(v), bits);
    }
  }

  /** Keyword searches look at string values and string list elements only. */
  private void scanStrings(FieldIndex f, Object v) {
    if (v instanceof String s) {
      f.scan(s, bits);
    } else if (v instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s) {
          f.scan(s, bits);
        }
      }
    }
  }
}
