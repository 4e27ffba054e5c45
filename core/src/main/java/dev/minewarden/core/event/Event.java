package dev.minewarden.core.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
 */
public final class Event {
  /** Event time of an event whose source carries no time. */
  public static final long NO_TIME = Long.MIN_VALUE;

  private final LogSource logSource;
  private final long timestampMillis;
  private final String host;
  private final Map<String, Object> fields;
  private final String sourcePath;
  private final long sourceLine;

  private Event(Builder b) {
    this.logSource = b.logSource;
    this.timestampMillis = b.timestampMillis;
    this.host = b.host;
    this.fields = b.fields;
    this.sourcePath = b.sourcePath;
    this.sourceLine = b.sourceLine;
  }

  /** Starts an event of the given logsource. */
  public static Builder builder(LogSource logSource) {
    return new Builder(Objects.requireNonNull(logSource, "logSource"));
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
    return host;
  }

  /**
   * The value of a field, or {@code null} when the field is absent or null.
   *
   * @see #has(String)
   */
  public Object get(String field) {
    return fields.get(field);
  }

  /** The value of a field as text ({@code null} when absent or null). */
  public String getString(String field) {
    Object v = fields.get(field);
    return v == null ? null : v.toString();
  }

  /** Whether the field is present, even with a null value. */
  public boolean has(String field) {
    return fields.containsKey(field);
  }

  /** All fields, in the order the parser set them. Unmodifiable. */
  public Map<String, Object> fields() {
    return Collections.unmodifiableMap(fields);
  }

  /** The file the event was read from, {@code -} for standard input, or {@code null}. */
  public String sourcePath() {
    return sourcePath;
  }

  /** The first line (1-based) of the record in its file, or 0 when the input has no lines. */
  public long sourceLine() {
    return sourceLine;
  }

  /** Returns a builder holding a copy of this event, for an enricher that adds fields. */
  public Builder toBuilder() {
    Builder b = new Builder(logSource);
    b.timestampMillis = timestampMillis;
    b.host = host;
    b.fields.putAll(fields);
    b.sourcePath = sourcePath;
    b.sourceLine = sourceLine;
    return b;
  }

  @Override
  public String toString() {
    return "Event{" + logSource + ", t=" + timestampMillis + ", host=" + host + ", " + fields + "}";
  }

  /** Builds an {@link Event}. Not thread-safe; use one builder per event. */
  public static final class Builder {
    private final LogSource logSource;
    private long timestampMillis = NO_TIME;
    private String host;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private String sourcePath;
    private long sourceLine;

    private Builder(LogSource logSource) {
      this.logSource = logSource;
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

    /** Sets a field; a {@code null} value records the field as present and null. */
    public Builder field(String name, Object value) {
      fields.put(Objects.requireNonNull(name, "field name"), value);
      return this;
    }

    /** Sets a field only when the value is not null. */
    public Builder fieldIfPresent(String name, Object value) {
      if (value != null) {
        fields.put(name, value);
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
      return fields.get(name);
    }

    /** Builds the event. The builder must not be used afterwards. */
    public Event build() {
      return new Event(this);
    }
  }
}
