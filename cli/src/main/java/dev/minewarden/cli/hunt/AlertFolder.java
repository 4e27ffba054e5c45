package dev.minewarden.cli.hunt;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Folds repeated alerts of one rule on one key (host plus the alert's main entity: source
 * address, executable, queried name...) into one alert with a count, so a noisy host stays
 * readable. An alert joins a fold when it falls within {@code windowMillis} of the fold's first
 * alert (event time, inclusive); otherwise it starts a new fold. Pure: alerts in, alerts out.
 */
public final class AlertFolder {
  /** Sorts alerts by event time, then rule, file and line, so output does not depend on arrival. */
  public static final Comparator<Alert> ORDER =
      Comparator.<Alert>comparingLong(a -> a.event().timestampMillis())
          .thenComparing(a -> a.rule().id())
          .thenComparing(a -> Objects.toString(a.event().sourcePath(), ""))
          .thenComparingLong(a -> a.event().sourceLine());

  private static final String[] ENTITY_FIELDS = {
    "SourceIp", "Image", "query", "DestinationIp", "TargetFilename", "User", "CommandLine"
  };

  private final long windowMillis;

  /** @param windowMillis how long after its first alert a fold takes more; 0 folds nothing */
  public AlertFolder(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  /** Sorts and folds; the result is in {@link #ORDER}. */
  public List<Alert> fold(List<Alert> alerts) {
    List<Alert> sorted = new ArrayList<>(alerts);
    sorted.sort(ORDER);
    if (windowMillis <= 0) {
      return sorted;
    }
    Map<String, Integer> open = new HashMap<>();
    List<Alert> out = new ArrayList<>();
    for (Alert a : sorted) {
      String key = key(a);
      Integer at = open.get(key);
      if (at != null && within(out.get(at), a)) {
        Alert first = out.get(at);
        out.set(at, new Alert(first.rule(), first.event(), first.related(),
            first.count() + a.count(), first.attributes()));
      } else {
        open.put(key, out.size());
        out.add(a);
      }
    }
    return out;
  }

  private boolean within(Alert first, Alert next) {
    long t0 = first.event().timestampMillis();
    long t1 = next.event().timestampMillis();
    if (t0 == Event.NO_TIME || t1 == Event.NO_TIME) {
      return t0 == t1;
    }
    return t1 - t0 <= windowMillis;
  }

  private static String key(Alert a) {
    Event e = a.event();
    StringBuilder k = new StringBuilder(a.rule().id()).append('\u0000').append(e.host());
    for (String f : ENTITY_FIELDS) {
      Object v = e.get(f);
      if (v != null) {
        k.append('\u0000').append(f).append('=').append(v);
        break;
      }
    }
    // A correlation's key is its group; its window and counts differ from one alert to the next.
    Object group = a.attributes().get("correlation.group_by");
    if (group != null) {
      k.append('\u0000').append(group);
    }
    return k.toString();
  }
}
