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
  /** Keyword scans of the current event, by a cheap key of the value: see scanOnce. */
  private static final int SEEN = 32;
  private final String[] seen = new String[SEEN];
  private final long[] seenStamps = new long[SEEN];
  private static final int NUMBERS = 1024;
  private final String[] numberText = new String[NUMBERS];
  private final long[] numberKeys = new long[NUMBERS];
  /** Scratch space the automata copy values into. */
  private final char[] buf = new char[4096];
  final long[] bits;
  Event event;
  /** The rules to evaluate for the current event, one bit per rule, in rule order. */
  final long[] candidates;
  long generation;

  MatchContext(FieldIndex[] fields, int words, int rules) {
    this.fields = fields;
    this.stamps = new long[fields.length];
    this.bits = new long[words];
    this.candidates = new long[(rules + 63) >>> 6];
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
      for (int i = 0, n = event.fieldCount(); i < n; i++) {
        scanStrings(f, event.fieldValue(i));
      }
    } else {
      scanValue(f, event.get(f.field));
    }
  }

  private void scanValue(FieldIndex f, Object v) {
    if (v instanceof String s) {
      f.scan(s, bits, buf);
    } else if (v instanceof List<?> list) {
      for (Object o : list) {
        if (o != null && !(o instanceof List<?>)) {
          f.scan(Pred.text(o), bits, buf);
        }
      }
    } else if (v instanceof Long n) {
      if (f.equalsOnly()) {
        f.scanNumber(n, bits);
      } else {
        f.scan(text(n), bits, buf);
      }
    } else if (v != null) {
      f.scan(Pred.text(v), bits, buf);
    }
  }

  /** Numbers as text, from a small cache: ports, counts and ids repeat from event to event. */
  private String text(Long n) {
    long v = n;
    int k = (int) (v ^ (v >>> 32)) & (NUMBERS - 1);
    String t = numberText[k];
    if (t == null || numberKeys[k] != v) {
      t = Long.toString(v);
      numberText[k] = t;
      numberKeys[k] = v;
    }
    return t;
  }

  /** Keyword searches look at string values and string list elements only. */
  private void scanStrings(FieldIndex f, Object v) {
    if (v instanceof String s) {
      scanOnce(f, s);
    } else if (v instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s) {
          scanOnce(f, s);
        }
      }
    }
  }

  /**
   * Scans a value for keywords unless an equal value of this event was just scanned: events
   * repeat values under several names (auditd's {@code exe}, {@code Image} and {@code name}), and
   * a second scan would only set the same bits again.
   */
  private void scanOnce(FieldIndex f, String s) {
    int n = s.length();
    if (n == 0) {
      f.scan(s, bits, buf);
      return;
    }
    int k = (n * 31 + s.charAt(0) * 7 + s.charAt(n - 1)) & (SEEN - 1);
    String prev = seen[k];
    if (seenStamps[k] == generation && (prev == s || prev.equals(s))) {
      return;
    }
    seen[k] = s;
    seenStamps[k] = generation;
    f.scan(s, bits, buf);
  }
}
