package dev.minewarden.ingest.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.CollectingSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZeekFormatTest {
  private final ZeekFormat format = new ZeekFormat();

  /** The btest baselines with their masked timestamps replaced by a real one. */
  private static String unmasked(String resource) {
    return new String(CollectingSink.resourceBytes(resource), StandardCharsets.UTF_8)
        .replace("XXXXXXXXXX.XXXXXX", "1591367999.305988");
  }

  @Test
  void parse_maskedTimestampsAreMalformedWithLineNumbers() {
    CollectingSink p = CollectingSink.parseResource(format, "samples/zeek-conn.tsv.log");

    assertThat(p.events).isEmpty();
    assertThat(p.malformed).hasSize(25);
    assertThat(p.malformed.get(0).line()).isEqualTo(10);
    assertThat(p.malformed.get(24).line()).isEqualTo(34);
    assertThat(p.malformed).allSatisfy(m -> assertThat(m.reason()).contains("ts"));
  }

  @Test
  void parse_connTsv() {
    CollectingSink p = CollectingSink.parse(format, unmasked("samples/zeek-conn.tsv.log"));

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(25);
    Event first = p.events.get(0);
    assertThat(first.logSource()).isEqualTo(LogSource.exact("zeek", "network_connection", "conn"));
    assertThat(first.timestampMillis()).isEqualTo(1591367999306L);
    assertThat(first.sourceLine()).isEqualTo(10);
    assertThat(first.get("uid")).isEqualTo("CHhAvVGS1DHFjwGM9");
    assertThat(first.get("id.resp_p")).isEqualTo(22L);
    assertThat(first.get("DestinationPort")).isEqualTo(22L);
    assertThat(first.get("SourceIp")).isEqualTo("192.168.1.79");
    assertThat(first.get("DestinationIp")).isEqualTo("131.159.21.1");
    assertThat(first.get("Protocol")).isEqualTo("tcp");
    assertThat(first.get("duration")).isEqualTo(6.159326);
    assertThat(first.get("BytesSent")).isEqualTo(2669L);
    assertThat(first.get("BytesReceived")).isEqualTo(2501L);
    assertThat(first.get("Packets")).isEqualTo(45L);
    assertThat(first.get("Initiated")).isEqualTo(true);
    assertThat(first.get("local_resp")).isEqualTo(false);
    assertThat(first.has("tunnel_parents")).isFalse();
    Event udp = p.events.get(18);
    assertThat(udp.get("proto")).isEqualTo("udp");
    assertThat(udp.has("service")).isFalse();
    assertThat(udp.has("duration")).isFalse();
    assertThat(udp.get("ip_proto")).isEqualTo(17L);
  }

  @Test
  void parse_dnsTsvSetsAndVectors() {
    CollectingSink p = CollectingSink.parse(format, unmasked("samples/zeek-dns.tsv.log"));

    assertThat(p.malformed).isEmpty();
    Event e = p.events.get(0);
    assertThat(e.logSource()).isEqualTo(LogSource.exact("zeek", "dns", "dns"));
    assertThat(e.get("query")).isEqualTo("us.v27.distributed.net");
    assertThat(e.get("rcode")).isEqualTo("NOERROR");
    assertThat(e.has("qtype_name")).isFalse();
    assertThat(e.get("AA")).isEqualTo(true);
    assertThat(e.get("Z")).isEqualTo(0L);
    assertThat((List<?>) e.get("answers")).hasSize(8).first().isEqualTo("206.109.64.186");
    assertThat(e.get("answer")).isEqualTo(e.get("answers"));
    assertThat((List<?>) e.get("TTLs")).hasSize(8).allSatisfy(t -> assertThat(t).isEqualTo(900.0));
    assertThat(e.get("opcode_name")).isEqualTo("query");
  }

  @Test
  void parse_sshTsvBoolsAndUnset() {
    CollectingSink p = CollectingSink.parse(format, unmasked("samples/zeek-ssh.tsv.log"));

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(22);
    assertThat(p.events).allSatisfy(
        e -> assertThat(e.logSource()).isEqualTo(LogSource.exact("zeek", null, "ssh")));
    Event first = p.events.get(0);
    assertThat(first.has("auth_success")).isFalse();
    assertThat(first.get("auth_attempts")).isEqualTo(0L);
    assertThat(first.get("direction")).isEqualTo("OUTBOUND");
    Event failed = p.events.get(16);
    assertThat(failed.get("auth_success")).isEqualTo(false);
    assertThat(failed.get("auth_attempts")).isEqualTo(6L);
    assertThat(p.events.get(1).get("server")).isEqualTo("SSH-2.0-OpenSSH_5.9p1 Debian-5ubuntu1.1");
    assertThat(p.events.get(1).get("DestinationPort")).isEqualTo(41644L);
  }

  @Test
  void parse_connAndDnsJson() {
    CollectingSink conn = CollectingSink.parseResource(format, "samples/zeek-conn.json.log");
    CollectingSink dns = CollectingSink.parseResource(format, "samples/zeek-dns.json.log");

    assertThat(conn.malformed).isEmpty();
    assertThat(conn.events).hasSize(2);
    Event http = conn.events.get(1);
    assertThat(http.logSource().service()).isEqualTo("conn");
    assertThat(http.timestampMillis()).isEqualTo(1591367999430L);
    assertThat(http.get("id.resp_p")).isEqualTo(80L);
    assertThat(http.get("DestinationIp")).isEqualTo("31.3.245.133");
    assertThat(http.get("Packets")).isEqualTo(10L);
    Event a = dns.events.get(1);
    assertThat(a.logSource()).isEqualTo(LogSource.exact("zeek", "dns", "dns"));
    assertThat(a.get("qtype_name")).isEqualTo("A");
    assertThat(a.get("record_type")).isEqualTo("A");
    assertThat(a.get("answer")).isEqualTo(List.of("31.3.245.133"));
    assertThat(a.get("TTLs")).isEqualTo(List.of(3600L));
    assertThat(dns.events.get(0).has("answer")).isFalse();
  }

  @Test
  void parse_httpTsvEscapesAndEmptySets() {
    CollectingSink p = CollectingSink.parseResource(format, "fixtures/zeek-http.tsv.log");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(2);
    Event get = p.events.get(0);
    assertThat(get.logSource()).isEqualTo(LogSource.exact("zeek", null, "http"));
    assertThat(get.get("uri")).isEqualTo("/xmrig-6.21.0-linux-static-x64.tar.gz");
    assertThat(get.get("DestinationHostname")).isEqualTo("198.51.100.7");
    assertThat(get.get("tags")).isEqualTo(List.of());
    assertThat(get.get("resp_mime_types")).isEqualTo(List.of("application/x-gzip"));
    assertThat(get.get("response_body_len")).isEqualTo(2871056L);
    assertThat(p.events.get(1).get("uri")).isEqualTo("/submit?a=1\tb=2");
  }

  @Test
  void parse_sslJsonWithIsoTimestamp() {
    CollectingSink p = CollectingSink.parseResource(format, "fixtures/zeek-ssl.json.log");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).extracting(e -> e.logSource().service()).containsExactly("ssl", "ssl");
    assertThat(p.events.get(0).get("DestinationHostname")).isEqualTo("xmr.pool.example.net");
    assertThat(p.events.get(0).get("cert_chain_fps")).isEqualTo(List.of());
    assertThat(p.events.get(1).timestampMillis()).isEqualTo(1714644240500L);
    assertThat(p.events.get(1).get("DestinationPort")).isEqualTo(14444L);
  }

  @Test
  void parse_recordsWithoutHeaderOrWithWrongColumnCount() {
    String text = "1591367999.3\tCabc\t10.0.0.1\t1\t10.0.0.2\t2\n"
        + "#fields\tts\tuid\n#types\ttime\tstring\n"
        + "1591367999.3\tCabc\textra\n"
        + "1591367999.3\tCdef\n"
        + "{\"ts\":1591367999.3,\"uid\":\n";
    CollectingSink p = CollectingSink.parse(format, text);

    assertThat(p.malformed).extracting(CollectingSink.Malformed::line).containsExactly(1L, 4L, 6L);
    assertThat(p.events).hasSize(1);
    assertThat(p.events.get(0).get("uid")).isEqualTo("Cdef");
    assertThat(p.events.get(0).logSource()).isEqualTo(LogSource.of("zeek", null, null));
  }
}
