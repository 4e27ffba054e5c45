package dev.minewarden.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.CollectingSink;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classic and pcapng readers agree: every trace, rewritten in the other byte order, in
 * nanoseconds, or as pcapng with various timestamp resolutions and blocks to skip, gives the same
 * events as the original.
 */
class PcapReadersTest {
  static Stream<String> traces() {
    return Stream.of("zeek-cryptomining/testing/Traces/bitcoin-mining.pcap",
        "zeek-cryptomining/testing/Traces/bitcoin-mining-in-progress.pcap",
        "zeek-cryptomining/testing/Traces/coinhive-stratum.pcap",
        "zeek-cryptomining/testing/Traces/coinhive.pcap",
        "synthetic/gen-stratum.pcap");
  }

  @ParameterizedTest
  @MethodSource("traces")
  void parse_classicBigEndianAndNanosecondsMatchOriginal(String trace) {
    byte[] original = Pcaps.resource(trace);
    CollectingSink expected = Pcaps.parse(original);
    assertThat(expected.events).as("the trace has events to compare").isNotEmpty();
    Captures.Classic c = Captures.readClassic(original);
    for (boolean little : new boolean[] {true, false}) {
      for (boolean nanos : new boolean[] {true, false}) {
        byte[] rewritten = Captures.classic(c.linkType(), little, nanos, c.recs());
        assertSame(expected, Pcaps.parse(rewritten), 0, true);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("traces")
  void parse_pcapngInBothByteOrdersAndResolutionsMatchesClassic(String trace) {
    byte[] original = Pcaps.resource(trace);
    CollectingSink expected = Pcaps.parse(original);
    // 6: microseconds (the default, no option); 9: ns; 3: ms; 0x94: 2^-20 s (binary).
    for (int tsResol : new int[] {6, 9, 3, 0x94}) {
      for (boolean little : new boolean[] {true, false}) {
        byte[] ng = Captures.toPcapng(original, new Captures.Ng(little, tsResol, false, true));
        assertThat(new PcapFormat().sniff(ng, ng.length)).isTrue();
        assertSame(expected, Pcaps.parse(ng), tsResol == 0x94 ? 1 : 0, true);
      }
    }
  }

  @Test
  void parse_pcapngSimplePacketBlocksHaveNoTime() {
    byte[] original = Pcaps.resource("zeek-cryptomining/testing/Traces/bitcoin-mining.pcap");
    CollectingSink expected = Pcaps.parse(original);
    byte[] ng = Captures.toPcapng(original, new Captures.Ng(false, 6, true, false));
    CollectingSink actual = Pcaps.parse(ng);
    assertSame(expected, actual, 0, false);
    assertThat(actual.events).allMatch(e -> !e.hasTime());
  }

  @Test
  void parse_pcapngSectionsInDifferentByteOrders() {
    byte[] a = Pcaps.resource("zeek-cryptomining/testing/Traces/coinhive-stratum.pcap");
    byte[] b = Pcaps.resource("zeek-cryptomining/testing/Traces/bitcoin-mining.pcap");
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(Captures.toPcapng(a, new Captures.Ng(true, 6, false, false)));
    both.writeBytes(Captures.toPcapng(b, new Captures.Ng(false, 9, false, true)));

    CollectingSink sink = Pcaps.parse(both.toByteArray());

    List<String> expected = new ArrayList<>(summary(Pcaps.parse(a)));
    expected.addAll(summary(Pcaps.parse(b)));
    assertThat(summary(sink)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(sink.malformed).isEmpty();
  }

  @Test
  void toMillis_resolutions() {
    long t = 1_533_305_980_360_123_456L; // ns
    assertThat(PcapngReader.toMillis(t, 9, 0)).isEqualTo(1_533_305_980_360L);
    assertThat(PcapngReader.toMillis(t / 1000, 6, 0)).isEqualTo(1_533_305_980_360L);
    assertThat(PcapngReader.toMillis(1_533_305_980L, 0, 0)).isEqualTo(1_533_305_980_000L);
    assertThat(PcapngReader.toMillis(1_533_305_980L << 20 | 1 << 19, 0x94, 0))
        .isEqualTo(1_533_305_980_500L);
    assertThat(PcapngReader.toMillis(1_533_305_980_360L, 3, 10)).isEqualTo(1_533_305_990_360L);
    // Absurd resolutions do not overflow or throw.
    assertThat(PcapngReader.toMillis(Long.MAX_VALUE, 127, 0)).isZero();
    assertThat(PcapngReader.toMillis(-1L, 0xff, 0)).isZero();
    assertThat(PcapngReader.toMillis(-1L, 0xc0, 0)).isEqualTo(999L);
  }

  private static List<String> summary(CollectingSink sink) {
    return sink.events.stream().map(e -> e.logSource() + " " + e.timestampMillis() + " "
        + e.get("SourceIp") + ">" + e.get("DestinationIp") + " " + e.get("Protocol") + " "
        + e.get("query")).toList();
  }

  /** Same events in the same order, with times equal within {@code toleranceMs} (if timed). */
  private static void assertSame(CollectingSink expected, CollectingSink actual, long toleranceMs,
      boolean timed) {
    assertThat(actual.malformed).isEqualTo(expected.malformed);
    assertThat(actual.events).hasSameSizeAs(expected.events);
    for (int i = 0; i < expected.events.size(); i++) {
      Event e = expected.events.get(i);
      Event a = actual.events.get(i);
      assertThat(a.fields()).isEqualTo(e.fields());
      assertThat(a.logSource()).isEqualTo(e.logSource());
      assertThat(a.sourceLine()).isEqualTo(e.sourceLine());
      if (timed) {
        assertThat(Math.abs(a.timestampMillis() - e.timestampMillis()))
            .as("time of " + e).isLessThanOrEqualTo(toleranceMs);
      }
    }
  }
}
