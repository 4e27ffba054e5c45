package dev.minewarden.ingest.auditd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.CollectingSink;
import dev.minewarden.ingest.CrowdSecSuite;
import dev.minewarden.ingest.SourceContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the CrowdSec hub's auditd test logs through {@link AuditdFormat}. */
class CrowdSecAuditdSuitesTest {
  private static final SourceContext CONTEXT = SourceContext.of("audit.log", 0);

  private static CollectingSink parse(CrowdSecSuite suite) {
    return CollectingSink.parseResource(new AuditdFormat(), suite.logFile, CONTEXT);
  }

  @Test
  void parse_matchesCrowdSecParserAsserts() {
    CrowdSecSuite suite = CrowdSecSuite.load("auditd-logs");
    CollectingSink sink = parse(suite);
    assertThat(sink.malformed).isEmpty();
    assertThat(suite.parsed()).hasSize(4);
    for (CrowdSecSuite.Expectation x : suite.parsed()) {
      assertThat(x.success).isTrue();
      List<Event> atLine = sink.atLine(x.index + 1L);
      Event record = atLine.stream().filter(e -> "SYSCALL".equals(e.get("type"))).findFirst().orElseThrow();
      for (Map.Entry<String, String> f : x.auditd.entrySet()) {
        String expected = f.getKey().equals("msg") ? f.getValue().replaceAll(":$", "") : f.getValue();
        assertThat(record.get(f.getKey())).as("line %d %s", x.index + 1, f.getKey()).isEqualTo(expected);
      }
      assertThat(x.auditd).hasSizeGreaterThan(20);
      assertThat(record.get("exe")).isEqualTo(x.meta.get("exe"));
      assertThat(record.get("uid")).isEqualTo(x.meta.get("uid"));
      assertThat(record.get("auid")).isEqualTo(x.meta.get("auid"));
      assertThat(record.get("ppid")).isEqualTo(x.meta.get("ppid"));
      assertThat(record.get("tty")).isEqualTo(x.meta.get("tty"));
      assertThat(record.get("msg")).asString().endsWith(":" + x.meta.get("auditd_eventid") + ")");
      assertThat(x.meta.get("log_type")).isEqualTo("execve");
      assertThat(record.get("SYSCALL")).isEqualTo("execve");
      List<Event> process = atLine.stream().filter(e -> e.logSource().equals(AuditEvents.PROCESS_CREATION)).toList();
      if ("yes".equals(x.auditd.get("success"))) {
        assertThat(process).hasSize(1);
        assertThat(process.get(0).get("Image")).isEqualTo(x.meta.get("exe"));
        assertThat(process.get(0).get("ParentProcessId")).isEqualTo(Long.parseLong(x.meta.get("ppid")));
        assertThat(process.get(0).get("LogonId")).isEqualTo(x.meta.get("auid"));
      } else {
        assertThat(process).as("a failed execve creates no process").isEmpty();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"auditd-base64-exec", "auditd-postexploit-exec-from-net", "auditd-postexploit-rm", "auditd-suid-crash"})
  void parse_everyExecveLineIsAProcessWithItsImage(String name) {
    CrowdSecSuite suite = CrowdSecSuite.load(name);
    CollectingSink sink = parse(suite);
    assertThat(sink.malformed).isEmpty();
    int expected = 0;
    for (int i = 0; i < suite.logLines.size(); i++) {
      String line = suite.logLines.get(i);
      if (!line.startsWith("type=SYSCALL") || !line.contains(" syscall=59 ") || line.contains("success=no")) {
        continue;
      }
      expected++;
      int exe = line.indexOf(" exe=\"") + 6;
      String image = line.substring(exe, line.indexOf('"', exe));
      List<Event> process = sink.atLine(i + 1L).stream()
          .filter(e -> e.logSource().equals(AuditEvents.PROCESS_CREATION)).toList();
      assertThat(process).as("%s line %d", name, i + 1).hasSize(1);
      assertThat(process.get(0).get("Image")).isEqualTo(image);
    }
    assertThat(sink.events.stream().filter(e -> e.logSource().equals(AuditEvents.PROCESS_CREATION)))
        .hasSize(expected);
    assertThat(expected).isPositive();
  }

  @Test
  void parse_suidCrashCommandLines() {
    CollectingSink sink = parse(CrowdSecSuite.load("auditd-suid-crash"));
    assertThat(sink.events.stream().filter(e -> e.logSource().equals(AuditEvents.PROCESS_CREATION)))
        .extracting(e -> e.get("CommandLine")).containsExactly("-bash", "/usr/bin/su --help");
  }
}
