package dev.minewarden.ingest.aws;

import dev.minewarden.core.event.DottedQuad;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.support.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the lines of one VPC flow log file. A header line (the field names, as S3 delivery writes
 * first) sets the layout; without one the version 2 default applies, and a record whose field count
 * or numbers do not fit it is reported. A record's numbers are checked and its time and host read
 * here; its other fields are decoded only when asked for (a lazy event over a copy of the line), so
 * a record no rule looks at closely costs a scan and a copy. Not thread-safe; one per file.
 */
final class VpcFlowLineParser implements LineParser, ByteLines.Consumer {
  static final LogSource SOURCE = LogSource.exact("aws", "network_connection", "vpcflowlogs");
  private static final int MAX_FIELDS = 64;
  private static final long NONE = Long.MIN_VALUE;
  /** The most digits a number column may have: any such decimal fits a long. */
  private static final int MAX_DIGITS = 18;
  /**
   * The longest record read, in bytes: column bounds are chars. Real records are a few hundred
   * bytes at most.
   */
  private static final int MAX_RECORD = Character.MAX_VALUE;
  private static final byte[] EGRESS = "egress".getBytes(StandardCharsets.US_ASCII);

  private final String path;
  private final int[] starts = new int[MAX_FIELDS];
  private final int[] ends = new int[MAX_FIELDS];
  /**
   * The column bounds of the record being read. A record does not keep them: it splits its line
   * again in the rare case a field beyond its addresses and destination port is asked for.
   */
  private final char[] bounds = new char[2 * MAX_FIELDS];
  private VpcFlowLayout layout;

  VpcFlowLineParser(String path) {
    this(path, null);
  }

  /** A parser for lines after a header has set {@code layout} ({@code null}: none yet). */
  VpcFlowLineParser(String path, VpcFlowLayout layout) {
    this.path = path;
    use(layout);
  }

  private void use(VpcFlowLayout l) {
    layout = l;
  }

  /**
   * Reads only the header lines among the whole lines {@code buf[0, cut)}, for a reader that cuts
   * a file into pieces: the layout in force at the next piece. Record lines start with a digit or
   * an id ({@code eni-0a1b...}) and fail the header test at their first token; the lines that
   * start with a digit (the version, in most layouts) are passed over a word at a time.
   */
  VpcFlowLayout layoutAfter(byte[] buf, int cut, long[] lines) {
    long count = 0;
    for (int from = 0; from < cut; ) {
      if (buf[from] >= '0' && buf[from] <= '9') {
        long skipped = Bytes.skipLinesStartingWithDigit(buf, from, cut);
        count += skipped >>> 32;
        from = (int) skipped;
        continue;
      }
      int nl = Bytes.indexOfNewline(buf, from, cut);
      if (nl >= 0) {
        count++;
      }
      int to = nl < 0 ? cut : nl;
      int end = to > from && buf[to - 1] == '\r' ? to - 1 : to;
      int first = from;
      while (first < end && (buf[first] == ' ' || buf[first] == '\t')) {
        first++;
      }
      if (first < end && ((buf[first] >= 'a' && buf[first] <= 'z') || buf[first] == '-')) {
        int n = tokenize(buf, from, end);
        if (n > 0 && isHeader(buf, n, starts, ends)) {
          use(VpcFlowLayout.of(names(buf, n)));
        }
      }
      from = to + 1;
    }
    lines[0] = count;
    return layout;
  }

  @Override
  public void line(String line, long lineNumber, EventSink sink) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    line(bytes, 0, bytes.length, lineNumber, sink);
  }

  /**
   * Takes one line as UTF-8 bytes, the fast path: the record is read in place and only values not
   * already cached are decoded.
   */
  @Override
  public void line(byte[] buf, int from, int to, long lineNumber, EventSink sink) {
    if (layout != null && layout.hasNumbers && fastRecord(buf, from, to, lineNumber, sink)) {
      return;
    }
    int n = tokenize(buf, from, to);
    if (n == 0) {
      return;
    }
    if (n < 0) {
      sink.malformed(lineNumber, "more than " + MAX_FIELDS + " fields", text(buf, from, to));
      return;
    }
    if (isHeader(buf, n, starts, ends)) {
      use(VpcFlowLayout.of(names(buf, n)));
      return;
    }
    if (layout == null) {
      use(VpcFlowLayout.defaultLayout());
    }
    if (n != layout.size()) {
      sink.malformed(lineNumber, countProblem(n), text(buf, from, to));
      return;
    }
    record(buf, from, to, n, lineNumber, sink);
  }

  private static String text(byte[] buf, int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.UTF_8);
  }

  private String countProblem(int n) {
    String problem = n + " fields where the format has " + layout.size();
    return layout.isDefault() ? problem + " (a custom format without its header line?)" : problem;
  }

  /** Splits on runs of spaces and tabs into {@link #starts}/{@link #ends}; -1 when too many. */
  private int tokenize(byte[] buf, int from, int to) {
    int n = 0;
    int i = from;
    while (i < to) {
      byte c = buf[i];
      if (c == ' ' || c == '\t') {
        i++;
        continue;
      }
      if (n == MAX_FIELDS) {
        return -1;
      }
      starts[n] = i;
      while (i < to && (c = buf[i]) != ' ' && c != '\t') {
        i++;
      }
      ends[n++] = i;
    }
    return n;
  }

  /**
   * The common case in one pass over the bytes: a record of the current layout whose number
   * columns hold numbers (or {@code -}). Returns false, having done nothing, for anything else (a
   * header line, a short or long record, a bad number), which the general path then handles and
   * reports.
   */
  private boolean fastRecord(byte[] line, int from, int to, long lineNumber, EventSink sink) {
    boolean[] numeric = layout.numeric;
    int size = numeric.length;
    if (to - from > MAX_RECORD) {
      return false; // reported by the general path
    }
    char[] bounds = this.bounds;
    long source = DottedQuad.NONE;
    long destination = DottedQuad.NONE;
    int n = 0;
    int i = from;
    while (true) {
      byte c;
      while (i < to && ((c = line[i]) == ' ' || c == '\t')) {
        i++;
      }
      if (i == to) {
        break;
      }
      if (n == size) {
        return false;
      }
      int s = i;
      if (numeric[n] && line[s] != '-') {
        i = Bytes.numberEnd(line, s, to, MAX_DIGITS);
        if (i < 0) {
          return false;
        }
      } else if (n == layout.sourceColumn || n == layout.destinationColumn) {
        // Read as the line is split: every rule on flows and the enricher ask for both.
        long r = DottedQuad.prefix(line, s, to);
        int e = r < 0 ? -1 : s + (int) (r >>> 32);
        long address = DottedQuad.NONE;
        if (e >= 0 && (e == to || line[e] == ' ' || line[e] == '\t')) {
          i = e;
          address = r & 0xFFFF_FFFFL;
        } else {
          i = Bytes.nextSpaceOrTab(line, s, to); // IPv6, "-" or anything else: decoded if asked
        }
        if (n == layout.sourceColumn) {
          source = address;
        } else {
          destination = address;
        }
      } else {
        i = Bytes.nextSpaceOrTab(line, s, to);
        if (numeric[n] && i - s != 1) {
          return false; // "-" stands for an absent number, "-5" for nothing
        }
      }
      bounds[2 * n] = (char) (s - from);
      bounds[2 * n + 1] = (char) (i - from);
      n++;
    }
    if (n != size) {
      return false;
    }
    // The columns that matter before the event is made, read now that the record is known good.
    int direction =
        present(line, from, bounds, layout.directionColumn) ? layout.directionColumn : -1;
    long seconds = number(line, from, bounds, layout.startColumn);
    if (seconds == NONE) {
      seconds = number(line, from, bounds, layout.endColumn);
    }
    emit(line, from, to, bounds, seconds, number(line, from, bounds, layout.flagsColumn),
        direction, source, destination, number(line, from, bounds, layout.destinationPortColumn),
        lineNumber, sink);
    return true;
  }

  /** Whether a column exists in the layout ({@code column >= 0}) and holds more than "-". */
  static boolean present(byte[] line, int from, char[] bounds, int column) {
    if (column < 0) {
      return false;
    }
    int s = bounds[2 * column];
    return bounds[2 * column + 1] - s != 1 || line[from + s] != '-';
  }

  /** A checked number column's value, or {@link #NONE} when the layout lacks it or it is "-". */
  private static long number(byte[] line, int from, char[] bounds, int column) {
    return present(line, from, bounds, column)
        ? Bytes.parseDigits(line, from + bounds[2 * column], from + bounds[2 * column + 1])
        : NONE;
  }

  /**
   * Reports a record whose number column does not hold a number, or else reads it: the same checks
   * as {@link #fastRecord}, which then cannot fail, made one column at a time to name the column.
   */
  private void record(byte[] line, int from, int to, int n, long lineNumber, EventSink sink) {
    if (to - from > MAX_RECORD) {
      sink.malformed(lineNumber, "a record longer than " + MAX_RECORD + " bytes",
          text(line, from, to));
      return;
    }
    VpcFlowField[] fields = layout.fields;
    for (int i = 0; i < n; i++) {
      int s = starts[i];
      int e = ends[i];
      boolean absent = e - s == 1 && line[s] == '-';
      if (fields[i].kind != VpcFlowField.Kind.TEXT && !absent && !isNumber(line, s, e)) {
        sink.malformed(lineNumber, fields[i].awsName + " is not a number", text(line, from, to));
        return;
      }
    }
    if (!fastRecord(line, from, to, lineNumber, sink)) {
      throw new IllegalStateException("a checked record was not read at line " + lineNumber);
    }
  }

  /** Whether {@code line[s, e)} is a non-negative decimal that fits a long. */
  private static boolean isNumber(byte[] line, int s, int e) {
    return e - s <= MAX_DIGITS && Bytes.allDigits(line, s, e);
  }

  /**
   * Makes the event of a checked record; {@code bounds} are relative to {@code from}, {@code
   * seconds} is the start time (the end time when the record has no start).
   */
  private void emit(byte[] line, int from, int to, char[] bounds, long seconds, long flags,
      int direction, long source, long destination, long destinationPort, long lineNumber,
      EventSink sink) {
    // The host (instance or interface id) is read from the record when asked: only the records
    // that raise an alert are asked, and decoding it for every record was 5% of the parse.
    Event.Builder b = Event.builder(SOURCE).source(path, lineNumber).hostFromRecord();
    if (seconds != NONE && seconds < Long.MAX_VALUE / 1000) {
      b.time(seconds * 1000);
    }
    // A SYN without ACK marks the side that opened the connection; with the direction relative to
    // the interface that says whether the monitored side initiated it.
    Boolean initiated = null;
    if (direction >= 0 && flags != NONE && (flags & 2) != 0) {
      int ds = from + bounds[2 * direction];
      int de = from + bounds[2 * direction + 1];
      boolean egress = de - ds == 6 && Arrays.equals(line, ds, de, EGRESS, 0, 6);
      initiated = egress == ((flags & 16) == 0);
    }
    byte[] copy = Arrays.copyOfRange(line, from, to);
    VpcFlowRecord record = new VpcFlowRecord(layout, copy, initiated, source, destination,
        destinationPort == NONE ? Event.NO_NUMBER : destinationPort);
    sink.event(b.buildLazy(layout.events, record));
  }

  /** Whether the line is a header: only lower-case names with hyphens, half of them known. */
  static boolean isHeader(byte[] line, int n, int[] starts, int[] ends) {
    int known = 0;
    for (int t = 0; t < n; t++) {
      for (int i = starts[t]; i < ends[t]; i++) {
        byte c = line[i];
        if ((c < 'a' || c > 'z') && c != '-') {
          return false;
        }
      }
      if (ends[t] - starts[t] == 1) {
        return false; // a lone "-" is an absent value, not a name
      }
      if (VpcFlowField.isKnown(text(line, starts[t], ends[t]))) {
        known++;
      }
    }
    return known * 2 >= n;
  }

  private String[] names(byte[] line, int n) {
    String[] names = new String[n];
    for (int t = 0; t < n; t++) {
      names[t] = text(line, starts[t], ends[t]);
    }
    return names;
  }
}
