package dev.minewarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.ingest.aws.Route53ResolverFormat;
import dev.minewarden.ingest.json.JsonEventsFormat;
import dev.minewarden.ingest.pcap.PcapFormat;
import dev.minewarden.ingest.sshd.SshdSyslogFormat;
import dev.minewarden.ingest.zeek.ZeekFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsDnsAnswersTest {
  @Test
  void theFormatsThatHoldDnsAnswersSaySo() {
    for (LogFormat f : List.of(new ZeekFormat(), new Route53ResolverFormat(), new PcapFormat(),
        new JsonEventsFormat())) {
      assertThat(f.mayCarryDnsAnswers()).as(f.name()).isTrue();
    }
  }

  @Test
  void logsWithoutDnsAreLeftOutOfThePassiveDnsPass() {
    List<String> without = Formats.builtin().all().stream()
        .filter(f -> !f.mayCarryDnsAnswers()).map(LogFormat::name).toList();
    assertThat(without).contains("sshd-syslog", "journald", "auditd", "aws-vpcflow",
        "aws-cloudtrail");
    // Formats that copy arbitrary JSON keys into events stay in the pass.
    assertThat(without).doesNotContain("json", "docker-events", "k8s-audit");
  }

  @Test
  void aFormatOfItsOwnIsReadForDnsUnlessItSaysOtherwise() {
    LogFormat custom = new LogFormat() {
      @Override
      public String name() {
        return "custom";
      }

      @Override
      public boolean sniff(byte[] head, int length) {
        return true;
      }

      @Override
      public void parse(java.io.InputStream in, SourceContext context, EventSink sink) { }
    };
    assertThat(custom.mayCarryDnsAnswers()).isTrue();
  }

  @Test
  void sshdLinesNeverHoldAnAnswerField() throws Exception {
    String log = "Mar  2 22:29:53 web-01 sshd[329274]: Invalid user admin from 198.18.57.88 port 15021\n"
        + "Mar  2 22:29:56 web-01 sshd[329274]: Failed password for invalid user admin from 198.18.57.88 port 15021 ssh2\n"
        + "Mar  2 22:30:01 web-01 sshd[329275]: Accepted publickey for deploy from 10.0.0.5 port 40022 ssh2\n";
    CollectingSink sink = new CollectingSink();
    new SshdSyslogFormat().parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
        new SourceContext("auth.log", 0, 2026, java.time.ZoneOffset.UTC), sink);
    assertThat(sink.events).hasSize(3).allSatisfy(e -> assertThat(e.has("answer")).isFalse());
    assertThat(new SshdSyslogFormat().mayCarryDnsAnswers()).isFalse();
  }
}
