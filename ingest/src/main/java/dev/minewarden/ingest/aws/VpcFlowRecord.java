package dev.minewarden.ingest.aws;

import dev.minewarden.core.event.DottedQuad;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LazyFields;
import dev.minewarden.ingest.support.Bytes;
import dev.minewarden.ingest.support.IpProtocols;
import java.nio.charset.StandardCharsets;

/**
 * One flow log record kept as its bytes, decoding a field when the event is asked for it. The
 * parser has already checked that number columns hold numbers, and read what every record is asked
 * for: the two addresses and the destination port. Any other field splits the line again: the
 * column bounds would be a fifth of the memory a record keeps, for the few records (those that
 * raise an alert) that are asked for more. Immutable in what it answers: any thread may read it,
 * and a field read twice gives equal values.
 */
final class VpcFlowRecord implements LazyFields {
  private final VpcFlowLayout layout;
  private final byte[] line;
  private final Boolean initiated;
  /** The source and destination addresses as {@link #ipv4} gives them, read by the parser. */
  private final long source;
  private final long destination;
  /** The destination port, or {@link Event#NO_NUMBER} when the layout has none or it is "-". */
  private final long destinationPort;
  /**
   * The column bounds, made at the first read that needs them. The write races harmlessly: a
   * thread that sees no columns splits the line itself, and the holder's final field makes the
   * bounds visible with it.
   */
  private Columns columns;

  VpcFlowRecord(VpcFlowLayout layout, byte[] line, Boolean initiated, long source,
      long destination, long destinationPort) {
    this.layout = layout;
    this.line = line;
    this.initiated = initiated;
    this.source = source;
    this.destination = destination;
    this.destinationPort = destinationPort;
  }

  /** Start and end of each column in {@link #line} (a record is at most 65,535 bytes). */
  private static final class Columns {
    final char[] bounds;

    Columns(char[] bounds) {
      this.bounds = bounds;
    }
  }

  private char[] bounds() {
    Columns c = columns;
    if (c == null) {
      c = new Columns(split(line, layout.size()));
      columns = c;
    }
    return c.bounds;
  }

  /** The bounds of a checked record's {@code size} columns, separated by runs of spaces and tabs. */
  static char[] split(byte[] line, int size) {
    char[] bounds = new char[2 * size];
    int i = 0;
    for (int n = 0; n < size; n++) {
      while (line[i] == ' ' || line[i] == '\t') {
        i++;
      }
      bounds[2 * n] = (char) i;
      i = Bytes.nextSpaceOrTab(line, i, line.length);
      bounds[2 * n + 1] = (char) i;
    }
    return bounds;
  }

  @Override
  public Object value(int position) {
    int column = layout.columnOf[position];
    if (column < 0) {
      return initiated == null ? Event.ABSENT : initiated;
    }
    char[] bounds = bounds();
    int s = bounds[2 * column];
    int e = bounds[2 * column + 1];
    if (e - s == 1 && line[s] == '-') {
      return Event.ABSENT; // the field does not apply to this record
    }
    VpcFlowField f = layout.fields[column];
    return switch (f.kind) {
      case TEXT -> text(f, s, e);
      case PROTOCOL -> IpProtocols.name(Bytes.parseDigits(line, s, e));
      case NUMBER, PORT -> VpcFlowLayout.box(Bytes.parseDigits(line, s, e));
    };
  }

  /** Number and port columns are read from the bytes, with no boxed value. */
  @Override
  public long number(int position) {
    int column = layout.columnOf[position];
    if (column < 0) {
      return Event.NO_NUMBER; // Initiated, a Boolean
    }
    if (column == layout.destinationPortColumn) {
      return destinationPort;
    }
    char[] bounds = bounds();
    VpcFlowField.Kind kind = layout.fields[column].kind;
    int s = bounds[2 * column];
    int e = bounds[2 * column + 1];
    if ((kind != VpcFlowField.Kind.NUMBER && kind != VpcFlowField.Kind.PORT)
        || (e - s == 1 && line[s] == '-')) {
      return Event.NO_NUMBER; // text, a protocol name, or absent
    }
    return Bytes.parseDigits(line, s, e);
  }

  /**
   * Address columns are read from the bytes: the source and destination as the parser split the
   * line, any other on request. A dotted quad in a column that is no text is no text.
   */
  @Override
  public long ipv4(int position) {
    int column = layout.columnOf[position];
    if (column < 0 || layout.fields[column].kind != VpcFlowField.Kind.TEXT) {
      return DottedQuad.NONE; // the flow direction, a number or a protocol name
    }
    if (column == layout.sourceColumn) {
      return source;
    }
    if (column == layout.destinationColumn) {
      return destination;
    }
    char[] bounds = bounds();
    return DottedQuad.parse(line, bounds[2 * column], bounds[2 * column + 1]);
  }

  /** The instance id when the record has one, else the interface id, else none. */
  @Override
  public String host() {
    char[] bounds = bounds();
    int column = VpcFlowLineParser.present(line, 0, bounds, layout.instanceColumn)
        ? layout.instanceColumn
        : VpcFlowLineParser.present(line, 0, bounds, layout.interfaceColumn)
            ? layout.interfaceColumn
            : -1;
    if (column < 0) {
      return null;
    }
    int s = bounds[2 * column];
    return new String(line, s, bounds[2 * column + 1] - s, StandardCharsets.UTF_8);
  }

  private Object text(VpcFlowField f, int s, int e) {
    if (f == VpcFlowField.LOG_STATUS && e - s == 2 && line[s] == 'O' && line[s + 1] == 'K') {
      return Event.ABSENT; // OK is the rule; only NODATA and SKIPDATA are worth a field
    }
    return new String(line, s, e - s, StandardCharsets.UTF_8);
  }
}
