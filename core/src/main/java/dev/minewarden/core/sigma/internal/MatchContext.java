package dev.minewarden.core.sigma.internal;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.FieldLayout;
import java.util.List;

/**
 * The per-thread scratch state of matching one event: which fields have been scanned for this event
 * (by generation stamp, so nothing is cleared between events), with the trigger tests only or with
 * all, and the bits their scans set. Not thread-safe: one per thread per engine.
 */
final class MatchContext {
  private final FieldIndex[] fields;
  /** Per field, the generation whose trigger tests (at least) have been scanned. */
  private final long[] stamps;
  /** Per field, the generation whose every test has been scanned. */
  private final long[] fullStamps;
  /** Keyword scans of the current event, by a cheap key of the value: see scanOnce. */
  private static final int SEEN = 32;
  private final String[] seen = new String[SEEN];
  private final long[] seenStamps = new long[SEEN];
  private static final int NUMBERS = 1024;
  private final String[] numberText = new String[NUMBERS];
  private final long[] numberKeys = new long[NUMBERS];
  /**
   * Values up to this long have their substring scans remembered per field ({@link ScanCache}):
   * the fields that repeat are short; a long value, such as a command line, is mostly new and
   * would only be hashed and kept for nothing.
   */
  private static final int CACHED_LENGTH = 64;
  /**
   * A value shorter than this is walked faster than it is hashed and compared with the cached one,
   * whose text is seldom in the processor's near caches.
   */
  private static final int MIN_CACHED_LENGTH = 12;
  /** Per slot, the scan caches of its trigger and its full matchers, made on first use. */
  private final ScanCache[] triggerCaches;
  private final ScanCache[] fullCaches;
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
    this.fullStamps = new long[fields.length];
    this.triggerCaches = new ScanCache[fields.length];
    this.fullCaches = new ScanCache[fields.length];
    this.bits = new long[words];
    this.candidates = new long[(rules + 63) >>> 6];
  }

  void start(Event e) {
    event = e;
    generation++;
  }

  /**
   * The slots of {@code slots} whose field the current event can have: all of them, except for a
   * lazy event, whose layout tells which fields exist; kept for the last layout and slot list
   * seen. A slot left out is not scanned, so its bits are stale, but nothing reads them unless a
   * rule's test asks for the slot, and {@link #ensure} then scans it. A flow record skips the
   * host-name field of network rules this way.
   */
  int[] present(int[] slots) {
    FieldLayout layout = event.layout();
    if (layout == null) {
      return slots;
    }
    if (layout != presentLayout || slots != presentOf) {
      presentSlots = java.util.Arrays.stream(slots)
          .filter(s -> fields[s].field == null || layout.has(fields[s].field))
          .toArray();
      presentLayout = layout;
      presentOf = slots;
    }
    return presentSlots;
  }

  private FieldLayout presentLayout;
  private int[] presentOf;
  private int[] presentSlots;

  /** Sets the trigger bits of a slot's field unless already set for this event. */
  void ensure(int slot) {
    if (stamps[slot] != generation) {
      stamps[slot] = generation;
      scan(fields[slot], false);
    }
  }

  /** Sets every bit of a slot's field unless already set for this event. */
  void ensureFull(int slot) {
    if (fullStamps[slot] != generation) {
      fullStamps[slot] = generation;
      stamps[slot] = generation;
      scan(fields[slot], true);
    }
  }

  private void scan(FieldIndex f, boolean all) {
    int from = f.base() >>> 6;
    java.util.Arrays.fill(bits, from, from + f.words(), 0L);
    if (f.field == null) {
      long stamp = generation * 2 + (all ? 1 : 0);
      for (int i = 0, n = event.fieldCount(); i < n; i++) {
        scanStrings(f, event.fieldValue(i), all, stamp);
      }
    } else if (f.cidrOnly()) {
      // Addresses tested only against networks: a plain dotted quad needs no text, and a lazy
      // record (a flow log line) reads it from its bytes.
      long a = event.ipv4(f.field);
      if (a >= 0) {
        f.scanV4((int) a, bits, all);
      } else {
        scanValue(f, event.get(f.field), all);
      }
    } else if (f.equalsOnly() && event.isLazy()) {
      // A whole number needs no text either: a flow record's port is read from its bytes,
      // without fetching a boxed value that is cold in the cache. (A plain event's value is read
      // once by the general path, which tests numbers the same way.)
      long n = event.number(f.field);
      if (n != Event.NO_NUMBER) {
        f.scanNumber(n, bits, all);
      } else {
        scanValue(f, event.get(f.field), all);
      }
    } else {
      scanValue(f, event.get(f.field), all);
    }
  }

  private void scanValue(FieldIndex f, Object v, boolean all) {
    // String and Long before List: a final class is tested by one compare, an interface by a scan
    // of the value's class's interfaces: for a flow record's port, a tenth of its matching time.
    if (v instanceof String s) {
      scanText(f, s, all);
    } else if (v instanceof Long n) {
      if (f.equalsOnly()) {
        f.scanNumber(n, bits, all);
      } else {
        scanText(f, text(n), all);
      }
    } else if (v instanceof List<?> list) {
      for (Object o : list) {
        if (o != null && !(o instanceof List<?>)) {
          scanText(f, Pred.text(o), all);
        }
      }
    } else if (v != null) {
      scanText(f, Pred.text(v), all);
    }
  }

  /** Scans one text value of a field, through the field's scan cache when that pays. */
  private void scanText(FieldIndex f, String s, boolean all) {
    int n = s.length();
    if (n < MIN_CACHED_LENGTH || n > CACHED_LENGTH || !f.scansSubstrings(all)) {
      f.scan(s, bits, buf, all);
      return;
    }
    ScanCache[] caches = all ? fullCaches : triggerCaches;
    ScanCache c = caches[f.slot];
    if (c == null) {
      c = new ScanCache(f.words());
      caches[f.slot] = c;
    }
    c.scan(f, s, bits, buf, all);
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
  private void scanStrings(FieldIndex f, Object v, boolean all, long stamp) {
    if (v instanceof String s) {
      scanOnce(f, s, all, stamp);
    } else if (v instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s) {
          scanOnce(f, s, all, stamp);
        }
      }
    }
  }

  /**
   * Scans a value for keywords unless an equal value of this event was just scanned: events
   * repeat values under several names (auditd's {@code exe}, {@code Image} and {@code name}), and
   * a second scan would only set the same bits again.
   */
  private void scanOnce(FieldIndex f, String s, boolean all, long stamp) {
    int n = s.length();
    if (n == 0) {
      f.scan(s, bits, buf, all);
      return;
    }
    int k = (n * 31 + s.charAt(0) * 7 + s.charAt(n - 1)) & (SEEN - 1);
    String prev = seen[k];
    if (seenStamps[k] == stamp && (prev == s || prev.equals(s))) {
      return;
    }
    seen[k] = s;
    seenStamps[k] = stamp;
    scanText(f, s, all);
  }
}
