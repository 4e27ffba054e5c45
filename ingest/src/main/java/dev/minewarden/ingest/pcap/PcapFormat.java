package dev.minewarden.ingest.pcap;

import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LogFormat;
import dev.minewarden.ingest.SourceContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Packet captures as a hunt input ({@code pcap}): classic libpcap and pcapng files become mining
 * session events ({@code product: network, category: stratum}) and DNS events ({@code product:
 * network, category: dns}); field names are in {@code docs/events.md}.
 *
 * <p>Mining protocols are recognised by content on any port: TCP is reassembled per flow (both
 * directions, retransmissions and bounded out-of-order segments handled) over the first {@link
 * Limits#inspectBytes()} of each direction, and one event is emitted per mining session when its
 * flow ends, with the miner as source and the pool as destination. DNS is read over UDP and TCP
 * port 53; a query and its response make one event.
 *
 * <p>The readers are our own rather than the pkts library: pkts reads classic pcap only, while
 * pcapng is what current Wireshark and tcpdump write, and both framings are a few dozen lines
 * each. Owning them also lets every length field be checked against hard limits before anything
 * is allocated, which is the main defence against hostile captures.
 *
 * <p>Malformed packets are reported with the packet's 1-based number as the "line"; a framing
 * error that leaves no way to find the next record ends the file after being reported.
 * Stateless and thread-safe: all state lives inside {@link #parse}.
 */
public final class PcapFormat implements LogFormat {
  private static final int EXCERPT_BYTES = 32;

  private final Limits limits;

  /** A format with the default limits. */
  public PcapFormat() {
    this(Limits.DEFAULT);
  }

  PcapFormat(Limits limits) {
    this.limits = limits;
  }

  @Override
  public String name() {
    return "pcap";
  }

  @Override
  public boolean sniff(byte[] head, int length) {
    if (PcapngReader.isMagic(head, length)) {
      return true;
    }
    return length >= PcapReader.HEADER && PcapReader.isMagic(head)
        && ByteInput.u16(head, 4, ByteInput.u32(head, 0, true) >>> 16 == 0xa1b2L) == 2;
  }

  @Override
  public void parse(InputStream in, SourceContext context, EventSink sink) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    ByteInput input = new ByteInput(buffered);
    CaptureReader reader = open(buffered, input, sink);
    if (reader == null) {
      return;
    }
    Problems problems = new Problems(sink);
    DnsTracker dns = new DnsTracker(context.path(), sink);
    TcpTracker tcp = new TcpTracker(limits, context.path(), sink, dns, problems);
    Frame frame = new Frame();
    Packet packet = new Packet();
    while (reader.next(frame)) {
      try {
        handle(frame, packet, tcp, dns, problems);
      } catch (RuntimeException e) {
        // A bug must cost one packet, not the run; the report makes it visible.
        problems.malformed(frame.number, "internal error: " + e, excerpt(frame));
      }
    }
    tcp.flush();
    dns.flush();
  }

  private static CaptureReader open(BufferedInputStream in, ByteInput input, EventSink sink)
      throws IOException {
    byte[] head = new byte[PcapReader.HEADER];
    in.mark(PcapReader.HEADER);
    int got = input.read(head, 0, head.length);
    if (PcapngReader.isMagic(head, got)) {
      in.reset();
      return new PcapngReader(new ByteInput(in), sink);
    }
    if (got >= 4 && PcapReader.isMagic(head)) {
      if (got < PcapReader.HEADER) {
        sink.malformed(0, "truncated pcap file header (" + got + " of 24 bytes)", "");
        return null;
      }
      return new PcapReader(input, head, sink);
    }
    sink.malformed(0, "not a pcap or pcapng file", hex(head, 0, Math.min(got, 16)));
    return null;
  }

  private static void handle(Frame frame, Packet packet, TcpTracker tcp, DnsTracker dns,
      Problems problems) {
    String result = PacketDecoder.decode(frame, packet);
    if (result == null) {
      if (packet.protocol == Packet.TCP) {
        tcp.packet(packet, frame.timeMillis, frame.number);
      } else if (packet.sourcePort == 53 || packet.destinationPort == 53) {
        udpDns(frame, packet, dns, problems);
      }
    } else if (result == PacketDecoder.UNSUPPORTED) {
      problems.unsupportedLink(frame.number, frame.linkType);
    } else if (result != PacketDecoder.SKIP) {
      problems.malformed(frame.number, result, excerpt(frame));
    }
  }

  private static void udpDns(Frame frame, Packet p, DnsTracker dns, Problems problems) {
    DnsParser.Result r = DnsParser.parse(p.data, p.payloadOffset, p.payloadLength);
    if (r.message() == null) {
      problems.malformed(frame.number, r.error(), excerpt(frame));
      return;
    }
    dns.message(r.message(), p.sourceEndpoint(), p.destinationEndpoint(), frame.timeMillis,
        frame.number, "udp");
  }

  private static String excerpt(Frame f) {
    return hex(f.data, f.offset, Math.min(f.length, EXCERPT_BYTES));
  }

  private static String hex(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len * 2);
    for (int i = off; i < off + len; i++) {
      sb.append(Character.forDigit(b[i] >>> 4 & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
    }
    return sb.toString();
  }

  /** Reports malformed packets to the sink; an unsupported link type is reported once. */
  static final class Problems {
    private final EventSink sink;
    private final Set<Integer> unsupported = new HashSet<>();

    Problems(EventSink sink) {
      this.sink = sink;
    }

    void malformed(long packet, String reason) {
      sink.malformed(packet, reason, "");
    }

    void malformed(long packet, String reason, String excerpt) {
      sink.malformed(packet, reason, excerpt);
    }

    void unsupportedLink(long packet, int linkType) {
      if (unsupported.add(linkType)) {
        sink.malformed(packet, "unsupported link type " + linkType
            + "; its packets are skipped", "");
      }
    }
  }
}
