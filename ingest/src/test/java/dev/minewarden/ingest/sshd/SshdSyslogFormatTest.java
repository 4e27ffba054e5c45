package dev.minewarden.ingest.sshd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.CollectingSink;
import dev.minewarden.ingest.SourceContext;
import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshdSyslogFormatTest {
  private static final SshdSyslogFormat FORMAT = new SshdSyslogFormat();
  /** The sample files are read as if last written on 2024-03-01. */
  private static final long MODIFIED = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
  private static final SourceContext CONTEXT = SourceContext.of("auth.log", MODIFIED);

  private static CollectingSink sample(String name) {
    return CollectingSink.parseResource(FORMAT, "samples/" + name, CONTEXT);
  }

  private static CollectingSink parse(String text) {
    return CollectingSink.parse(FORMAT, text, CONTEXT);
  }

  private static Event one(String line) {
    CollectingSink sink = parse(line);
    assertThat(sink.malformed).isEmpty();
    assertThat(sink.events).hasSize(1);
    return sink.events.get(0);
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void parse_everySampleLineIsAnEvent() {
    for (String name : List.of("sshd-accepted.log", "sshd-bruteforce-invalid-user.log", "sshd-syslog-variants.log")) {
      CollectingSink sink = sample(name);
      long nonBlank = CollectingSink.lines("samples/" + name).stream().filter(l -> !l.isBlank()).count();
      // The variants file holds one junk line on purpose: a disconnect message sshd never writes.
      List<Long> junk = name.equals("sshd-syslog-variants.log") ? List.of(9L) : List.of();
      assertThat(sink.malformed).as(name).extracting(CollectingSink.Malformed::line)
          .containsExactlyElementsOf(junk);
      assertThat(sink.events).as(name).hasSize((int) nonBlank - junk.size());
      assertThat(sink.events).as(name)
          .allSatisfy(e -> assertThat(e.getString("event.action")).startsWith("ssh_"));
    }
  }

  @Test
  void parse_disconnectWithUnknownQualifierIsMalformed() {
    CollectingSink sink = parse(
        "Feb 19 10:38:14 myhost sshd[3355]: Disconnected from totobad user ftp 92.255.85.135 port 26138 [preauth]");
    assertThat(sink.events).isEmpty();
    assertThat(sink.malformed).singleElement()
        .satisfies(m -> assertThat(m.reason()).contains("unknown qualifier 'totobad'"));
  }

  @Test
  void parse_invalidUserSample() {
    CollectingSink sink = sample("sshd-bruteforce-invalid-user.log");
    Event first = sink.atLine(1).get(0);
    assertThat(first.logSource()).isEqualTo(SshdSyslogFormat.LOG_SOURCE);
    assertThat(first.timestampMillis()).isEqualTo(millis("2024-02-12T14:10:21Z"));
    assertThat(first.host()).isEqualTo("sd-126005");
    assertThat(first.get("Hostname")).isEqualTo("sd-126005");
    assertThat(first.get("ProcessId")).isEqualTo(16378L);
    assertThat(first.get("event.action")).isEqualTo("ssh_invalid_user");
    assertThat(first.get("event.outcome")).isEqualTo("failure");
    assertThat(first.get("User")).isEqualTo("pascal");
    assertThat(first.get("InvalidUser")).isEqualTo(true);
    assertThat(first.get("SourceIp")).isEqualTo("35.188.49.176");
    assertThat(first.get("SourcePort")).isEqualTo(53502L);
    assertThat(first.get("message")).isEqualTo("Invalid user pascal from 35.188.49.176 port 53502");
    Event session = sink.atLine(6).get(0);
    assertThat(session.get("ProcessId")).isEqualTo(16379L);
    assertThat(session.get("User")).isEqualTo("pascal5");
  }

  @Test
  void parse_acceptedSample() {
    CollectingSink sink = sample("sshd-accepted.log");
    Event key = sink.atLine(1).get(0);
    assertThat(key.get("event.action")).isEqualTo("ssh_accepted");
    assertThat(key.get("event.outcome")).isEqualTo("success");
    assertThat(key.get("AuthMethod")).isEqualTo("publickey");
    assertThat(key.get("User")).isEqualTo("vagrant");
    assertThat(key.get("InvalidUser")).isEqualTo(false);
    assertThat(key.get("SourceIp")).isEqualTo("192.168.121.1");
    assertThat(key.get("SourcePort")).isEqualTo(56296L);
    assertThat(key.timestampMillis()).isEqualTo(millis("2023-09-06T09:57:21Z"));
    Event password = sink.atLine(4).get(0);
    assertThat(password.get("AuthMethod")).isEqualTo("password");
    assertThat(password.get("User")).isEqualTo("test");
  }

  @Test
  void parse_variantsSample() {
    CollectingSink sink = sample("sshd-syslog-variants.log");
    Event pam = sink.atLine(4).get(0);
    assertThat(pam.get("event.action")).isEqualTo("ssh_pam_failure");
    assertThat(pam.get("SourceIp")).isEqualTo("5.33.63.160");
    assertThat(pam.get("User")).isEqualTo("workshop");
    assertThat(pam.timestampMillis()).isEqualTo(millis("2023-11-02T15:40:14Z"));
    assertThat(sink.atLine(5).get(0).has("User")).isFalse();

    Event closed = sink.atLine(6).get(0);
    assertThat(closed.get("event.action")).isEqualTo("ssh_connection_closed");
    assertThat(closed.get("event.outcome")).isEqualTo("failure");
    assertThat(closed.get("User")).isEqualTo("root");
    assertThat(closed.get("InvalidUser")).isEqualTo(false);
    assertThat(closed.get("SourceIp")).isEqualTo("206.81.24.125");
    assertThat(closed.timestampMillis()).as("December belongs to the year before").isEqualTo(millis("2023-12-22T14:53:37Z"));

    Event disconnected = sink.atLine(7).get(0);
    assertThat(disconnected.get("event.action")).isEqualTo("ssh_disconnect");
    assertThat(disconnected.get("InvalidUser")).isEqualTo(true);
    assertThat(disconnected.get("User")).isEqualTo("ftp");

    Event kex = sink.atLine(13).get(0);
    assertThat(kex.get("event.action")).isEqualTo("ssh_kex_failed");
    assertThat(kex.get("SourceIp")).isEqualTo("123.57.135.134");
    assertThat(kex.get("SourcePort")).isEqualTo(45626L);

    Event rfc3339 = sink.atLine(17).get(0);
    assertThat(rfc3339.timestampMillis()).isEqualTo(millis("2023-11-13T23:20:42.738Z"));
    assertThat(rfc3339.get("event.action")).isEqualTo("ssh_user_not_allowed");
    assertThat(rfc3339.get("User")).isEqualTo("root");
    assertThat(rfc3339.get("SourceIp")).isEqualTo("192.168.1.1");

    Event failed = sink.atLine(18).get(0);
    assertThat(failed.get("event.action")).isEqualTo("ssh_failed_password");
    assertThat(failed.get("InvalidUser")).isEqualTo(true);
    assertThat(failed.get("User")).isEqualTo("root");
    assertThat(failed.timestampMillis()).isEqualTo(millis("2023-04-06T18:51:41Z"));

    assertThat(sink.atLine(19).get(0).get("event.action")).isEqualTo("ssh_auth_timeout");
    assertThat(sink.atLine(20).get(0).get("event.action")).isEqualTo("ssh_bad_protocol");
    Event refused = sink.atLine(23).get(0);
    assertThat(refused.get("event.action")).isEqualTo("ssh_refused");
    assertThat(refused.get("SourceIp")).as("::ffff: mapped address unmapped").isEqualTo("192.168.1.1");
  }

  @Test
  void parse_yearOverrideAndZone() {
    String line = "Dec 22 14:53:37 h sshd[1]: Connection closed by 1.2.3.4 port 5 [preauth]";
    SourceContext fixed = new SourceContext("auth.log", MODIFIED, 2020, ZoneId.of("UTC"));
    assertThat(CollectingSink.parse(FORMAT, line, fixed).events.get(0).timestampMillis())
        .isEqualTo(millis("2020-12-22T14:53:37Z"));
    SourceContext paris = new SourceContext("auth.log", MODIFIED, 0, ZoneId.of("Europe/Paris"));
    assertThat(CollectingSink.parse(FORMAT, line, paris).events.get(0).timestampMillis())
        .isEqualTo(millis("2023-12-22T13:53:37Z"));
    SourceContext leapDay = new SourceContext("auth.log", MODIFIED, 0, ZoneId.of("Europe/Paris"));
    assertThat(CollectingSink.parse(FORMAT, line.replace("Dec 22", "Feb 29"), leapDay).events.get(0).timestampMillis())
        .isEqualTo(millis("2024-02-29T13:53:37Z"));
  }

  @Test
  void parse_everyMonthName_andNoOtherThreeChars() {
    SourceContext fixed = new SourceContext("auth.log", MODIFIED, 2020, ZoneId.of("UTC"));
    String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int m = 0; m < 12; m++) {
      String line = months[m] + "  5 06:25:01 h sshd[1]: Connection closed by 1.2.3.4 port 5 [preauth]\n";
      assertThat(CollectingSink.parse(FORMAT, line, fixed).events.get(0).timestampMillis())
          .as(months[m]).isEqualTo(millis(String.format("2020-%02d-05T06:25:01Z", m + 1)));
    }
    // Not months: wrong case, a near miss, and chars past ASCII whose bits would land on "Jan".
    for (String other : List.of("JAN", "jan", "Jam", "J`\u016e", "I\u0161n")) {
      String line = other + "  5 06:25:01 h sshd[1]: Connection closed by 1.2.3.4 port 5 [preauth]\n";
      CollectingSink sink = CollectingSink.parse(FORMAT, line, fixed);
      assertThat(sink.events).as(other).isEmpty();
      assertThat(sink.malformed).as(other).hasSize(1);
    }
  }

  @Test
  void parse_yearInferenceAllowsSmallClockSkew() {
    long jan2 = millis("2025-01-02T00:00:00Z");
    SourceContext context = SourceContext.of("auth.log", jan2);
    String text = "Dec 31 23:59:59 h sshd[1]: Connection closed by 1.2.3.4 port 5 [preauth]\n"
        + "Jan  3 10:00:00 h sshd[1]: Connection closed by 1.2.3.4 port 5 [preauth]\n"
        + "Jan 20 10:00:00 h sshd[1]: Connection closed by 1.2.3.4 port 5 [preauth]\n"
        + "Feb 29 10:00:00 h sshd[1]: Connection closed by 1.2.3.4 port 5 [preauth]\n";
    List<Event> events = CollectingSink.parse(FORMAT, text, context).events;
    assertThat(events).extracting(Event::timestampMillis).containsExactly(
        millis("2024-12-31T23:59:59Z"), millis("2025-01-03T10:00:00Z"),
        millis("2024-01-20T10:00:00Z"), millis("2024-02-29T10:00:00Z"));
  }

  @Test
  void parse_failedPasswordIpv6() {
    Event e = one("Mar  5 06:25:01 web-1 sshd[77]: Failed password for admin from 2001:db8::17 port 40022 ssh2");
    assertThat(e.get("SourceIp")).isEqualTo("2001:db8::17");
    assertThat(e.get("SourcePort")).isEqualTo(40022L);
    assertThat(e.get("User")).isEqualTo("admin");
    assertThat(e.get("InvalidUser")).isEqualTo(false);
    assertThat(e.get("event.action")).isEqualTo("ssh_failed_password");
    Event closed = one("Mar  5 06:25:01 web-1 sshd[77]: Connection closed by invalid user x fe80::1%eth0 port 22 [preauth]");
    assertThat(closed.get("SourceIp")).isEqualTo("fe80::1%eth0");
    assertThat(closed.get("User")).isEqualTo("x");
  }

  @Test
  void parse_highPrecisionStampAndSshdSessionWithoutPid() {
    Event e = one("2024-03-05T06:25:01.123456+00:00 web-1 sshd-session: Accepted password for bob from 10.0.0.9 port 5 ssh2");
    assertThat(e.timestampMillis()).isEqualTo(millis("2024-03-05T06:25:01.123Z"));
    assertThat(e.has("ProcessId")).isFalse();
    assertThat(e.get("User")).isEqualTo("bob");
  }

  @Test
  void parse_rfc5424Header() {
    Event e = one("<38>1 2022-01-19T14:23:55+00:00 OPNsense.localdomain sshd 44255 - [meta sequenceId=\"1\"] Invalid user tutu from 1.2.3.4 port 33166");
    assertThat(e.host()).isEqualTo("OPNsense.localdomain");
    assertThat(e.get("ProcessId")).isEqualTo(44255L);
    assertThat(e.get("User")).isEqualTo("tutu");
    assertThat(e.timestampMillis()).isEqualTo(millis("2022-01-19T14:23:55Z"));
  }

  @Test
  void parse_moreMessages() {
    String text = String.join("\n",
        "Mar  5 06:25:01 h sshd[9]: error: maximum authentication attempts exceeded for invalid user oracle from 1.1.1.1 port 2 ssh2 [preauth]",
        "Mar  5 06:25:01 h sshd[9]: Disconnecting authenticating user root 1.1.1.2 port 3: Too many authentication failures [preauth]",
        "Mar  5 06:25:01 h sshd[9]: Did not receive identification string from 1.1.1.3 port 4",
        "Mar  5 06:25:01 h sshd[9]: Bad protocol version identification 'GET / HTTP/1.1' from 1.1.1.4 port 5",
        "Mar  5 06:25:01 h sshd[9]: banner exchange: Connection from 1.1.1.5 port 6: invalid format",
        "Mar  5 06:25:01 h sshd[9]: error: kex_exchange_identification: banner line too long",
        "Mar  5 06:25:01 h sshd[9]: pam_unix(sshd:session): session opened for user deploy(uid=1001) by (uid=0)",
        "Mar  5 06:25:01 h sshd[9]: pam_unix(sshd:session): session closed for user deploy",
        "Mar  5 06:25:01 h sshd[9]: PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=1.1.1.6  user=root",
        "Mar  5 06:25:01 h sshd[9]: Failed publickey for git from 1.1.1.7 port 8 ssh2: RSA SHA256:abc",
        "Mar  5 06:25:01 h sshd[9]: Failed keyboard-interactive/pam for invalid user z from 1.1.1.8 port 9 ssh2",
        "Mar  5 06:25:01 h sshd[9]: Received disconnect from 1.1.1.9 port 10:11: Bye Bye [preauth]",
        "Mar  5 06:25:01 h sshd[9]: message repeated 3 times: [ Failed password for root from 1.1.1.10 port 11 ssh2]",
        "Mar  5 06:25:01 h sshd[9]: Server listening on 0.0.0.0 port 22.");
    List<Event> events = parse(text).events;
    assertThat(events).extracting(e -> e.get("event.action")).containsExactly(
        "ssh_max_auth_exceeded", "ssh_max_auth_exceeded", "ssh_did_not_receive_identification",
        "ssh_bad_protocol", "ssh_bad_protocol", "ssh_no_identification", "ssh_pam_session_opened",
        "ssh_pam_session_closed", "ssh_pam_failure", "ssh_failed_publickey", "ssh_failed_other",
        "ssh_disconnect", "ssh_failed_password", "ssh_other");
    assertThat(events).extracting(e -> e.get("SourceIp")).containsExactly(
        "1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4", "1.1.1.5", null, null, null, "1.1.1.6",
        "1.1.1.7", "1.1.1.8", "1.1.1.9", "1.1.1.10", null);
    assertThat(events).extracting(e -> e.get("User")).containsExactly(
        "oracle", "root", null, null, null, null, "deploy", "deploy", "root", "git", "z", null,
        "root", null);
    assertThat(events.get(10).get("AuthMethod")).isEqualTo("keyboard-interactive");
    assertThat(events.get(12).get("RepeatCount")).isEqualTo(3L);
    assertThat(events.get(11).get("event.outcome")).isEqualTo("failure");
  }

  @Test
  void parse_otherProgramsAreSkippedSilently() {
    String text = "Mar  5 06:25:01 h sudo:   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls\n"
        + "Mar  5 06:25:01 h CRON[123]: pam_unix(cron:session): session opened for user root by (uid=0)\n"
        + "Mar  5 06:25:01 h sshd-keygen[2]: generating keys\n"
        + "\n"
        + "Mar  5 06:25:02 h sshd[1]: Accepted password for alice from 10.0.0.1 port 2 ssh2\n";
    CollectingSink sink = parse(text);
    assertThat(sink.malformed).isEmpty();
    assertThat(sink.events).hasSize(1);
    assertThat(sink.events.get(0).sourceLine()).isEqualTo(5);
  }

  @Test
  void parse_lineWithoutHeaderIsMalformed() {
    CollectingSink sink = parse("this is not syslog at all\nMar 45 06:25:01 h sshd[1]: x\nMar  5 06:25:01 h sshd[1]: Accepted password for a from 10.0.0.1 port 2 ssh2");
    assertThat(sink.malformed).extracting(CollectingSink.Malformed::line).containsExactly(1L, 2L);
    assertThat(sink.events).hasSize(1);
  }

  @Test
  void parse_attackerUserNameCannotSpoofTheAddress() {
    Event e = one("Mar  5 06:25:01 h sshd[1]: Invalid user a from 6.6.6.6 port 1 from 1.2.3.4 port 22");
    assertThat(e.get("SourceIp")).isEqualTo("1.2.3.4");
    assertThat(e.get("SourcePort")).isEqualTo(22L);
    assertThat(e.get("User")).isEqualTo("a from 6.6.6.6 port 1");
  }

  @Test
  void parse_hostileBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("Mar  5 06:25:01 h sshd[1]: Invalid user \u001b[31mred\u001b[0m from 1.2.3.4 port 22\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes("Mar  5 06:25:01 h sshd[1]: Invalid user ".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xc3, 'x'});
    out.writeBytes(" from 1.2.3.5 port 22\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes("Mar  5 06:25:01 h sshd[1]: Invalid user split\n line from 1.2.3.6 port 22\n".getBytes(StandardCharsets.UTF_8));
    CollectingSink sink = CollectingSink.parse(FORMAT, new ByteArrayInputStream(out.toByteArray()), CONTEXT);
    assertThat(sink.events).hasSize(3);
    assertThat(sink.events.get(0).get("User")).isEqualTo("\u001b[31mred\u001b[0m");
    assertThat(sink.events.get(1).get("User")).isEqualTo("\uFFFD\uFFFDx");
    assertThat(sink.events.get(1).get("SourceIp")).isEqualTo("1.2.3.5");
    assertThat(sink.events.get(2).get("User")).isEqualTo("split");
    // Line 2 is reported for its invalid bytes and still parsed; line 4 is not an sshd line.
    assertThat(sink.malformed).extracting(CollectingSink.Malformed::line).containsExactly(2L, 4L);
  }

  @Test
  void parse_tenMegabyteLineIsReportedAndSkipped() {
    StringBuilder text = new StringBuilder("Mar  5 06:25:01 h sshd[1]: Invalid user ");
    text.append("x from ".repeat(10 * 1024 * 1024 / 7));
    text.append("\nMar  5 06:25:02 h sshd[1]: Invalid user after from 9.9.9.9 port 1\n");
    CollectingSink sink = parse(text.toString());
    assertThat(sink.malformed).hasSize(1);
    assertThat(sink.malformed.get(0).line()).isEqualTo(1);
    assertThat(sink.malformed.get(0).excerpt().length()).isLessThanOrEqualTo(200);
    assertThat(sink.events).hasSize(1);
    assertThat(sink.events.get(0).get("SourceIp")).isEqualTo("9.9.9.9");
  }

  @Test
  void parse_longHostileMessageUnderTheBoundStaysLinear() {
    String body = " from".repeat(150_000) + " 1.2.3.4:".repeat(20_000);
    long start = System.nanoTime();
    CollectingSink sink = parse("Mar  5 06:25:01 h sshd[1]: Invalid user " + body + "\n");
    assertThat(sink.events).hasSize(1);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
  }

  @Test
  void sniff_recognisesSshdButNotOtherText() {
    byte[] auth = "Mar  5 06:25:01 h CRON[1]: x\nMar  5 06:25:01 h sshd[1]: Accepted password for a from 1.2.3.4 port 2 ssh2\n".getBytes(StandardCharsets.UTF_8);
    assertThat(FORMAT.sniff(auth, auth.length)).isTrue();
    byte[] other = "{\"MESSAGE\":\"sshd\"}\ntype=SYSCALL msg=audit(1.2:3): x\n".getBytes(StandardCharsets.UTF_8);
    assertThat(FORMAT.sniff(other, other.length)).isFalse();
    assertThat(FORMAT.name()).isEqualTo("sshd-syslog");
  }
}
