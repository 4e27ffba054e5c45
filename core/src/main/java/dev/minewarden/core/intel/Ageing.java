package dev.minewarden.core.intel;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long indicators keep counting after they were last reported, by type. Infrastructure
 * moves in weeks (the actor brief: "expire IPs after roughly 90 days unless re-observed"), so
 * addresses stop counting {@link #DEFAULT_IP_TTL} after their last sighting; artefacts (hashes,
 * paths, names) and pool domains do not expire. Matching uses the event's time, so a retro-hunt
 * of old logs uses the indicators that were current then. Immutable and thread-safe.
 */
public final class Ageing {
  /** Default time an IP or CIDR indicator counts after its last sighting. */
  public static final Duration DEFAULT_IP_TTL = Duration.ofDays(90);

  private final Map<IndicatorType, Long> ttlMillis;

  private Ageing(Map<IndicatorType, Long> ttlMillis) {
    this.ttlMillis = ttlMillis;
  }

  /** The defaults: IPs and CIDRs 90 days, everything else without end. */
  public static Ageing defaults() {
    return ipTtl(DEFAULT_IP_TTL);
  }

  /** IPs and CIDRs count for {@code ttl} after their last sighting; the rest without end. */
  public static Ageing ipTtl(Duration ttl) {
    Map<IndicatorType, Long> m = new EnumMap<>(IndicatorType.class);
    m.put(IndicatorType.IP, ttl.toMillis());
    m.put(IndicatorType.CIDR, ttl.toMillis());
    return new Ageing(m);
  }

  /** Nothing expires (for listing and export). */
  public static Ageing never() {
    return new Ageing(new EnumMap<>(IndicatorType.class));
  }

  /** This ageing with {@code type} counting for {@code ttl} after its last sighting. */
  public Ageing with(IndicatorType type, Duration ttl) {
    Map<IndicatorType, Long> m = new EnumMap<>(IndicatorType.class);
    m.putAll(ttlMillis);
    m.put(type, ttl.toMillis());
    return new Ageing(m);
  }

  /** The last event time (epoch ms) at which the indicator still counts. */
  public long countsUntil(Indicator i) {
    Long ttl = ttlMillis.get(i.type());
    if (ttl == null || i.lastSeen() == Indicator.UNBOUNDED_END) {
      return Long.MAX_VALUE;
    }
    long end = i.lastSeen() + ttl;
    return end < i.lastSeen() ? Long.MAX_VALUE : end;
  }
}
