package dev.minewarden.ingest.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.CollectingSink;
import org.junit.jupiter.api.Test;

class NsgFlowLogFormatTest {
  private final NsgFlowLogFormat format = new NsgFlowLogFormat();

  @Test
  void parse_version2Blob() {
    CollectingSink p = CollectingSink.parseResource(format, "samples/azure-nsg-flow-v2.json");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(11);
    Event probe = p.events.get(2);
    assertThat(probe.logSource()).isEqualTo(
        LogSource.exact("azure", "network_connection", "nsgflowlogs"));
    assertThat(probe.sourceLine()).isEqualTo(3);
    assertThat(probe.timestampMillis()).isEqualTo(1542110432000L);
    assertThat(probe.get("SourceIp")).isEqualTo("198.51.100.8");
    assertThat(probe.get("DestinationPort")).isEqualTo(8088L);
    assertThat(probe.get("Protocol")).isEqualTo("tcp");
    assertThat(probe.get("Action")).isEqualTo("REJECT");
    assertThat(probe.get("Initiated")).isEqualTo(false);
    assertThat(probe.get("rule")).isEqualTo("DefaultRule_DenyAllInBound");
    assertThat(probe.get("flowState")).isEqualTo("B");
    assertThat(probe.has("Packets")).isFalse();
    assertThat(probe.host()).isEqualTo("10.5.16.4");
    assertThat(p.events.get(0).get("Protocol")).isEqualTo("udp");
    Event out = p.events.get(5);
    assertThat(out.get("Action")).isEqualTo("ACCEPT");
    assertThat(out.get("Initiated")).isEqualTo(true);
    assertThat(out.get("Packets")).isEqualTo(54L);
    assertThat(out.get("BytesSent")).isEqualTo(16978L);
    assertThat(out.get("BytesReceived")).isEqualTo(14008L);
    assertThat(out.get("Version")).isEqualTo(2L);
    assertThat(out.get("mac")).isEqualTo("000D3AF87856");
    assertThat(p.events.get(8).sourceLine()).isGreaterThan(40);
  }

  @Test
  void parse_badTuplesAreReportedAndVersion1Reads() {
    String text = "{\"records\":[{\"time\":\"2018-11-13T12:00:35Z\",\"properties\":{\"Version\":1,"
        + "\"flows\":[{\"rule\":\"r\",\"flows\":[{\"mac\":\"00\",\"flowTuples\":["
        + "\"1542110402,192.0.2.190,10.5.16.4,28746,443,U,I,A\","
        + "\"1542110402,192.0.2.190,10.5.16.4,99999,443,U,I,A\","
        + "\"junk\"]}]}]}},{\"time\":\"x\"}]}";
    CollectingSink p = CollectingSink.parse(format, text);

    assertThat(p.events).hasSize(1);
    assertThat(p.events.get(0).get("Action")).isEqualTo("ACCEPT");
    assertThat(p.events.get(0).has("flowState")).isFalse();
    assertThat(p.malformed).extracting(CollectingSink.Malformed::reason).containsExactly(
        "bad NSG flow tuple", "bad NSG flow tuple", "no properties.flows in NSG flow record");
  }
}
