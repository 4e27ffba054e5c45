package dev.minewarden.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.ingest.CollectingSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flow table keeps its bounds after every packet and accounts for every byte it frees. */
class TcpTrackerTest {
  @Test
  void packet_boundsHoldAfterEveryPacketAndFlushFreesAll() {
    Limits limits = new Limits(64, 65_536, 32_768, 4_096, 4, 256 * 1024);
    List<Captures.Rec> recs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Captures.Conversation c = new Captures.Conversation("10.6." + (i / 200) + "." + (i % 200 + 1),
          40600, "203.0.113.6", 3333).handshake();
      // A partial JSON line, and out-of-order segments that are held.
      c.client("{\"partial\":\"" + "z".repeat(3000));
      c.segment(true, c.clientSeq + 500, new byte[900]);
      c.segment(true, c.clientSeq + 2000, new byte[900]);
      recs.addAll(c.recs);
    }
    CollectingSink sink = new CollectingSink();
    TcpTracker tracker = new TcpTracker(limits, "t", sink, new DnsTracker("t", sink),
        new PcapFormat.Problems(sink));
    Frame frame = new Frame();
    Packet packet = new Packet();
    long peak = 0;
    for (Captures.Rec r : recs) {
      frame.data = r.frame();
      frame.offset = 0;
      frame.length = r.frame().length;
      frame.linkType = Captures.ETHERNET;
      assertThat(PacketDecoder.decode(frame, packet)).isNull();
      tracker.packet(packet, 0, 1);
      assertThat(tracker.bufferedBytes()).isLessThanOrEqualTo(limits.bufferBudget());
      assertThat(tracker.openFlows()).isLessThanOrEqualTo(limits.maxFlows());
      peak = Math.max(peak, tracker.bufferedBytes());
    }
    assertThat(peak).as("the test did fill buffers").isGreaterThan(limits.bufferBudget() / 2);
    tracker.flush();
    assertThat(tracker.bufferedBytes()).isZero();
    assertThat(tracker.openFlows()).isZero();
  }
}
