package dev.minewarden.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Event of(String json) throws IOException {
    return JsonEvents.toEvent(JSON.readTree(json), "f.json", 3);
  }

  @Test
  void toEvent_flattensNestedObjectsAndKeepsScalarArrays() throws IOException {
    Event e = of("{\"a\":{\"b\":{\"c\":\"x\"}},\"n\":42,\"d\":1.5,\"t\":true,\"z\":null,\"l\":[\"p\",\"q\"]}");
    assertThat(e.get("a.b.c")).isEqualTo("x");
    assertThat(e.get("n")).isEqualTo(42L);
    assertThat(e.get("d")).isEqualTo(1.5);
    assertThat(e.get("t")).isEqualTo(Boolean.TRUE);
    assertThat(e.has("z")).isTrue();
    assertThat(e.get("z")).isNull();
    assertThat(e.get("l")).isEqualTo(List.of("p", "q"));
    assertThat(e.logSource()).isEqualTo(LogSource.ANY);
    assertThat(e.sourcePath()).isEqualTo("f.json");
    assertThat(e.sourceLine()).isEqualTo(3);
    assertThat(e.hasTime()).isFalse();
  }

  @Test
  void toEvent_arraysOfObjectsBecomeListsUnderJoinedNames() throws IOException {
    Event e = of("{\"items\":[{\"cidrIp\":\"0.0.0.0/0\"},{\"cidrIp\":\"10.0.0.0/8\"}]}");
    assertThat(e.get("items.cidrIp")).isEqualTo(List.of("0.0.0.0/0", "10.0.0.0/8"));
  }

  @Test
  void toEvent_timeFromCommonFields() throws IOException {
    assertThat(of("{\"@timestamp\":\"2024-05-01T10:00:00Z\"}").timestampMillis())
        .isEqualTo(Instant.parse("2024-05-01T10:00:00Z").toEpochMilli());
    assertThat(of("{\"time\":\"2024-05-01 10:00:00.250\"}").timestampMillis())
        .isEqualTo(Instant.parse("2024-05-01T10:00:00.250Z").toEpochMilli());
    assertThat(of("{\"ts\":1714557600.5}").timestampMillis()).isEqualTo(1714557600500L);
    assertThat(of("{\"timestamp\":1714557600123}").timestampMillis()).isEqualTo(1714557600123L);
    assertThat(of("{\"eventTime\":\"2024-05-01T12:00:00+02:00\"}").timestampMillis())
        .isEqualTo(Instant.parse("2024-05-01T10:00:00Z").toEpochMilli());
    assertThat(of("{\"time\":\"yesterday\"}").hasTime()).isFalse();
  }

  @Test
  void toEvent_logsourceAndHostFromJson() throws IOException {
    Event e = of("{\"logsource\":{\"product\":\"Linux\",\"service\":\"sshd\"},\"host\":{\"name\":\"web-1\"}}");
    assertThat(e.logSource()).isEqualTo(LogSource.of("linux", null, "sshd"));
    assertThat(e.host()).isEqualTo("web-1");
  }

  @Test
  void toEvent_notAnObject_isRejected() throws IOException {
    JsonNode arr = JSON.readTree("[1,2]");
    assertThatThrownBy(() -> JsonEvents.toEvent(arr)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toEvent_evtxNamesAddressableDirectly() throws IOException {
    // A SigmaHQ regression event (see sigma/SOURCE.txt): Sysmon file creation rendered as JSON.
    String path =
        "/sigma/regression_data/rules-emerging-threats/2026/Exploits/RedSun/"
            + "file_event_win_exploit_redsun_indicators/f2e4b7d9-5c3a-4f8b-9e1d-7a6c2b3f4e5d.json";
    JsonNode node;
    try (InputStream in = JsonEventsTest.class.getResourceAsStream(path)) {
      node = JSON.readTree(in);
    }
    Event e = JsonEvents.toEvent(node);
    assertThat(e.get("Event.EventData.Image")).isEqualTo("C:\\Users\\xodih\\Downloads\\RedSun.exe");
    assertThat(e.get("Image")).isEqualTo("C:\\Users\\xodih\\Downloads\\RedSun.exe");
    assertThat(e.get("EventID")).isEqualTo(11L);
    assertThat(e.get("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
    assertThat(e.get("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
    assertThat(e.get("Execution_ProcessID")).isEqualTo(3208L);
    assertThat(e.host()).isEqualTo("swachchhanda");
    assertThat(e.timestampMillis()).isEqualTo(Instant.parse("2026-04-17T05:24:53.092Z").toEpochMilli());
    assertThat(e.logSource()).isEqualTo(LogSource.of("windows", null, null));
  }

  @Test
  void toEvent_evtxDataEntriesAndSpacedNames() throws IOException {
    Event e =
        of("{\"Event\":{\"System\":{\"EventID\":{\"#attributes\":{\"Qualifiers\":16384},\"#text\":7045}},"
            + "\"EventData\":{\"Data\":[{\"@Name\":\"ServiceName\",\"#text\":\"evil\"},"
            + "{\"@Name\":\"ImagePath\",\"#text\":\"C:\\\\x.exe\"}],\"Source Name\":\"RTP\"}}}");
    assertThat(e.get("EventID")).isEqualTo(7045L);
    assertThat(e.get("EventID_Qualifiers")).isEqualTo(16384L);
    assertThat(e.get("ServiceName")).isEqualTo("evil");
    assertThat(e.get("ImagePath")).isEqualTo("C:\\x.exe");
    assertThat(e.get("SourceName")).isEqualTo("RTP");
    assertThat(e.get("Source Name")).isEqualTo("RTP");
  }
}
