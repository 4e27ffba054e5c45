package dev.minewarden.core.intel;

import dev.minewarden.core.event.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maps addresses back to the names they were resolved from, learnt from the DNS answers in the
 * same data ({@code query} and {@code answer} of {@code category: dns} events), so that a flow to
 * a pool's address is tied to the pool's name. Minewarden never resolves names itself.
 *
 * <p>Answers are remembered per asking client and per address; a look-up prefers the client's own
 * answer, takes the latest one at or before the flow's time (with a minute of clock skew) and no
 * older than the maximum age. Bounded: past {@code maxAddresses} keys, new ones are not learnt
 * (counted in {@link #dropped()}). Thread-safe.
 */
public final class PassiveDns {
  /** Default time an answer is used for after it was seen: miners keep connections for hours. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);
  private static final long SKEW_MS = 60_000;
  private static final int PER_KEY = 8;
  private static final String ANY = "*";

  private final ConcurrentHashMap<String, Sightings> table = new ConcurrentHashMap<>();
  private final long maxAgeMs;
  private final int maxAddresses;
  private final AtomicLong dropped = new AtomicLong();

  /** A table with the default age (24 h) and size (1,000,000 keys). */
  public PassiveDns() {
    this(DEFAULT_MAX_AGE, 1_000_000);
  }

  /**
   * @param maxAge how long after an answer a flow is still tied to its name
   * @param maxAddresses the most client/address keys kept
   */
  public PassiveDns(Duration maxAge, int maxAddresses) {
    this.maxAgeMs = maxAge.toMillis();
    this.maxAddresses = maxAddresses;
  }

  /** Learns the answers of a DNS event; other events are ignored. */
  public void learn(Event e) {
    Object answers = e.get("answer");
    String query = e.getString("query");
    if (answers == null || query == null || query.isEmpty()) {
      return;
    }
    String name = Domains.normalise(query);
    String client = e.getString("SourceIp");
    long t = e.timestampMillis();
    if (answers instanceof List<?> l) {
      for (Object a : l) {
        learn(client, a, name, t);
      }
    } else {
      learn(client, answers, name, t);
    }
  }

  private void learn(String client, Object answer, String name, long t) {
    if (answer == null) {
      return;
    }
    String ip = answer.toString().trim();
    if (IpIndex.parseV4(ip) < 0 && (ip.indexOf(':') < 0 || IpIndex.parseV6(ip) == null)) {
      return; // a CNAME or TXT answer
    }
    if (client != null) {
      remember(client + "|" + ip, name, t);
    }
    remember(ANY + "|" + ip, name, t);
  }

  private void remember(String key, String name, long t) {
    Sightings s = table.get(key);
    if (s == null) {
      if (table.size() >= maxAddresses) {
        dropped.incrementAndGet();
        return;
      }
      s = table.computeIfAbsent(key, k -> new Sightings());
    }
    s.add(name, t);
  }

  /**
   * The name {@code ip} was resolved from for {@code client} (or any client) around event time
   * {@code t}, or {@code null}.
   */
  public String nameFor(String client, String ip, long t) {
    if (ip == null || table.isEmpty()) {
      return null;
    }
    if (client != null) {
      Sightings s = table.get(client + "|" + ip);
      String n = s == null ? null : s.best(t, maxAgeMs);
      if (n != null) {
        return n;
      }
    }
    Sightings s = table.get(ANY + "|" + ip);
    return s == null ? null : s.best(t, maxAgeMs);
  }

  /** Whether no address has been learned (yet). */
  public boolean isEmpty() {
    return table.isEmpty();
  }

  /** How many client/address keys are known. */
  public int size() {
    return table.size();
  }

  /** How many answers were not learnt because the table was full. */
  public long dropped() {
    return dropped.get();
  }

  /** The last few names seen for one key, newest kept. */
  private static final class Sightings {
    private final String[] names = new String[PER_KEY];
    private final long[] times = new long[PER_KEY];
    private int n;

    synchronized void add(String name, long t) {
      for (int i = 0; i < n; i++) {
        if (names[i].equals(name)) {
          times[i] = Math.max(times[i], t);
          return;
        }
      }
      if (n < PER_KEY) {
        names[n] = name;
        times[n++] = t;
        return;
      }
      int oldest = 0;
      for (int i = 1; i < n; i++) {
        if (times[i] < times[oldest]) {
          oldest = i;
        }
      }
      if (t > times[oldest]) {
        names[oldest] = name;
        times[oldest] = t;
      }
    }

    synchronized String best(long t, long maxAgeMs) {
      String best = null;
      long bestTime = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        long at = times[i];
        boolean usable = t == Event.NO_TIME || at == Event.NO_TIME
            || (at <= t + SKEW_MS && t - at <= maxAgeMs);
        // Ties go to the smaller name, so the answer does not depend on arrival order.
        if (usable && (at > bestTime || (at == bestTime && names[i].compareTo(best) < 0))) {
          best = names[i];
          bestTime = at;
        }
      }
      return best;
    }
  }
}
