package dev.minewarden.ingest.sshd;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LineFormat;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.SourceContext;
import java.nio.charset.StandardCharsets;

/**
 * OpenSSH server lines in syslog files ({@code /var/log/auth.log}, {@code /var/log/secure}): RFC
 * 3164 stamps (year from {@link SourceContext}), RFC 3339 stamps, RFC 5424 headers; programs
 * {@code sshd}, {@code sshd-session} (OpenSSH 9.8+) and {@code sshd-auth} (OpenSSH 10). Lines of
 * other programs (sudo, cron...) are skipped without a word; lines without a syslog header are
 * reported as malformed; blank lines are ignored. Events are {@code product: linux, service: sshd}
 * with the fields of docs/events.md. Stateless and thread-safe.
 */
public final class SshdSyslogFormat extends LineFormat {
  /** The logsource of every event this format emits. */
  public static final LogSource LOG_SOURCE = LogSource.exact("linux", null, "sshd");

  /** Field: the syslog message after {@code sshd[pid]: }. */
  public static final String MESSAGE = "message";
  /** Field: sshd's pid (Long). */
  public static final String PROCESS_ID = "ProcessId";
  /** Field: the syslog host field. */
  public static final String HOSTNAME = "Hostname";

  private static final int SNIFF_LINES = 2000;

  @Override
  public String name() {
    return "sshd-syslog";
  }

  /** False: sshd messages (logins, failures, sessions) hold no DNS answers. */
  @Override
  public boolean mayCarryDnsAnswers() {
    return false;
  }

  /** True when one of the first lines of the head is a syslog line of an sshd program. */
  @Override
  public boolean sniff(byte[] head, int length) {
    String text = new String(head, 0, Math.min(length, head.length), StandardCharsets.UTF_8);
    SyslogHeader header = new SyslogHeader(new SyslogClock(java.time.ZoneOffset.UTC, 2000, 0));
    int start = 0;
    for (int n = 0; n < SNIFF_LINES && start < text.length(); n++) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end);
      if (header.parse(line) && isSshd(line, header)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  /** Each line stands alone (the year comes from the context, not from earlier lines). */
  @Override
  public boolean linesIndependent() {
    return true;
  }

  @Override
  protected LineParser newParser(SourceContext context) {
    SyslogClock clock = new SyslogClock(context.zone(), context.year(), context.modifiedMillis());
    return new Parser(new SyslogHeader(clock), context.path());
  }

  static boolean isSshd(String line, SyslogHeader h) {
    return h.programIs(line, "sshd") || h.programIs(line, "sshd-session") || h.programIs(line, "sshd-auth");
  }

  /** The per-file parser: holds the header scanner and its year cache. */
  private static final class Parser implements LineParser {
    private final SyslogHeader header;
    private final String path;

    Parser(SyslogHeader header, String path) {
      this.header = header;
      this.path = path;
    }

    @Override
    public void line(String line, long lineNumber, EventSink sink) {
      if (line.isBlank()) {
        return;
      }
      if (!header.parse(line)) {
        sink.malformed(lineNumber, header.failure, line);
        return;
      }
      if (!isSshd(line, header)) {
        return;
      }
      String message = line.substring(Math.min(header.messageStart, line.length()));
      // Room for the message, process and host fields and what the message parser adds (up to
      // nine), so the builder's arrays are made once.
      Event.Builder b = Event.builder(LOG_SOURCE, 12).time(header.timeMillis).host(header.host)
          .source(path, lineNumber);
      b.field(MESSAGE, message);
      if (header.pid >= 0) {
        b.field(PROCESS_ID, header.pid);
      }
      b.fieldIfPresent(HOSTNAME, header.host);
      String problem = SshdMessageParser.parse(message, b);
      if (problem != null) {
        sink.malformed(lineNumber, problem, line);
        return;
      }
      sink.event(b.build());
    }
  }
}
