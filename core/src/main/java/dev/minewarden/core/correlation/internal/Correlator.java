package dev.minewarden.core.correlation.internal;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.correlation.CorrelationRule;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.rules.RuleInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one correlation rule over alerts that arrive in {@link AlertOrder}: finds each alert's
 * group, keeps the group's window and fires. Subclasses hold the type-specific window. Not
 * thread-safe. Not part of the API.
 */
public abstract class Correlator<S extends GroupState> {
  /** The group-by name that means the event's host when the event has no such field. */
  static final String HOST = "host";

  /** Attribute: the correlation type's Sigma name. */
  public static final String ATTR_TYPE = "correlation.type";
  /** Attribute: group-by name to value (an unmodifiable map in group-by order). */
  public static final String ATTR_GROUP = "correlation.group_by";
  /** Attribute: number of events in the window that fired (Long). */
  public static final String ATTR_COUNT = "correlation.count";
  /** Attribute: the aggregated value the condition was checked on (Long or Double). */
  public static final String ATTR_VALUE = "correlation.value";
  /** Attribute: event time (epoch ms) of the earliest event in the window (Long). */
  public static final String ATTR_WINDOW_START = "correlation.window.start";
  /** Attribute: the rule's timespan in ms (Long). */
  public static final String ATTR_TIMESPAN = "correlation.timespan_ms";
  /** Attribute: events in the window left out of {@code related} by the cap (Long, if any). */
  public static final String ATTR_OMITTED = "correlation.related.omitted";

  private static final String GLOBAL_GROUP = "";

  final CorrelationRule rule;
  final long span;
  /** Made once: a method reference made at each call is an allocation per alert. */
  private final java.util.function.Function<Object, S> newState = this::newState;
  final GroupTable<S> table;
  final int maxRelated;
  private long skipped;

  Correlator(CorrelationRule rule, int maxGroups, int maxRelated) {
    this.rule = rule;
    this.span = rule.timespanMillis();
    this.table = new GroupTable<>(maxGroups);
    this.maxRelated = maxRelated;
  }

  /** The rule this runs. */
  public final CorrelationRule rule() {
    return rule;
  }

  /**
   * Whether this correlator fires as soon as its condition holds (and so may feed other
   * correlations in time order), rather than when a window closes.
   */
  public abstract boolean firesEagerly();

  /**
   * Takes one alert, in processing order.
   *
   * @param alert an alert of a referenced rule, with an event time
   * @param positions the indexes in {@link CorrelationRule#rules()} that name the alert's rule
   * @param emit receives correlation alerts
   */
  public final void accept(Alert alert, int[] positions, Consumer<Alert> emit) {
    Object key = groupKey(alert);
    Object value = key == null ? null : valueOf(alert);
    if (value == null) {
      skipped++;
      return;
    }
    long t = alert.event().timestampMillis();
    S s = table.touch(key, t, newState);
    onAlert(s, alert, value, positions, t, emit);
  }

  /** Drops groups whose window has passed at event time {@code clock} (ms). */
  public final void advance(long clock, Consumer<Alert> emit) {
    long horizon = TimeMath.minus(clock, span);
    // Asked for every alert that moves the clock, of every correlator: the closing action is only
    // made when some group has expired.
    if (table.mayExpire(horizon)) {
      table.expire(horizon, s -> onClose(s, emit));
    }
  }

  /** Ends the input: closes every group. */
  public final void flush(Consumer<Alert> emit) {
    table.drain(s -> onClose(s, emit));
  }

  /** The number of open groups. */
  public final int openGroups() {
    return table.size();
  }

  /** How many groups were evicted by the cap. */
  public final long evictions() {
    return table.evictions();
  }

  /** How many groups expired with their window. */
  public final long expirations() {
    return table.expirations();
  }

  /** How many alerts were left out for lack of a group-by or value field. */
  public final long skipped() {
    return skipped;
  }

  abstract S newState(Object key);

  /**
   * The value an alert contributes (for value_* types), or {@code null} to leave the alert out
   * because the value field is absent or unusable. Types without a value field return a marker.
   */
  Object valueOf(Alert alert) {
    return Boolean.TRUE;
  }

  abstract void onAlert(
      S state, Alert alert, Object value, int[] positions, long t, Consumer<Alert> emit);

  /** Called when a group expires or the input ends; may fire a window that was left open. */
  void onClose(S state, Consumer<Alert> emit) {}

  /**
   * The group key, or {@code null} when a group-by field is absent or null. One field gives its
   * value as text; several give an immutable list, so values containing separators cannot
   * collide.
   */
  private Object groupKey(Alert alert) {
    List<String> groupBy = rule.groupBy();
    if (groupBy.isEmpty()) {
      return GLOBAL_GROUP;
    }
    String[] fields = groupFields(alert.rule());
    if (fields.length == 1) {
      return value(alert, fields[0]);
    }
    String[] values = new String[fields.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(alert, fields[i]);
      if (values[i] == null) {
        return null;
      }
    }
    return new GroupKey(values);
  }

  /**
   * The key of several group-by values: a list whose hash is worked out once, where an immutable
   * list's is worked out again on every look-up, and which compares with another key array to
   * array.
   */
  static final class GroupKey extends java.util.AbstractList<String>
      implements java.util.RandomAccess {
    private final String[] values;
    private final int hash;

    GroupKey(String[] values) {
      this.values = values;
      this.hash = java.util.Arrays.hashCode(values); // the hash List specifies
    }

    @Override
    public String get(int index) {
      return values[index];
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (o instanceof GroupKey k) {
        return hash == k.hash && java.util.Arrays.equals(values, k.values);
      }
      return super.equals(o);
    }
  }

  private RuleInfo groupFieldsRule;
  private String[] groupFields;

  /**
   * The event fields that hold the group-by values for alerts of a rule (aliases applied), kept
   * for the last rule seen: alerts of one rule come in runs.
   */
  private String[] groupFields(RuleInfo of) {
    if (of != groupFieldsRule) {
      List<String> groupBy = rule.groupBy();
      String[] f = new String[groupBy.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = rule.fieldFor(groupBy.get(i), of);
      }
      groupFields = f;
      groupFieldsRule = of;
    }
    return groupFields;
  }

  /**
   * A field's value as text: from a chained correlation alert's group-by values first, then from
   * the event; {@code host} falls back to the event's host when no field has that name, and to
   * {@code ""} when the event has no host either. {@code null} when absent or null.
   */
  static String value(Alert alert, String field) {
    Map<String, Object> attributes = alert.attributes();
    Object group = attributes.isEmpty() ? null : attributes.get(ATTR_GROUP);
    if (group instanceof Map) {
      Object v = ((Map<?, ?>) group).get(field);
      if (v != null) {
        return v.toString();
      }
    }
    Event event = alert.event();
    if (HOST.equals(field) && !event.has(HOST)) {
      // Events whose source names no host (auditd without node=, say) share one unnamed host.
      // Asked first: most events have no such field, and one look-up then answers.
      String host = event.host();
      return host == null ? "" : host;
    }
    Object v = event.get(field);
    return v == null ? null : v.toString();
  }

  /** Marks a fired group quiet for one timespan after the triggering event. */
  final void quiet(S state, long triggerTime) {
    state.quietUntil = TimeMath.plus(triggerTime, span);
  }

  /**
   * Builds a correlation alert.
   *
   * @param events the window's events, oldest first, the trigger last; only the newest {@code
   *     maxRelated} are kept
   * @param value the aggregate the condition held for
   */
  final Alert alert(S state, List<Event> events, long count, Object value) {
    Event trigger = events.get(events.size() - 1);
    int from = Math.max(0, events.size() - maxRelated);
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put(ATTR_TYPE, rule.type().sigmaName());
    attrs.put(ATTR_GROUP, groupValues(state.key));
    attrs.put(ATTR_COUNT, count);
    attrs.put(ATTR_VALUE, value);
    attrs.put(ATTR_WINDOW_START, events.get(0).timestampMillis());
    attrs.put(ATTR_TIMESPAN, span);
    if (from > 0) {
      attrs.put(ATTR_OMITTED, (long) from);
    }
    RuleInfo info = rule.info();
    // Alert.count counts folded alerts; the window's event count is the correlation.count attribute.
    return new Alert(info, trigger, new ArrayList<>(events.subList(from, events.size())), 1, attrs);
  }

  private Map<String, String> groupValues(Object key) {
    List<String> groupBy = rule.groupBy();
    Map<String, String> m = new LinkedHashMap<>();
    if (groupBy.size() == 1) {
      m.put(groupBy.get(0), (String) key);
    } else if (groupBy.size() > 1) {
      List<?> values = (List<?>) key;
      for (int i = 0; i < groupBy.size(); i++) {
        m.put(groupBy.get(i), (String) values.get(i));
      }
    }
    return Collections.unmodifiableMap(m);
  }
}
