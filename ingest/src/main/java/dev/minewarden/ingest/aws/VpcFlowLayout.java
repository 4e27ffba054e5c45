package dev.minewarden.ingest.aws;

/**
 * The column layout of one VPC flow log file, from its header line or the default format, with a
 * string cache and a last-number slot per column. Not thread-safe; one per file.
 */
final class VpcFlowLayout {
  final VpcFlowField[] fields;
  final String[] eventNames;
  final StringCache[] caches;
  final Long[] lastNumbers;

  private VpcFlowLayout(String[] awsNames) {
    int n = awsNames.length;
    fields = new VpcFlowField[n];
    eventNames = new String[n];
    caches = new StringCache[n];
    lastNumbers = new Long[n];
    for (int i = 0; i < n; i++) {
      fields[i] = VpcFlowField.of(awsNames[i]);
      eventNames[i] = fields[i] == VpcFlowField.OTHER ? awsNames[i] : fields[i].eventName;
      caches[i] = new StringCache();
    }
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

  /**
   * A boxed number for column {@code i}, reusing the column's last box when the value repeats (the
   * {@code start}/{@code end} of one capture window repeat on many lines).
   */
  Long box(int i, long value) {
    Long last = lastNumbers[i];
    if (last != null && last == value) {
      return last;
    }
    Long boxed = value >= 0 && value < Ports.SIZE ? Ports.box((int) value) : Long.valueOf(value);
    lastNumbers[i] = boxed;
    return boxed;
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
