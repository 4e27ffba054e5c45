package dev.minewarden.core.intel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One piece of intelligence: a value of some {@link IndicatorType}, who it points to, where it
 * came from and when it was seen.
 *
 * @param type what the value is
 * @param value the normalised value (domains and hashes lower-case, addresses canonical)
 * @param actor the group it points to, or {@code null} for commodity infrastructure (public
 *     mining pools) that any intruder uses
 * @param kind what it is in the group's operation: {@code pool}, {@code c2}, {@code payload},
 *     {@code artefact}, {@code wallet}, ... (free text, lower case)
 * @param note why it counts, from the source; may be empty
 * @param sources keys of the sources that list it ({@link IntelSource#key()})
 * @param firstSeen epoch ms from which the indicator counts, {@link #UNBOUNDED_START} if unknown
 * @param lastSeen epoch ms it was last reported, {@link #UNBOUNDED_END} if unknown; IPs stop
 *     counting a configurable time after it ({@link Ageing})
 */
public record Indicator(
    IndicatorType type,
    String value,
    String actor,
    String kind,
    String note,
    List<String> sources,
    long firstSeen,
    long lastSeen) {
  /** First-seen time of an indicator that counts from the beginning of time. */
  public static final long UNBOUNDED_START = Long.MIN_VALUE;
  /** Last-seen time of an indicator with no known end. */
  public static final long UNBOUNDED_END = Long.MAX_VALUE;

  /** Checks the parts and copies the source list. */
  public Indicator {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    kind = kind == null ? "" : kind;
    note = note == null ? "" : note;
    sources = List.copyOf(sources);
    if (firstSeen > lastSeen) {
      throw new IllegalArgumentException("first seen after last seen for " + value);
    }
  }

  /** The identity of an indicator in a set: type, value and actor. */
  public String key() {
    return type.id() + ":" + value + "@" + (actor == null ? "" : actor);
  }

  /** {@code type:value}, as alerts list matched indicators. */
  public String label() {
    return type.id() + ":" + value;
  }

  /** Whether the indicator counts at the event time {@code t} under the given ageing. */
  public boolean currentAt(long t, Ageing ageing) {
    if (t == Long.MIN_VALUE) {
      return true; // an event without time is matched against everything known
    }
    return t >= firstSeen && t <= ageing.countsUntil(this);
  }

  /** First-seen time as an instant, or {@code null} when unbounded. */
  public Instant firstSeenInstant() {
    return firstSeen == UNBOUNDED_START ? null : Instant.ofEpochMilli(firstSeen);
  }

  /** Last-seen time as an instant, or {@code null} when unbounded. */
  public Instant lastSeenInstant() {
    return lastSeen == UNBOUNDED_END ? null : Instant.ofEpochMilli(lastSeen);
  }

  /** This indicator merged with another of the same key: sources joined, times widened. */
  Indicator mergedWith(Indicator o) {
    List<String> src = new java.util.ArrayList<>(sources);
    o.sources.stream().filter(s -> !src.contains(s)).forEach(src::add);
    return new Indicator(type, value, actor, kind.isEmpty() ? o.kind : kind,
        note.isEmpty() ? o.note : note, src, Math.min(firstSeen, o.firstSeen),
        Math.max(lastSeen, o.lastSeen));
  }
}
