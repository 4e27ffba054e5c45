package dev.minewarden.ingest.journald;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.CollectingSink;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.sshd.SshdSyslogFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JournaldFormatTest {
  private static final JournaldFormat FORMAT = new JournaldFormat();
  private static final SourceContext CONTEXT = SourceContext.of("journal.json", 0);

  private static CollectingSink fixture() {
    return CollectingSink.parseResource(FORMAT, "journald/sshd-journal.json", CONTEXT);
  }

  @Test
  void parse_fixtureKeepsSshdEntriesOnly() {
    CollectingSink sink = fixture();
    assertThat(sink.events).extracting(Event::sourceLine).containsExactly(1L, 2L, 3L, 5L, 6L, 7L, 9L);
    assertThat(sink.malformed).extracting(CollectingSink.Malformed::line).containsExactly(8L);
    assertThat(sink.events).allSatisfy(e -> assertThat(e.logSource()).isEqualTo(SshdSyslogFormat.LOG_SOURCE));
  }

  @Test
  void parse_acceptedEntry() {
    Event e = fixture().atLine(1).get(0);
    assertThat(e.timestampMillis()).isEqualTo(1694012241123L);
    assertThat(e.host()).isEqualTo("bullseye");
    assertThat(e.get("Hostname")).isEqualTo("bullseye");
    assertThat(e.get("ProcessId")).isEqualTo(581L);
    assertThat(e.get("event.action")).isEqualTo("ssh_accepted");
    assertThat(e.get("User")).isEqualTo("vagrant");
    assertThat(e.get("SourceIp")).isEqualTo("192.168.121.1");
    assertThat(e.get("SourcePort")).isEqualTo(56296L);
  }

  @Test
  void parse_identifiedByCommOnly() {
    Event e = fixture().atLine(3).get(0);
    assertThat(e.get("User")).isEqualTo("pascal5");
    assertThat(e.get("ProcessId")).isEqualTo(16379L);
  }

  @Test
  void parse_failedPasswordIpv6() {
    Event e = fixture().atLine(5).get(0);
    assertThat(e.get("event.action")).isEqualTo("ssh_failed_password");
    assertThat(e.get("SourceIp")).isEqualTo("2001:db8::2");
    assertThat(e.get("InvalidUser")).isEqualTo(true);
  }

  @Test
  void parse_byteArrayMessageWithInvalidUtf8() {
    Event e = fixture().atLine(6).get(0);
    assertThat(e.get("User")).isEqualTo("adm\uFFFDin");
    assertThat(e.get("SourceIp")).isEqualTo("35.188.49.176");
  }

  @Test
  void parse_newlineInsideMessage() {
    Event e = fixture().atLine(9).get(0);
    assertThat(e.get("User")).isEqualTo("multi\nline");
    assertThat(e.get("SourceIp")).isEqualTo("35.188.49.177");
  }

  @Test
  void parse_pamEntry() {
    Event e = fixture().atLine(7).get(0);
    assertThat(e.get("event.action")).isEqualTo("ssh_pam_failure");
    assertThat(e.get("User")).isEqualTo("workshop");
  }

  @Test
  void parse_badLinesAreReportedAndParsingGoesOn() {
    String text = "not json\n[1,2]\n{\"SYSLOG_IDENTIFIER\":\"sshd\",\"MESSAGE\":[1,999]}\n"
        + "{\"SYSLOG_IDENTIFIER\":\"sshd\",\"MESSAGE\":\"Invalid user x from 1.2.3.4 port 1\",\"__REALTIME_TIMESTAMP\":\"x\"}\n"
        + "{\"SYSLOG_IDENTIFIER\":\"sshd\",\"MESSAGE\":\"Invalid user y from 1.2.3.4 port 1\"\n";
    CollectingSink sink = CollectingSink.parse(FORMAT, text, CONTEXT);
    assertThat(sink.malformed).extracting(CollectingSink.Malformed::line).containsExactly(1L, 2L, 3L, 5L);
    assertThat(sink.events).hasSize(1);
    assertThat(sink.events.get(0).hasTime()).isFalse();
  }

  @Test
  void parse_tenMegabyteEntryIsReportedAndSkipped() {
    String huge = "{\"SYSLOG_IDENTIFIER\":\"sshd\",\"MESSAGE\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}\n";
    String next = "{\"SYSLOG_IDENTIFIER\":\"sshd\",\"MESSAGE\":\"Invalid user x from 1.2.3.4 port 1\"}\n";
    CollectingSink sink = CollectingSink.parse(FORMAT, huge + next, CONTEXT);
    assertThat(sink.malformed).extracting(CollectingSink.Malformed::line).containsExactly(1L);
    assertThat(sink.events).extracting(e -> e.get("User")).containsExactly("x");
  }

  @Test
  void sniff_journalExportOnly() {
    byte[] journal = CollectingSink.lines("journald/sshd-journal.json").get(0).getBytes(StandardCharsets.UTF_8);
    assertThat(FORMAT.sniff(journal, journal.length)).isTrue();
    byte[] syslog = "Mar  5 06:25:01 h sshd[1]: x\n".getBytes(StandardCharsets.UTF_8);
    assertThat(FORMAT.sniff(syslog, syslog.length)).isFalse();
    assertThat(new SshdSyslogFormat().sniff(journal, journal.length)).isFalse();
    assertThat(FORMAT.name()).isEqualTo("journald");
  }
}
