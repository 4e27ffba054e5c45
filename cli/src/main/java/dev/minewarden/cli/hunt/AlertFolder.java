package dev.minewarden.cli.hunt;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Folds repeated alerts of one rule on one key (host plus the alert's main entity: source
 * address, executable, queried name...; a correlation's group) into one alert with a count, so a
 * noisy host stays readable and a hunt over any amount of input holds one alert per key and
 * window, not one per event.
 *
 * <p>Windows are tumbling and aligned to the epoch on event time: two alerts fold when they fall in
 * the same {@code windowMillis} bucket. That makes the result independent of arrival order: the
 * count is a sum, and the alert kept is the first in {@link #ORDER}. With a window of 0 nothing is
 * folded and every alert is kept.
 *
 * <p>Thread-safe: alerts may arrive from many threads.
 */
public final class AlertFolder implements Consumer<Alert> {
  /** Sorts alerts by event time, then rule, file and line, so output does not depend on arrival. */
  public static final Comparator<Alert> ORDER = AlertFolder::compare;

  private static final String[] ENTITY_FIELDS = {
    "SourceIp", "Image", "query", "DestinationIp", "TargetFilename", "User", "CommandLine"
  };

  private final long windowMillis;
  private final Map<String, Alert> folds = new HashMap<>();
  private final List<Alert> unfolded = new ArrayList<>();

  /** @param windowMillis the width of a fold's window in ms; 0 folds nothing */
  public AlertFolder(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  /** Takes one alert. */
  @Override
  public synchronized void accept(Alert a) {
    if (windowMillis <= 0) {
      unfolded.add(a);
      return;
    }
    folds.merge(key(a), a, AlertFolder::merge);
  }

  /** How many alerts are held now (folds, or alerts when nothing folds). */
  public synchronized int size() {
    return windowMillis <= 0 ? unfolded.size() : folds.size();
  }

  /** The folded alerts in {@link #ORDER}. */
  public synchronized List<Alert> result() {
    List<Alert> out = new ArrayList<>(windowMillis <= 0 ? unfolded : folds.values());
    out.sort(ORDER);
    return out;
  }

  /** Sorts and folds a list in one go. */
  public List<Alert> fold(List<Alert> alerts) {
    alerts.forEach(this);
    return result();
  }

  /**
   * {@link #ORDER} written out: it runs for every alert that folds, and a chain of key-extractor
   * lambdas made the optimising compiler spend a third of a second on one method.
   */
  private static int compare(Alert a, Alert b) {
    Event x = a.event();
    Event y = b.event();
    int c = Long.compare(x.timestampMillis(), y.timestampMillis());
    if (c != 0) {
      return c;
    }
    c = a.rule().id().compareTo(b.rule().id());
    if (c != 0) {
      return c;
    }
    String p = x.sourcePath();
    String q = y.sourcePath();
    if (p != q) {
      c = Objects.toString(p, "").compareTo(Objects.toString(q, ""));
      if (c != 0) {
        return c;
      }
    }
    return Long.compare(x.sourceLine(), y.sourceLine());
  }

  private static Alert merge(Alert kept, Alert next) {
    Alert first = ORDER.compare(next, kept) < 0 ? next : kept;
    return new Alert(first.rule(), first.event(), first.related(), kept.count() + next.count(),
        first.attributes());
  }

  private String key(Alert a) {
    Event e = a.event();
    long t = e.timestampMillis();
    String bucket = t == Event.NO_TIME ? "-" : Long.toString(Math.floorDiv(t, windowMillis));
    StringBuilder k = new StringBuilder(a.rule().id()).append('\u0000').append(bucket)
        .append('\u0000').append(e.host());
    // A correlation's key is its group; its window and counts differ from one alert to the next.
    Object group = a.attributes().get("correlation.group_by");
    if (group != null) {
      return k.append('\u0000').append(group).toString();
    }
    for (String f : ENTITY_FIELDS) {
      Object v = e.get(f);
      if (v != null) {
        k.append('\u0000').append(f).append('=').append(v);
        break;
      }
    }
    return k.toString();
  }
}
