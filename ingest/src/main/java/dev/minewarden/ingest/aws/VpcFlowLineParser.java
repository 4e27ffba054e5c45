package dev.minewarden.ingest.aws;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.support.IpProtocols;
import java.nio.charset.StandardCharsets;

/**
 * Reads the lines of one VPC flow log file. A header line (the field names, as S3 delivery writes
 * first) sets the layout; without one the version 2 default applies, and a record whose field count
 * or numbers do not fit it is reported. Fields are found by scanning indexes, numbers are read in
 * place, and text values come from per-column caches, so a record costs little besides its event.
 * Not thread-safe; one per file.
 */
final class VpcFlowLineParser implements LineParser, ByteLines.Consumer {
  static final LogSource SOURCE = LogSource.exact("aws", "network_connection", "vpcflowlogs");
  private static final int MAX_FIELDS = 64;
  private static final long NONE = Long.MIN_VALUE;

  private final String path;
  private final int[] starts = new int[MAX_FIELDS];
  private final int[] ends = new int[MAX_FIELDS];
  private VpcFlowLayout layout;

  VpcFlowLineParser(String path) {
    this.path = path;
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
    int n = tokenize(buf, from, to);
    if (n == 0) {
      return;
    }
    if (n < 0) {
      sink.malformed(lineNumber, "more than " + MAX_FIELDS + " fields", text(buf, from, to));
      return;
    }
    if (isHeader(buf, n, starts, ends)) {
      layout = VpcFlowLayout.of(names(buf, n));
      return;
    }
    if (layout == null) {
      layout = VpcFlowLayout.defaultLayout();
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

  private void record(byte[] line, int from, int to, int n, long lineNumber, EventSink sink) {
    Event.Builder b = Event.builder(SOURCE).source(path, lineNumber);
    long start = NONE;
    long end = NONE;
    long flags = NONE;
    String instance = null;
    String iface = null;
    String direction = null;
    VpcFlowField[] fields = layout.fields;
    for (int i = 0; i < n; i++) {
      int s = starts[i];
      int e = ends[i];
      if (e - s == 1 && line[s] == '-') {
        continue; // "-": the field does not apply to this record
      }
      VpcFlowField f = fields[i];
      if (f.kind == VpcFlowField.Kind.TEXT) {
        if (f == VpcFlowField.LOG_STATUS && e - s == 2 && line[s] == 'O' && line[s + 1] == 'K') {
          continue; // OK is the rule; only NODATA and SKIPDATA are worth a field
        }
        String v = layout.caches[i].get(line, s, e);
        b.field(layout.eventNames[i], v);
        switch (f) {
          case INSTANCE_ID -> instance = v;
          case INTERFACE_ID -> iface = v;
          case FLOW_DIRECTION -> direction = v;
          default -> { }
        }
        continue;
      }
      long v = parseLong(line, s, e);
      if (v == NONE) {
        sink.malformed(lineNumber, f.awsName + " is not a number", text(line, from, to));
        return;
      }
      switch (f) {
        case VERSION -> { } // checked to be a number; it describes the file, not the flow
        case PROTOCOL -> b.field("Protocol", IpProtocols.name(v));
        case START -> start = v;
        case END -> end = v;
        case TCP_FLAGS -> flags = v;
        default -> { }
      }
      if (f != VpcFlowField.VERSION && f != VpcFlowField.PROTOCOL) {
        b.field(layout.eventNames[i], layout.box(i, v));
      }
    }
    finish(b, start, end, instance != null ? instance : iface, direction, flags);
    sink.event(b.build());
  }

  private static void finish(Event.Builder b, long start, long end, String host, String direction,
      long flags) {
    long seconds = start != NONE ? start : end;
    if (seconds != NONE && seconds < Long.MAX_VALUE / 1000) {
      b.time(seconds * 1000);
    }
    b.host(host);
    // A SYN without ACK marks the side that opened the connection; with the direction relative to
    // the interface that says whether the monitored side initiated it.
    if (direction != null && flags != NONE && (flags & 2) != 0) {
      boolean synOnly = (flags & 16) == 0;
      b.field("Initiated", direction.equals("egress") == synOnly);
    }
  }

  /** A non-negative decimal in {@code line[s, e)}, or {@link #NONE}. */
  private static long parseLong(byte[] line, int s, int e) {
    if (e - s > 18) {
      return NONE;
    }
    long v = 0;
    for (int i = s; i < e; i++) {
      int d = line[i] - '0';
      if (d < 0 || d > 9) {
        return NONE;
      }
      v = v * 10 + d;
    }
    return v;
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
