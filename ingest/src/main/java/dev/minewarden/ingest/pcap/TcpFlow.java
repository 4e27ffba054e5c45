package dev.minewarden.ingest.pcap;

/**
 * One TCP connection: its two directions, who opened it, and what its payload is read for (DNS
 * when either port is 53, mining protocols otherwise). Not thread-safe.
 */
final class TcpFlow {
  final Endpoint a;
  final Endpoint b;
  private final TcpStream ab;
  private final TcpStream ba;
  private final StreamConsumer abConsumer;
  private final StreamConsumer baConsumer;
  private final MiningSession session;
  /** Whether A opened the connection: A sent the SYN, or else the first packet seen. */
  final boolean aInitiated;
  private boolean reset;
  private boolean ended;

  TcpFlow(Endpoint a, Endpoint b, boolean aInitiated, Limits limits, ByteBudget budget,
      DnsTracker dns, PcapFormat.Problems problems) {
    this.a = a;
    this.b = b;
    this.aInitiated = aInitiated;
    if (a.port() == 53 || b.port() == 53) {
      session = null;
      abConsumer = new DnsTcpStream(dns, problems, a, b, budget);
      baConsumer = new DnsTcpStream(dns, problems, b, a, budget);
    } else {
      session = new MiningSession();
      abConsumer = new StratumStream(session, true, limits, budget);
      baConsumer = new StratumStream(session, false, limits, budget);
    }
    ab = new TcpStream(abConsumer, limits, budget);
    ba = new TcpStream(baConsumer, limits, budget);
  }

  /** Takes a segment sent by A ({@code fromA}) or by B. */
  void segment(Packet p, boolean fromA, long time, long packet) {
    if ((p.tcpFlags & Packet.RST) != 0) {
      reset = true;
      return;
    }
    (fromA ? ab : ba).segment(p, time, packet);
  }

  /** Whether the connection is over: reset, or both sides have sent their FIN. */
  boolean closed() {
    return reset || (ab.finished() && ba.finished());
  }

  /** Whether payload has been seen, so a new SYN on the same ports means a new connection. */
  boolean hasData() {
    return ab.delivered() > 0 || ba.delivered() > 0;
  }

  /** Ends both directions, frees their buffers, and returns the mining session (or null). */
  MiningSession end() {
    if (!ended) {
      ended = true;
      abConsumer.end();
      baConsumer.end();
      ab.release();
      ba.release();
    }
    return session;
  }
}
