package dev.minewarden.ingest.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.CollectingSink;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VpcFlowLogFormatTest {
  private final VpcFlowLogFormat format = new VpcFlowLogFormat();

  @Test
  void parse_entriesWithStringInt64sAndDedup() {
    CollectingSink p = CollectingSink.parseResource(format, "fixtures/gcp-vpc-flows.ndjson");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(3);
    Event ssh = p.events.get(0);
    assertThat(ssh.logSource()).isEqualTo(LogSource.exact("gcp", "network_connection", "vpcflowlogs"));
    assertThat(ssh.timestampMillis()).isEqualTo(Instant.parse("2024-05-02T10:15:29.456789Z")
        .toEpochMilli());
    assertThat(ssh.host()).isEqualTo("web-1");
    assertThat(ssh.get("SourceIp")).isEqualTo("198.51.100.23");
    assertThat(ssh.get("DestinationPort")).isEqualTo(22L);
    assertThat(ssh.get("Protocol")).isEqualTo("tcp");
    assertThat(ssh.get("BytesSent")).isEqualTo(1776L);
    assertThat(ssh.get("jsonPayload.bytes_sent")).isEqualTo(1776L);
    assertThat(ssh.get("jsonPayload.rtt_msec")).isEqualTo(31L);
    assertThat(ssh.get("jsonPayload.src_location.country")).isEqualTo("nld");
    assertThat(ssh.get("resource.labels.subnetwork_name")).isEqualTo("default");
    Event pool = p.events.get(1);
    assertThat(pool.get("DestinationPort")).isEqualTo(3333L);
    assertThat(pool.get("Packets")).isEqualTo(311L);
    assertThat(pool.get("jsonPayload.reporter")).isEqualTo("SRC");
    assertThat(p.events.get(2).sourceLine()).isEqualTo(3);
  }

  @Test
  void parse_arrayOfEntriesAndForeignEntry() {
    String text = "[\n {\"jsonPayload\":{\"connection\":{\"src_ip\":\"10.0.0.1\",\"dest_ip\":\"10.0.0.2\","
        + "\"src_port\":1,\"dest_port\":2,\"protocol\":17}},\"timestamp\":\"2024-01-01T00:00:00Z\"},\n"
        + " {\"textPayload\":\"hello\"}\n]";
    CollectingSink p = CollectingSink.parse(format, text);

    assertThat(p.events).hasSize(1);
    assertThat(p.events.get(0).get("Protocol")).isEqualTo("udp");
    assertThat(p.events.get(0).sourceLine()).isEqualTo(2);
    assertThat(p.malformed).extracting(CollectingSink.Malformed::line).containsExactly(3L);
  }
}
