package dev.minewarden.ingest.pcap;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.EventSink;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the open TCP flows of one capture and emits one event per mining session when its flow
 * ends. The table is in access order and bounded twice: by flow count and by the bytes the flows'
 * buffers hold; past either bound the least recently active flows are ended (and their sessions
 * emitted) first. Not thread-safe.
 */
final class TcpTracker {
  private final Limits limits;
  private final String path;
  private final EventSink sink;
  private final DnsTracker dns;
  private final PcapFormat.Problems problems;
  private final ByteBudget budget;
  private final LinkedHashMap<Key, TcpFlow> flows = new LinkedHashMap<>(1024, 0.75f, true);

  private record Key(Endpoint a, Endpoint b) {}

  TcpTracker(Limits limits, String path, EventSink sink, DnsTracker dns,
      PcapFormat.Problems problems) {
    this.limits = limits;
    this.path = path;
    this.sink = sink;
    this.dns = dns;
    this.problems = problems;
    this.budget = new ByteBudget(limits.bufferBudget());
  }

  /** Bytes currently held in flow buffers. */
  long bufferedBytes() {
    return budget.used();
  }

  /** Open flows. */
  int openFlows() {
    return flows.size();
  }

  /** Takes one TCP packet. */
  void packet(Packet p, long time, long number) {
    Endpoint src = p.sourceEndpoint();
    Endpoint dst = p.destinationEndpoint();
    boolean srcIsA = src.compareTo(dst) <= 0;
    Key key = srcIsA ? new Key(src, dst) : new Key(dst, src);
    TcpFlow flow = flows.get(key);
    boolean opening = (p.tcpFlags & (Packet.SYN | Packet.ACK)) == Packet.SYN;
    if (flow != null && opening && (flow.closed() || flow.hasData())) {
      finish(flows.remove(key));
      flow = null;
    }
    if (flow == null) {
      // A bare ACK, FIN or RST of a flow we do not hold (its end, or traffic before the capture)
      // carries nothing to read: it opens no flow.
      if ((p.tcpFlags & Packet.SYN) == 0 && p.payloadLength + p.payloadMissing == 0
          || (p.tcpFlags & Packet.RST) != 0) {
        return;
      }
      // Without a SYN/ACK pair to go by, the first sender is taken as the opener.
      boolean synAck = (p.tcpFlags & (Packet.SYN | Packet.ACK)) == (Packet.SYN | Packet.ACK);
      boolean aInitiated = srcIsA != synAck;
      flow = new TcpFlow(key.a(), key.b(), aInitiated, limits, budget, dns, problems);
      flows.put(key, flow);
    }
    flow.segment(p, srcIsA, time, number);
    if (flow.closed()) {
      finish(flows.remove(key));
    }
    evict();
  }

  private void evict() {
    Iterator<Map.Entry<Key, TcpFlow>> it = flows.entrySet().iterator();
    while (it.hasNext() && (flows.size() > limits.maxFlows() || budget.over())) {
      TcpFlow eldest = it.next().getValue();
      it.remove();
      finish(eldest);
    }
  }

  /** Ends every open flow, emitting their sessions. */
  void flush() {
    for (TcpFlow flow : flows.values()) {
      finish(flow);
    }
    flows.clear();
  }

  private void finish(TcpFlow flow) {
    MiningSession session = flow.end();
    if (session == null) {
      return;
    }
    Event e = session.toEvent(flow.a, flow.b, flow.aInitiated, path);
    if (e != null) {
      sink.event(e);
    }
  }
}
