package dev.minewarden.core.event;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * One normalised event from any source: a log line, an auditd record group, a flow, a packet
 * exchange, a process seen in {@code /proc}.
 *
 * <p>Fields use Sigma taxonomy names ({@code Image}, {@code CommandLine}, {@code ParentImage},
 * {@code User}, {@code CurrentDirectory}, {@code DestinationIp}, {@code DestinationPort}, {@code
 * DestinationHostname}, {@code query}, {@code TargetFilename}, ...) so public Sigma rules apply as
 * written. Every other field of the source is kept under its own name; nested objects are flattened
 * with dots ({@code userIdentity.arn}). Values are {@link String}, {@link Long}, {@link Double},
 * {@link Boolean}, {@link java.util.List} of those, or {@code null} (a field present with a null
 * value, which Sigma's {@code null} matches).
 *
 * <p>Besides the fields, an event has its event time (epoch milliseconds, {@link #NO_TIME} when
 * the source has none), the host it happened on, its {@link LogSource}, and where it was read
 * from: a file path and the first line of its record.
 *
 * <p>An event is built once by a parser and then only read: it is safe to share between threads
 * after construction. Field names are case-sensitive.
 *
 * <p>Fields are kept in two parallel arrays with a small open-addressing index of positions, not in
 * a {@code LinkedHashMap}: an event is built for every log line and read by every rule, and the
 * map's entry objects were half the cost of building a flow-log event. Look-ups compare names by
 * identity first, since parsers and compiled rules use interned constants.
 */
public final class Event {
  /** Event time of an event whose source carries no time. */
  public static final long NO_TIME = Long.MIN_VALUE;

  private final LogSource logSource;
  private final long timestampMillis;
  /** The host, or {@link #HOST_UNREAD} for a lazy event whose record gives it on request. */
  private final String host;
  /**
   * The host a lazy event's record gave ({@link Builder#hostFromRecord}), once asked. The write
   * races harmlessly, as {@link #values} do: every thread reads an equal string from the record.
   */
  private String hostRead;
  private final String[] names;
  /**
   * The values by position. For a lazy event a slot is {@code null} until its value is read, then
   * the value, {@link #NULL_VALUE} or {@link #ABSENT}, and the array itself is made at the first
   * read: rules and the enricher mostly ask a flow record for numbers and addresses its record
   * answers without keeping anything. Writes race harmlessly, since every thread reads the same
   * immutable value from the same record (a thread whose array is replaced reads a value again).
   */
  private Object[] values;
  private final int size;
  /** Open-addressing index: slot -> field position + 1, 0 when empty. Length a power of two. */
  private final int[] index;
  private final LazyFields lazy;
  private final FieldLayout layout;
  private final String sourcePath;
  private final long sourceLine;
  private Map<String, Object> view;
  /** A lazy event's present fields, decoded and packed, made on first iteration. */
  private Packed packed;

  /** What a lazy event's source returns for a field this record does not have. */
  public static final Object ABSENT = new Object() {
    @Override
    public String toString() {
      return "ABSENT";
    }
  };

  private static final Object NULL_VALUE = new Object();

  /** Marks a host still to be read from the record; compared by identity. */
  private static final String HOST_UNREAD = new String("(host unread)");

  /**
   * Every field given: the builder is not passed in, so that a parser's builder, used and dropped
   * in one method, need not be allocated at all (a flow log makes millions of events).
   */
  private Event(LogSource logSource, long timestampMillis, String host, String sourcePath,
      long sourceLine, String[] names, Object[] values, int size, int[] index, FieldLayout layout,
      LazyFields lazy) {
    this.logSource = logSource;
    this.timestampMillis = timestampMillis;
    this.host = host;
    this.names = names;
    this.values = values; // null for a lazy event: made by the first load
    this.size = size;
    this.index = index;
    this.lazy = lazy;
    this.layout = layout;
    this.sourcePath = sourcePath;
    this.sourceLine = sourceLine;
  }

  /** Starts an event of the given logsource. */
  public static Builder builder(LogSource logSource) {
    return new Builder(Objects.requireNonNull(logSource, "logSource"), 8);
  }

  /**
   * Starts an event of the given logsource that will have about {@code expectedFields} fields, so
   * the builder does not grow its arrays on the way.
   */
  public static Builder builder(LogSource logSource, int expectedFields) {
    return new Builder(Objects.requireNonNull(logSource, "logSource"), expectedFields);
  }

  /** The logsource of this event; {@link LogSource#ANY} when the input does not say. */
  public LogSource logSource() {
    return logSource;
  }

  /** Event time in epoch milliseconds, or {@link #NO_TIME}. */
  public long timestampMillis() {
    return timestampMillis;
  }

  /** Whether the source gave this event a time. */
  public boolean hasTime() {
    return timestampMillis != NO_TIME;
  }

  /** Event time as an instant, or {@code null} when the source has none. */
  public Instant timestamp() {
    return hasTime() ? Instant.ofEpochMilli(timestampMillis) : null;
  }

  /** The host name, instance id or address the event happened on, or {@code null}. */
  public String host() {
    if (host != HOST_UNREAD) {
      return host;
    }
    String h = hostRead;
    if (h == null) {
      h = lazy.host();
      hostRead = h;
    }
    return h;
  }

  /**
   * The value of a field, or {@code null} when the field is absent or null.
   *
   * @see #has(String)
   */
  public Object get(String field) {
    int i = find(names, index, field);
    if (i < 0) {
      return null;
    }
    Object v = kept(i);
    if (lazy == null) {
      return v;
    }
    if (v == null) {
      v = load(i);
    }
    return v == ABSENT || v == NULL_VALUE ? null : v;
  }

  /**
   * A field's value as an IPv4 address when it is text written as a plain dotted quad ({@code
   * 203.0.113.7}), as an unsigned 32-bit value; {@link DottedQuad#NONE} otherwise (absent, null,
   * no text, or another form such as IPv6, which callers then read with {@link #get}). A lazy
   * event answers from its record's bytes when the record can.
   */
  public long ipv4(String field) {
    int i = find(names, index, field);
    if (i < 0) {
      return DottedQuad.NONE;
    }
    Object v = kept(i);
    if (lazy != null && v == null) {
      long a = lazy.ipv4(i);
      if (a != LazyFields.UNKNOWN) {
        return a;
      }
      v = load(i);
    }
    return v instanceof String s ? DottedQuad.parse(s) : DottedQuad.NONE;
  }

  /** What {@link #number} returns for a field whose value is no {@code Long}. */
  public static final long NO_NUMBER = Long.MIN_VALUE;

  /**
   * A field's value when it is a whole number (a {@code Long}: ports, counts, ids), {@link
   * #NO_NUMBER} otherwise (absent, null, text, another type; callers then read it with {@link
   * #get}). A lazy event answers from its record's bytes when the record can, with no boxed value
   * to fetch from memory.
   */
  public long number(String field) {
    int i = find(names, index, field);
    if (i < 0) {
      return NO_NUMBER;
    }
    Object v = kept(i);
    if (lazy != null && v == null) {
      long n = lazy.number(i);
      if (n != NO_NUMBER) {
        return n;
      }
      v = load(i);
    }
    return v instanceof Long n ? n : NO_NUMBER;
  }

  /** The value kept at a position; for a lazy event {@code null} until read. */
  private Object kept(int i) {
    Object[] vs = values;
    return vs == null ? null : vs[i];
  }

  /** Reads a lazy event's field from its record and keeps it. */
  private Object load(int i) {
    Object v = lazy.value(i);
    if (v == null) {
      v = NULL_VALUE;
    }
    Object[] vs = values;
    if (vs == null) {
      vs = new Object[size];
      values = vs;
    }
    vs[i] = v;
    return v;
  }

  /** The value of a field as text ({@code null} when absent or null). */
  public String getString(String field) {
    Object v = get(field);
    return v == null ? null : v.toString();
  }

  /** Whether the field is present, even with a null value. */
  public boolean has(String field) {
    int i = find(names, index, field);
    if (i < 0 || lazy == null) {
      return i >= 0;
    }
    Object v = kept(i);
    return (v == null ? load(i) : v) != ABSENT;
  }

  /** How many fields the event has. */
  public int fieldCount() {
    return lazy == null ? size : packed().size;
  }

  /** The name of the field at a position, {@code 0 <= i < fieldCount()}, in the order set. */
  public String fieldName(int i) {
    if (lazy != null) {
      Packed p = packed();
      Objects.checkIndex(i, p.size);
      return p.names[i];
    }
    Objects.checkIndex(i, size);
    return names[i];
  }

  /** The value of the field at a position, {@code 0 <= i < fieldCount()}, in the order set. */
  public Object fieldValue(int i) {
    if (lazy != null) {
      Packed p = packed();
      Objects.checkIndex(i, p.size);
      return p.values[i];
    }
    Objects.checkIndex(i, size);
    return values[i];
  }

  /** Whether fields are read from the record on first access ({@link Builder#buildLazy}). */
  public boolean isLazy() {
    return lazy != null;
  }

  /**
   * The layout a lazy event shares with the other records of its file, or {@code null} for an
   * event built field by field: callers that look for the same fields in every event can work out
   * once per layout which of them exist.
   */
  public FieldLayout layout() {
    return layout;
  }

  private Packed packed() {
    Packed p = packed;
    if (p == null) {
      String[] n = new String[size];
      Object[] v = new Object[size];
      int k = 0;
      for (int i = 0; i < size; i++) {
        Object x = kept(i);
        if (x == null) {
          x = load(i);
        }
        if (x != ABSENT) {
          n[k] = names[i];
          v[k++] = x == NULL_VALUE ? null : x;
        }
      }
      p = new Packed(n, v, k);
      packed = p;
    }
    return p;
  }

  /** The present fields of a lazy event, in layout order. Immutable once made. */
  private static final class Packed {
    final String[] names;
    final Object[] values;
    final int size;

    Packed(String[] names, Object[] values, int size) {
      this.names = names;
      this.values = values;
      this.size = size;
    }
  }

  /** All fields, in the order the parser set them. Unmodifiable. */
  public Map<String, Object> fields() {
    Map<String, Object> v = view;
    if (v == null) {
      v = new FieldsView();
      view = v;
    }
    return v;
  }

  /** The file the event was read from, {@code -} for standard input, or {@code null}. */
  public String sourcePath() {
    return sourcePath;
  }

  /** The first line (1-based) of the record in its file, or 0 when the input has no lines. */
  public long sourceLine() {
    return sourceLine;
  }

  /**
   * This event with more fields after its own, as an enricher adds them. A lazy event stays lazy:
   * its record is not decoded for the copy, and the new fields follow its layout's in a layout
   * made once per layout and list of names. When one of the names is already a field of the
   * event, its value is replaced, as on a {@link #toBuilder} copy, and the copy is a plain event.
   *
   * @param names the new fields' names, distinct
   * @param values their values, in the same order
   */
  public Event withFields(List<String> names, List<?> values) {
    if (names.size() != values.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + values.size() + " values");
    }
    FieldLayout extended = lazy == null ? null : layout.extendedWith(names);
    if (extended != null) {
      return extension(this, extended, values.toArray());
    }
    Builder b = toBuilder();
    for (int i = 0; i < names.size(); i++) {
      b.field(names.get(i), values.get(i));
    }
    return b.build();
  }

  /** A lazy event: its fields are the layout's, read from {@code lazy} when first asked for. */
  private Event(LogSource logSource, long timestampMillis, String host, String sourcePath,
      long sourceLine, FieldLayout layout, LazyFields lazy) {
    this(logSource, timestampMillis, host, sourcePath, sourceLine, layout.names, null,
        layout.names.length, layout.index, layout, lazy);
  }

  /** A lazy event over {@code base}'s fields, then {@code extra} (see {@link #withFields}). */
  private static Event extension(Event base, FieldLayout layout, Object[] extra) {
    return new Event(base.logSource, base.timestampMillis, base.host, base.sourcePath,
        base.sourceLine, layout, new Extension(base, extra));
  }

  /**
   * The fields of a lazy event with more after them: the base event's positions first, read (and
   * kept) by the base event, then the added values.
   */
  private static final class Extension implements LazyFields {
    private final Event base;
    private final Object[] extra;

    Extension(Event base, Object[] extra) {
      this.base = base;
      this.extra = extra;
    }

    @Override
    public Object value(int position) {
      if (position >= base.size) {
        return extra[position - base.size];
      }
      Object v = base.kept(position);
      if (v == null) {
        v = base.load(position);
      }
      return v == NULL_VALUE ? null : v; // ABSENT stays absent
    }

    @Override
    public long ipv4(int position) {
      return position < base.size && base.kept(position) == null
          ? base.lazy.ipv4(position)
          : UNKNOWN;
    }

    @Override
    public long number(int position) {
      return position < base.size && base.kept(position) == null
          ? base.lazy.number(position)
          : NO_NUMBER;
    }

    @Override
    public String host() {
      return base.host();
    }
  }

  /** Returns a builder holding a copy of this event, for an enricher that adds fields. */
  public Builder toBuilder() {
    Builder b = new Builder(logSource, size + 4);
    b.timestampMillis = timestampMillis;
    b.host = host();
    for (int i = 0, n = fieldCount(); i < n; i++) {
      b.field(fieldName(i), fieldValue(i));
    }
    b.sourcePath = sourcePath;
    b.sourceLine = sourceLine;
    return b;
  }

  @Override
  public String toString() {
    return "Event{" + logSource + ", t=" + timestampMillis + ", host=" + host() + ", " + fields()
        + "}";
  }

  /** Spreads a name's hash over the index; names' hashes are cached by {@link String}. */
  static int slot(String name, int mask) {
    int h = name.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }

  /** Position of a field, or -1. */
  static int find(String[] names, int[] index, String field) {
    int mask = index.length - 1;
    for (int s = slot(field, mask); ; s = (s + 1) & mask) {
      int p = index[s] - 1;
      if (p < 0) {
        return -1;
      }
      String n = names[p];
      if (n == field || (n.hashCode() == field.hashCode() && n.equals(field))) {
        return p;
      }
    }
  }

  /** The fields as an unmodifiable map in insertion order, backed by the event's arrays. */
  private final class FieldsView extends AbstractMap<String, Object> {
    @Override
    public int size() {
      return fieldCount();
    }

    @Override
    public Object get(Object key) {
      return key instanceof String k ? Event.this.get(k) : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String k && has(k);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return fieldCount();
        }

        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < fieldCount();
            }

            @Override
            public Map.Entry<String, Object> next() {
              if (next >= fieldCount()) {
                throw new NoSuchElementException();
              }
              int i = next++;
              return new AbstractMap.SimpleImmutableEntry<>(fieldName(i), fieldValue(i));
            }
          };
        }
      };
    }
  }

  /** Builds an {@link Event}. Not thread-safe; use one builder per event. */
  public static final class Builder {
    private static final String[] NO_NAMES = {};
    private static final Object[] NO_VALUES = {};
    private static final int[] NO_INDEX = {0};

    private final LogSource logSource;
    private long timestampMillis = NO_TIME;
    private String host;
    /** The capacity the first field allocates: a lazy event's builder allocates no arrays. */
    private final int expected;
    private String[] names = NO_NAMES;
    private Object[] values = NO_VALUES;
    private int size;
    private int[] index = NO_INDEX;
    private String sourcePath;
    private long sourceLine;

    private Builder(LogSource logSource, int expectedFields) {
      this.logSource = logSource;
      this.expected = Math.max(4, expectedFields);
    }

    /** An index at most half full for {@code capacity} fields. */
    private static int indexLength(int capacity) {
      return Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) << 1;
    }

    /** Sets the event time in epoch milliseconds. */
    public Builder time(long epochMillis) {
      this.timestampMillis = epochMillis;
      return this;
    }

    /** Sets the event time. */
    public Builder time(Instant instant) {
      this.timestampMillis = instant == null ? NO_TIME : instant.toEpochMilli();
      return this;
    }

    /** Sets the host name, instance id or address. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /**
     * Leaves the host to a lazy event's record ({@link LazyFields#host}), read when first asked:
     * most records of a flow log raise no alert, and nothing else needs their host. Only for
     * {@link #buildLazy}.
     */
    public Builder hostFromRecord() {
      this.host = HOST_UNREAD;
      return this;
    }

    /** Sets a field; a {@code null} value records the field as present and null. */
    public Builder field(String name, Object value) {
      Objects.requireNonNull(name, "field name");
      int mask = index.length - 1;
      int s = slot(name, mask);
      for (; ; s = (s + 1) & mask) {
        int p = index[s] - 1;
        if (p < 0) {
          break;
        }
        String n = names[p];
        if (n == name || (n.hashCode() == name.hashCode() && n.equals(name))) {
          values[p] = value;
          return this;
        }
      }
      if (size == names.length) {
        grow();
        return field(name, value);
      }
      names[size] = name;
      values[size] = value;
      index[s] = ++size;
      return this;
    }

    private void grow() {
      int capacity = names.length == 0 ? expected : names.length * 2;
      names = Arrays.copyOf(names, capacity);
      values = Arrays.copyOf(values, capacity);
      index = new int[indexLength(capacity)];
      int mask = index.length - 1;
      for (int p = 0; p < size; p++) {
        int s = slot(names[p], mask);
        while (index[s] != 0) {
          s = (s + 1) & mask;
        }
        index[s] = p + 1;
      }
    }

    /** Sets a field only when the value is not null. */
    public Builder fieldIfPresent(String name, Object value) {
      if (value != null) {
        field(name, value);
      }
      return this;
    }

    /** Records where the event was read from. */
    public Builder source(String path, long line) {
      this.sourcePath = path;
      this.sourceLine = line;
      return this;
    }

    /** The value set so far for a field, or {@code null}. */
    public Object peek(String name) {
      int i = find(names, index, name);
      return i < 0 ? null : values[i];
    }

    /** Builds the event. The builder must not be used afterwards. */
    public Event build() {
      if (host == HOST_UNREAD) {
        throw new IllegalStateException("only a lazy event reads its host from its record");
      }
      return new Event(logSource, timestampMillis, host, sourcePath, sourceLine, names, values,
          size, index, null, null);
    }

    /**
     * Builds an event whose fields are the layout's, each read from {@code values} when first
     * asked for: a parser that can read one field of a record on its own (a flow log line with
     * known columns) saves decoding the fields no rule looks at. A field for which {@code values}
     * returns {@link #ABSENT} is not present. {@code values} must return the same value whenever
     * it is asked, from any thread. Fields set on this builder are not allowed.
     */
    public Event buildLazy(FieldLayout layout, LazyFields values) {
      // Kept under the optimising compiler's inlining limit (the launcher's 60 bytes): inlined
      // into the parser, the builder itself is never allocated.
      if (size != 0) {
        throw fieldsSetOnALazyEvent();
      }
      return new Event(logSource, timestampMillis, host, sourcePath, sourceLine, layout,
          Objects.requireNonNull(values));
    }

    private static IllegalStateException fieldsSetOnALazyEvent() {
      return new IllegalStateException("a lazy event takes its fields from its layout only");
    }
  }
}
