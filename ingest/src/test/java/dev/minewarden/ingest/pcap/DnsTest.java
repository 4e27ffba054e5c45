package dev.minewarden.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.CollectingSink;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DNS messages: names, compression (and its abuse), answers, pairing, and DNS over TCP. */
class DnsTest {
  /** A DNS message writer: header, then raw sections appended by the test. */
  private static final class Msg {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Msg(int id, int flags, int qd, int an) {
      ByteBuffer h = ByteBuffer.allocate(12);
      h.putShort((short) id).putShort((short) flags).putShort((short) qd).putShort((short) an)
          .putShort((short) 0).putShort((short) 0);
      out.writeBytes(h.array());
    }

    Msg name(String dotted) {
      for (String label : dotted.split("\\.")) {
        out.write(label.length());
        out.writeBytes(Captures.utf8(label));
      }
      out.write(0);
      return this;
    }

    Msg raw(int... bytes) {
      for (int b : bytes) {
        out.write(b);
      }
      return this;
    }

    Msg question(int type) {
      return raw(type >> 8, type & 0xff, 0, 1);
    }

    /** A resource record whose owner is a pointer to offset 12 (the question's name). */
    Msg answer(int type, byte[] rdata) {
      raw(0xc0, 12, type >> 8, type & 0xff, 0, 1, 0, 0, 0, 60, rdata.length >> 8,
          rdata.length & 0xff);
      out.writeBytes(rdata);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  private static DnsMessage ok(byte[] m) {
    DnsParser.Result r = DnsParser.parse(m, 0, m.length);
    assertThat(r.error()).isNull();
    return r.message();
  }

  private static String error(byte[] m) {
    DnsParser.Result r = DnsParser.parse(m, 0, m.length);
    assertThat(r.message()).isNull();
    return r.error();
  }

  @Test
  void parse_answersWithCompression() {
    byte[] cname = {3, 'c', 'd', 'n', (byte) 0xc0, 12 + 4}; // cdn.<"pool.example">
    byte[] m = new Msg(7, 0x8180, 1, 4).name("xmr.pool.example").question(1)
        .answer(5, cname).answer(1, new byte[] {(byte) 203, 0, 113, 7})
        .answer(28, Captures.addr("2001:db8::7"))
        .answer(16, new byte[] {5, 'h', 'e', 'l', 'l', 'o', 3, ' ', 'm', 'e'})
        .bytes();

    DnsMessage d = ok(m);

    assertThat(d.id()).isEqualTo(7);
    assertThat(d.response()).isTrue();
    assertThat(d.rcode()).isEqualTo("NOERROR");
    assertThat(d.query()).isEqualTo("xmr.pool.example");
    assertThat(d.recordType()).isEqualTo("A");
    assertThat(d.answers()).containsExactly("cdn.pool.example", "203.0.113.7", "2001:db8::7",
        "hello me");
  }

  @Test
  void parse_compressionAbuseIsRejected() {
    // A pointer to itself, a pointer forward, and two pointers pointing at each other.
    assertThat(error(new Msg(1, 0, 1, 0).raw(0xc0, 12, 0, 1, 0, 1).bytes())).contains("pointer");
    assertThat(error(new Msg(1, 0, 1, 0).raw(0xc0, 20, 0, 1, 0, 1, 0, 0, 0, 0).bytes()))
        .contains("pointer");
    byte[] mutual = new Msg(1, 0, 1, 0).raw(0xc0, 14, 0xc0, 12, 0, 1, 0, 1).bytes();
    assertThat(error(mutual)).contains("pointer");
  }

  @Test
  void parse_limitsAndTruncation() {
    Msg longName = new Msg(1, 0, 1, 0);
    for (int i = 0; i < 10; i++) {
      longName.raw(63).raw(fill(63));
    }
    assertThat(error(longName.raw(0).question(1).bytes())).contains("longer than 255");
    assertThat(error(new Msg(1, 0, 1, 0).raw(0x40, 1, 0).question(1).bytes()))
        .contains("label type");
    assertThat(error(new byte[5])).contains("shorter than its header");
    byte[] full = new Msg(1, 0x8183, 1, 1).name("a.example").question(16)
        .answer(1, new byte[] {1, 2, 3, 4}).bytes();
    assertThat(error(java.util.Arrays.copyOf(full, full.length - 2))).contains("truncated");
    assertThat(ok(java.util.Arrays.copyOf(full, full.length)).rcode()).isEqualTo("NXDOMAIN");
    assertThat(ok(full).recordType()).isEqualTo("TXT");
    Msg many = new Msg(1, 0x8180, 1, 200).name("m.example").question(1);
    for (int i = 0; i < 200; i++) {
      many.answer(1, new byte[] {10, 0, 0, (byte) i});
    }
    assertThat(ok(many.bytes()).answers()).hasSize(DnsParser.MAX_ANSWERS);
  }

  @Test
  void parse_queryAndResponseMakeOneEventAndTheUnansweredOneEndsAlone() {
    byte[] q1 = new Msg(0x1111, 0x0100, 1, 0).name("pool.supportxmr.com").question(1).bytes();
    byte[] r1 = new Msg(0x1111, 0x8180, 1, 1).name("pool.supportxmr.com").question(1)
        .answer(1, new byte[] {(byte) 192, 0, 2, 1}).bytes();
    byte[] q2 = new Msg(0x2222, 0x0100, 1, 0).name("never.example").question(28).bytes();
    List<Captures.Rec> recs = new ArrayList<>();
    recs.add(new Captures.Rec(1_000_000_000L, Captures.ethernet(
        Captures.udp("10.0.0.2", 5353, "10.0.0.53", 53, q1))));
    recs.add(new Captures.Rec(2_000_000_000L, Captures.ethernet(
        Captures.udp("10.0.0.2", 5353, "10.0.0.53", 53, q2))));
    recs.add(new Captures.Rec(3_000_000_000L, Captures.ethernet(
        Captures.udp("10.0.0.53", 53, "10.0.0.2", 5353, r1))));

    CollectingSink sink = Pcaps.parse(Captures.classic(1, true, false, recs));

    List<Event> dns = sink.category("dns");
    assertThat(dns).hasSize(2);
    Event answered = dns.get(0);
    assertThat(answered.get("query")).isEqualTo("pool.supportxmr.com");
    assertThat(answered.get("answer")).isEqualTo(List.of("192.0.2.1"));
    assertThat(answered.get("rcode")).isEqualTo("NOERROR");
    assertThat(answered.get("SourceIp")).isEqualTo("10.0.0.2");
    assertThat(answered.timestampMillis()).as("the query's time").isEqualTo(1000L);
    assertThat(answered.sourceLine()).isEqualTo(1);
    Event unanswered = dns.get(1);
    assertThat(unanswered.get("query")).isEqualTo("never.example");
    assertThat(unanswered.get("record_type")).isEqualTo("AAAA");
    assertThat(unanswered.has("rcode")).isFalse();
    assertThat(unanswered.get("answer")).isEqualTo(List.of());
  }

  @Test
  void parse_dnsOverTcpAndMalformedUdp() {
    byte[] q = new Msg(9, 0x0100, 1, 0).name("c3pool.com").question(16).bytes();
    byte[] r = new Msg(9, 0x8180, 1, 1).name("c3pool.com").question(16)
        .answer(16, new byte[] {2, 'o', 'k'}).bytes();
    Captures.Conversation c = new Captures.Conversation("10.0.0.3", 41234, "10.0.0.53", 53)
        .handshake();
    // The query split across two segments, length prefix included.
    byte[] framed = join(new byte[] {0, (byte) q.length}, q);
    c.send(true, java.util.Arrays.copyOf(framed, 5));
    c.send(true, java.util.Arrays.copyOfRange(framed, 5, framed.length));
    c.send(false, join(new byte[] {0, (byte) r.length}, r));
    c.close();
    List<Captures.Rec> recs = new ArrayList<>(c.recs);
    recs.add(new Captures.Rec(c.nanos, Captures.ethernet(
        Captures.udp("10.0.0.4", 5000, "10.0.0.53", 53, new byte[] {1, 2, 3}))));

    CollectingSink sink = Pcaps.parse(Captures.classic(1, true, false, recs));

    assertThat(sink.category("dns")).singleElement().satisfies(e -> {
      assertThat(e.get("query")).isEqualTo("c3pool.com");
      assertThat(e.get("answer")).isEqualTo(List.of("ok"));
      assertThat(e.get("Transport")).isEqualTo("tcp");
    });
    assertThat(sink.malformed).singleElement()
        .satisfies(m -> assertThat(m.line()).isEqualTo(recs.size()));
  }

  private static int[] fill(int n) {
    int[] r = new int[n];
    java.util.Arrays.fill(r, 'a');
    return r;
  }

  private static byte[] join(byte[] a, byte[] b) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
