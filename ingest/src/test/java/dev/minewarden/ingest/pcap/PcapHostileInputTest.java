package dev.minewarden.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.ingest.CollectingSink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Broken and hostile captures are reported and survived, never thrown or hung on. */
class PcapHostileInputTest {
  private static final byte[] TRACE =
      Pcaps.resource("zeek-cryptomining/testing/Traces/coinhive-stratum.pcap");

  @Test
  void parse_truncatedMidRecord() {
    List<Integer> starts = recordStarts(TRACE);
    int record = 120; // 1-based number of the record cut in half
    int cut = starts.get(record - 1) + 16 + 20;

    CollectingSink sink = Pcaps.parse(Arrays.copyOf(TRACE, cut));

    assertThat(sink.malformed).hasSize(1);
    assertThat(sink.malformed.get(0).line()).isEqualTo(record);
    assertThat(sink.malformed.get(0).reason()).startsWith("truncated record");
    // Sessions seen before the cut are still reported.
    assertThat(sink.category("stratum")).isNotEmpty();
  }

  @Test
  void parse_truncatedRecordHeader() {
    List<Integer> starts = recordStarts(TRACE);
    CollectingSink sink = Pcaps.parse(Arrays.copyOf(TRACE, starts.get(9) + 7));
    assertThat(sink.malformed).singleElement()
        .satisfies(m -> assertThat(m.line()).isEqualTo(10))
        .satisfies(m -> assertThat(m.reason()).startsWith("truncated record header"));
  }

  @Test
  void parse_zeroLengthRecordIsReportedAndSkipped() {
    List<Captures.Rec> recs = Captures.readClassic(TRACE).recs();
    List<Captures.Rec> withEmpty = new java.util.ArrayList<>(recs);
    withEmpty.add(5, new Captures.Rec(recs.get(5).nanos(), new byte[0]));
    CollectingSink original = Pcaps.parse(TRACE);

    CollectingSink sink = Pcaps.parse(
        Captures.classic(Captures.ETHERNET, true, false, withEmpty));

    assertThat(sink.malformed).singleElement()
        .satisfies(m -> assertThat(m.line()).isEqualTo(6))
        .satisfies(m -> assertThat(m.reason()).contains("shorter than an Ethernet header"));
    assertThat(sink.category("stratum")).hasSameSizeAs(original.category("stratum"));
  }

  @Test
  void parse_hugeCapturedLengthEndsTheFileWithoutAllocating() {
    List<Integer> starts = recordStarts(TRACE);
    byte[] copy = TRACE.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(starts.get(2) + 8, 0xFFFFFFF0);

    CollectingSink sink = Pcaps.parse(copy);

    assertThat(sink.malformed).singleElement()
        .satisfies(m -> assertThat(m.line()).isEqualTo(3))
        .satisfies(m -> assertThat(m.reason()).contains("exceeds"));
  }

  @Test
  void parse_garbageAfterTheHeader() {
    Random random = new Random(42);
    for (int i = 0; i < 50; i++) {
      byte[] garbage = new byte[24 + random.nextInt(20_000)];
      random.nextBytes(garbage);
      System.arraycopy(TRACE, 0, garbage, 0, 24);

      CollectingSink sink = Pcaps.parse(garbage);

      assertThat(sink.malformed).isNotEmpty();
      assertNoInternalErrors(sink);
    }
  }

  @Test
  void parse_notAPcap() {
    byte[] text = Captures.utf8("Jan  1 00:00:00 host sshd[1]: Accepted password for root\n");
    PcapFormat format = new PcapFormat();
    assertThat(format.sniff(text, text.length)).isFalse();
    assertThat(format.sniff(TRACE, 64)).isTrue();

    CollectingSink sink = Pcaps.parse(text);

    assertThat(sink.events).isEmpty();
    assertThat(sink.malformed).singleElement()
        .satisfies(m -> assertThat(m.line()).isZero())
        .satisfies(m -> assertThat(m.reason()).isEqualTo("not a pcap or pcapng file"));
    assertThat(Pcaps.parse(new byte[0]).malformed).hasSize(1);
    assertThat(Pcaps.parse(Arrays.copyOf(TRACE, 10)).malformed).singleElement()
        .satisfies(m -> assertThat(m.reason()).startsWith("truncated pcap file header"));
  }

  @Test
  void parse_pcapngBrokenFraming() {
    byte[] ng = Captures.toPcapng(TRACE, new Captures.Ng(true, 6, false, false));
    ByteBuffer b = ByteBuffer.wrap(ng).order(ByteOrder.LITTLE_ENDIAN);
    int shbLen = b.getInt(4);
    int idbLen = b.getInt(shbLen + 4);
    int firstPacket = shbLen + idbLen;

    byte[] huge = ng.clone();
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(firstPacket + 4, 0x7FFFFFF0);
    assertThat(Pcaps.parse(huge).malformed).isNotEmpty().allMatch(
        m -> m.reason().contains("exceeds") || m.reason().contains("truncated"));

    byte[] odd = ng.clone();
    ByteBuffer.wrap(odd).order(ByteOrder.LITTLE_ENDIAN).putInt(firstPacket + 4, 13);
    assertThat(Pcaps.parse(odd).malformed).singleElement()
        .satisfies(m -> assertThat(m.reason()).contains("multiple of 4"));

    byte[] trailer = ng.clone();
    int len = b.getInt(firstPacket + 4);
    ByteBuffer.wrap(trailer).order(ByteOrder.LITTLE_ENDIAN).putInt(firstPacket + len - 4, 999);
    assertThat(Pcaps.parse(trailer).malformed).singleElement()
        .satisfies(m -> assertThat(m.reason()).contains("trailer"));

    byte[] cut = Arrays.copyOf(ng, firstPacket + 30);
    assertThat(Pcaps.parse(cut).malformed).singleElement()
        .satisfies(m -> assertThat(m.reason()).startsWith("truncated block"));

    byte[] noSection = Arrays.copyOfRange(ng, shbLen, ng.length);
    noSection = join(Arrays.copyOf(ng, 12), noSection); // sniffable head, then no real SHB
    assertThat(Pcaps.parse(noSection).malformed).isNotEmpty();
  }

  @Test
  void parse_mutatedTracesNeverThrow() {
    Random random = new Random(7);
    List<byte[]> traces = List.of(TRACE,
        Pcaps.resource("zeek-cryptomining/testing/Traces/bitcoin-mining.pcap"),
        Captures.toPcapng(TRACE, new Captures.Ng(false, 9, false, true)));
    for (int i = 0; i < 120; i++) {
      byte[] m = traces.get(i % traces.size()).clone();
      int flips = 1 + random.nextInt(40);
      for (int k = 0; k < flips; k++) {
        // Keep the file header so the framing, not the sniffing, is exercised.
        m[24 + random.nextInt(m.length - 24)] = (byte) random.nextInt(256);
      }
      assertNoInternalErrors(Pcaps.parse(m));
    }
  }

  @Test
  void parse_hostileStratumPayloads() {
    String deep = "[".repeat(100_000);
    StringBuilder longLine = new StringBuilder("{\"method\":\"mining.subscribe\",\"params\":[\"");
    longLine.append("A".repeat(200_000)).append("\"]}\n");
    byte[] pcap = new Captures.Conversation("10.3.0.1", 40300, "203.0.113.3", 3333).handshake()
        .client(deep + "\n").client(longLine.toString())
        .client("{\"id\":1,\"method\":\"login\",\"params\":{\"login\":" + "{".repeat(5000) + "\n")
        .client("\u0000\u0001garbage\n{\"method\":\n")
        .close().pcap();

    CollectingSink sink = Pcaps.parse(pcap);

    assertThat(sink.category("stratum")).isEmpty();
    assertNoInternalErrors(sink);
  }

  @Test
  void parse_messageBeyondTheInspectionLimitIsNotRead() {
    // Bounded work per flow: only the first inspectBytes of a direction are looked at.
    Captures.Conversation c = new Captures.Conversation("10.4.0.1", 40400, "203.0.113.4", 3333)
        .handshake();
    for (int i = 0; i < 80; i++) {
      c.client("{\"id\":" + i + ",\"method\":\"ping\",\"params\":[\"" + "x".repeat(1000) + "\"]}\n");
    }
    c.client("{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"cpuminer\"]}\n").close();

    assertThat(Pcaps.parse(c.pcap()).category("stratum")).isEmpty();
  }

  @Test
  void parse_bufferBudgetBoundsHeldBytes() {
    // Many flows each holding a partial line: the budget closes the oldest ones.
    Limits tight = new Limits(10_000, 65_536, 32_768, 16_384, 16, 64 * 1024);
    List<Captures.Rec> recs = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      recs.addAll(new Captures.Conversation("10.5." + (i / 250) + "." + (i % 250 + 1), 40500,
          "203.0.113.5", 3333).handshake().client("{\"partial\":\"" + "y".repeat(2000)).recs);
    }
    PcapFormat format = new PcapFormat(tight);
    CollectingSink sink = Pcaps.parse(format,
        Captures.classic(Captures.ETHERNET, true, false, recs));
    assertNoInternalErrors(sink);
    assertThat(sink.events).isEmpty();
  }

  private static void assertNoInternalErrors(CollectingSink sink) {
    assertThat(sink.malformed).noneMatch(m -> m.reason().startsWith("internal error"));
  }

  private static byte[] join(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** Offsets of each record of a little-endian classic pcap. */
  private static List<Integer> recordStarts(byte[] pcap) {
    List<Integer> starts = new java.util.ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
    int p = 24;
    while (p + 16 <= pcap.length) {
      starts.add(p);
      p += 16 + b.getInt(p + 8);
    }
    return starts;
  }
}
