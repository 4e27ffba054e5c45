package dev.minewarden.core.correlation.internal;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import java.util.Comparator;
import java.util.Objects;

/**
 * The total order in which the correlation engine processes alerts: event time, then source path
 * and line (so records of one file within one millisecond keep their file order), then rule id,
 * host, and finally the text of the event's fields. Two alerts that compare equal carry
 * indistinguishable content, so the order never depends on arrival. Not part of the API.
 */
public final class AlertOrder implements Comparator<Alert> {
  /** The shared instance; stateless and thread-safe. */
  public static final AlertOrder INSTANCE = new AlertOrder();

  private AlertOrder() {}

  @Override
  public int compare(Alert a, Alert b) {
    Event x = a.event();
    Event y = b.event();
    if (x == y) {
      // Alerts of one event, the common neighbours in the reorder buffer: only the rule differs.
      return a.rule().id().compareTo(b.rule().id());
    }
    int c = Long.compare(x.timestampMillis(), y.timestampMillis());
    if (c != 0) {
      return c;
    }
    c = text(x.sourcePath(), y.sourcePath());
    if (c != 0) {
      return c;
    }
    c = Long.compare(x.sourceLine(), y.sourceLine());
    if (c != 0) {
      return c;
    }
    c = a.rule().id().compareTo(b.rule().id());
    if (c != 0) {
      return c;
    }
    c = text(x.host(), y.host());
    if (c != 0 || Objects.equals(x.fields(), y.fields())) {
      return c;
    }
    // Rare: same instant, same record position, same rule, different content. Comparing the text
    // is slow but only reached on such ties.
    return x.fields().toString().compareTo(y.fields().toString());
  }

  /** Whether two alerts come from one record: the same event, or the same time, file and line. */
  public static boolean sameRecord(Alert a, Alert b) {
    Event x = a.event();
    Event y = b.event();
    return x == y || (x.timestampMillis() == y.timestampMillis()
        && x.sourceLine() == y.sourceLine() && text(x.sourcePath(), y.sourcePath()) == 0);
  }

  /**
   * Text order with null first. Plain code rather than {@code Comparator.nullsFirst}: this runs a
   * few times per alert, and the events of one file share their path instance.
   */
  private static int text(String p, String q) {
    if (p == q) {
      return 0;
    }
    if (p == null || q == null) {
      return p == null ? -1 : 1;
    }
    return p.compareTo(q);
  }
}
