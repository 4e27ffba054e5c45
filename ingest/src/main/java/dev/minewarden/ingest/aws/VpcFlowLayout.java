package dev.minewarden.ingest.aws;

import dev.minewarden.core.event.FieldLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The column layout of one VPC flow log file, from its header line or the default format, with the
 * event fields it gives. Immutable: the pieces of one file read by several threads share it.
 */
final class VpcFlowLayout {
  final VpcFlowField[] fields;
  final String[] eventNames;
  /**
   * The event fields: every column but {@code version}, with {@code protocol} as {@code Protocol}
   * (its name), in column order, then {@code Initiated}.
   */
  final FieldLayout events;
  /** For each event field, its column, or -1 for the derived {@code Initiated}. */
  final int[] columnOf;
  /** Whether some column holds numbers, which tells a header line from a record at once. */
  final boolean hasNumbers;
  /** Per column, whether it holds a number (or "-"). */
  final boolean[] numeric;
  /**
   * The first column of each field the parser reads before making the event (the host, the
   * direction, the time and the TCP flags), or -1 when the layout has none.
   */
  final int instanceColumn;
  final int interfaceColumn;
  final int directionColumn;
  final int startColumn;
  final int endColumn;
  final int flagsColumn;
  /**
   * The address columns the parser reads as it splits the line ({@code srcaddr}, {@code dstaddr}),
   * since every rule on flows and the enricher look at them; -1 when the layout has none.
   */
  final int sourceColumn;
  final int destinationColumn;
  /** The {@code dstport} column, read as the record is made: rules and intel select on it. */
  final int destinationPortColumn;

  private VpcFlowLayout(String[] awsNames) {
    int n = awsNames.length;
    fields = new VpcFlowField[n];
    eventNames = new String[n];
    List<String> names = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fields[i] = VpcFlowField.of(awsNames[i]);
      eventNames[i] = fields[i] == VpcFlowField.OTHER ? awsNames[i] : fields[i].eventName;
      if (fields[i] != VpcFlowField.VERSION && !names.contains(eventName(i))) {
        names.add(eventName(i));
        columns.add(i);
      }
    }
    if (!names.contains(INITIATED)) {
      names.add(INITIATED);
      columns.add(-1);
    }
    events = FieldLayout.of(names);
    hasNumbers = Arrays.stream(fields).anyMatch(f -> f.kind != VpcFlowField.Kind.TEXT);
    columnOf = columns.stream().mapToInt(Integer::intValue).toArray();
    numeric = new boolean[n];
    for (int i = 0; i < n; i++) {
      numeric[i] = fields[i].kind != VpcFlowField.Kind.TEXT;
    }
    instanceColumn = columnOf(VpcFlowField.INSTANCE_ID);
    interfaceColumn = columnOf(VpcFlowField.INTERFACE_ID);
    directionColumn = columnOf(VpcFlowField.FLOW_DIRECTION);
    startColumn = columnOf(VpcFlowField.START);
    endColumn = columnOf(VpcFlowField.END);
    flagsColumn = columnOf(VpcFlowField.TCP_FLAGS);
    sourceColumn = columnOf(VpcFlowField.SRCADDR);
    destinationColumn = columnOf(VpcFlowField.DSTADDR);
    destinationPortColumn = columnOf(VpcFlowField.DSTPORT);
  }

  private int columnOf(VpcFlowField f) {
    return Arrays.asList(fields).indexOf(f);
  }

  static final String INITIATED = "Initiated";

  private String eventName(int column) {
    return fields[column] == VpcFlowField.PROTOCOL ? "Protocol" : eventNames[column];
  }

  /** The layout named by a header line's field names, in order. */
  static VpcFlowLayout of(String[] awsNames) {
    return new VpcFlowLayout(awsNames);
  }

  /** The default version 2 layout, for files without a header line. */
  static VpcFlowLayout defaultLayout() {
    return new VpcFlowLayout(VpcFlowField.DEFAULT_FORMAT.split(" "));
  }

  /** How many fields a record of this layout has. */
  int size() {
    return fields.length;
  }

  /** Whether this is the headerless default, for the message of a record that does not fit. */
  boolean isDefault() {
    return String.join(" ", awsNames()).equals(VpcFlowField.DEFAULT_FORMAT);
  }

  private String[] awsNames() {
    String[] names = new String[fields.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = fields[i] == VpcFlowField.OTHER ? eventNames[i] : fields[i].awsName;
    }
    return names;
  }

  /** A boxed number; ports and small counters come from a table made once. */
  static Long box(long value) {
    return value >= 0 && value < Ports.SIZE ? Ports.box((int) value) : Long.valueOf(value);
  }

  /** Boxed longs 0..65535, made once, so ports and small counters cost no allocation. */
  static final class Ports {
    static final int SIZE = 65536;
    private static final Long[] BOXES = new Long[SIZE];

    static {
      for (int i = 0; i < SIZE; i++) {
        BOXES[i] = (long) i;
      }
    }

    private Ports() {}

    static Long box(int value) {
      return BOXES[value];
    }
  }
}
