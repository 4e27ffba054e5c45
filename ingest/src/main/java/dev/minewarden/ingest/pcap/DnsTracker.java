package dev.minewarden.ingest.pcap;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.EventSink;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns DNS messages into {@code category: dns} events, one per query: a response is joined to
 * the query it answers (same client, server and transaction id) so the event carries the query's
 * time and the response's answers and rcode. Queries still unanswered when the table is full or
 * the capture ends are emitted without an rcode. A response whose query was not captured is
 * emitted alone. Not thread-safe.
 */
final class DnsTracker {
  static final LogSource LOG_SOURCE = LogSource.exact("network", "dns", null);
  /** Unanswered queries kept waiting for their response; the oldest go first when full. */
  static final int MAX_PENDING = 16_384;

  private final String path;
  private final EventSink sink;
  private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();

  private record Key(Endpoint client, Endpoint server, int id) {}

  private record Pending(DnsMessage query, long time, long packet, String transport) {}

  DnsTracker(String path, EventSink sink) {
    this.path = path;
    this.sink = sink;
  }

  /**
   * Takes one DNS message seen from {@code from} to {@code to}.
   *
   * @param transport {@code udp} or {@code tcp}
   */
  void message(DnsMessage m, Endpoint from, Endpoint to, long time, long packet, String transport) {
    if (!m.response()) {
      Key key = new Key(from, to, m.id());
      Pending old = pending.put(key, new Pending(m, time, packet, transport));
      if (old != null) {
        emit(old.query(), null, key, old.time(), old.packet(), old.transport());
      }
      if (pending.size() > MAX_PENDING) {
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        Map.Entry<Key, Pending> eldest = it.next();
        it.remove();
        Pending p = eldest.getValue();
        emit(p.query(), null, eldest.getKey(), p.time(), p.packet(), p.transport());
      }
      return;
    }
    Key key = new Key(to, from, m.id());
    Pending query = pending.remove(key);
    if (query != null) {
      emit(query.query(), m, key, query.time(), query.packet(), transport);
    } else {
      emit(m, m, key, time, packet, transport);
    }
  }

  /** Emits every query still waiting for an answer. */
  void flush() {
    for (Map.Entry<Key, Pending> e : pending.entrySet()) {
      Pending p = e.getValue();
      emit(p.query(), null, e.getKey(), p.time(), p.packet(), p.transport());
    }
    pending.clear();
  }

  private void emit(
      DnsMessage query, DnsMessage response, Key key, long time, long packet, String transport) {
    Event.Builder b = Event.builder(LOG_SOURCE).time(time).host(key.client().address())
        .source(path, packet);
    String name = query.query() != null ? query.query() : response == null ? null : response.query();
    b.fieldIfPresent("query", name);
    b.fieldIfPresent("record_type", query.recordType());
    b.field("answer", response == null ? List.of() : response.answers());
    b.fieldIfPresent("rcode", response == null ? null : response.rcode());
    b.field("SourceIp", key.client().address());
    b.field("SourcePort", (long) key.client().port());
    b.field("DestinationIp", key.server().address());
    b.field("DestinationPort", (long) key.server().port());
    b.field("Protocol", "dns");
    b.field("Transport", transport);
    b.field("dns.id", (long) key.id());
    sink.event(b.build());
  }
}
