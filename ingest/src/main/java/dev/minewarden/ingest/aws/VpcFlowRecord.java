package dev.minewarden.ingest.aws;

import dev.minewarden.core.event.DottedQuad;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LazyFields;
import dev.minewarden.ingest.support.Bytes;
import dev.minewarden.ingest.support.IpProtocols;
import java.nio.charset.StandardCharsets;

/**
 * One flow log record kept as its bytes and column bounds, decoding a field when the event is asked
 * for it. The parser has already checked that number columns hold numbers. Immutable: any thread
 * may read it, and a field read twice gives equal values.
 */
final class VpcFlowRecord implements LazyFields {
  private final VpcFlowLayout layout;
  private final byte[] line;
  /** Start and end of each column in {@link #line} (a record is at most 65,535 bytes). */
  private final char[] bounds;
  private final Boolean initiated;
  /** The source and destination addresses as {@link #ipv4} gives them, read by the parser. */
  private final long source;
  private final long destination;

  VpcFlowRecord(VpcFlowLayout layout, byte[] line, char[] bounds, Boolean initiated, long source,
      long destination) {
    this.layout = layout;
    this.line = line;
    this.bounds = bounds;
    this.initiated = initiated;
    this.source = source;
    this.destination = destination;
  }

  @Override
  public Object value(int position) {
    int column = layout.columnOf[position];
    if (column < 0) {
      return initiated == null ? Event.ABSENT : initiated;
    }
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
    return DottedQuad.parse(line, bounds[2 * column], bounds[2 * column + 1]);
  }

  /** The instance id when the record has one, else the interface id, else none. */
  @Override
  public String host() {
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
