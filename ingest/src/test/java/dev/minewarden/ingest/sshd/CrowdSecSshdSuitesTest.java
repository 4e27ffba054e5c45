package dev.minewarden.ingest.sshd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.CollectingSink;
import dev.minewarden.ingest.CrowdSecSuite;
import dev.minewarden.ingest.SourceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the CrowdSec hub's sshd test logs through {@link SshdSyslogFormat} and checks that every
 * value CrowdSec's parser.assert expects (source address, user, port, pid, machine, kind of
 * line) is what our events carry.
 */
class CrowdSecSshdSuitesTest {
  private static final SourceContext CONTEXT =
      SourceContext.of("auth.log", Instant.parse("2024-06-30T00:00:00Z").toEpochMilli());

  /** CrowdSec's log_type values in our vocabulary. */
  private static final Map<String, Predicate<Event>> LOG_TYPES = Map.of(
      "ssh_failed-auth", e -> "failure".equals(e.get("event.outcome")),
      "auth_success", e -> "ssh_accepted".equals(e.get("event.action")) && "success".equals(e.get("event.outcome")),
      "ssh_bad_keyexchange", e -> "ssh_kex_failed".equals(e.get("event.action")),
      "ssh_refused_conn", e -> "ssh_refused".equals(e.get("event.action")),
      "ssh_auth_timeout", e -> "ssh_auth_timeout".equals(e.get("event.action")),
      "ssh_dispatch_fatal", e -> "ssh_bad_protocol".equals(e.get("event.action")));

  /** Actions that mean "an authentication attempt failed": what CrowdSec's false-positive tests must not get. */
  private static final Set<String> AUTH_FAILURES = Set.of("ssh_failed_password", "ssh_failed_publickey",
      "ssh_failed_other", "ssh_invalid_user", "ssh_pam_failure", "ssh_max_auth_exceeded", "ssh_user_not_allowed");

  @ParameterizedTest
  @ValueSource(strings = {"sshd-logs", "sshd-logs-fp", "sshd-success-logs", "sshd-invalid-bf", "opnsense-sshd"})
  void parse_matchesCrowdSecParserAsserts(String name) {
    CrowdSecSuite suite = CrowdSecSuite.load(name);
    CollectingSink sink = CollectingSink.parseResource(new SshdSyslogFormat(), suite.logFile, CONTEXT);
    assertThat(suite.parsed()).isNotEmpty();
    // Minewarden may refuse a line outright only where CrowdSec's parser refuses it too.
    Set<Long> refusedByCrowdSec = new java.util.HashSet<>();
    suite.parsed().stream().filter(x -> Boolean.FALSE.equals(x.success))
        .forEach(x -> refusedByCrowdSec.add(x.index + 1L));
    assertThat(sink.malformed).allSatisfy(m -> assertThat(refusedByCrowdSec).contains(m.line()));
    int checked = 0;
    for (CrowdSecSuite.Expectation x : suite.parsed()) {
      List<Event> events = sink.atLine(x.index + 1L);
      if (events.isEmpty() && refusedByCrowdSec.contains(x.index + 1L)) {
        continue;
      }
      assertThat(events).as("%s line %d", name, x.index + 1).hasSize(1);
      Event e = events.get(0);
      String where = name + " line " + (x.index + 1) + ": " + e;
      if (Boolean.FALSE.equals(x.success)) {
        assertThat(AUTH_FAILURES).as(where).doesNotContain(e.getString("event.action"));
        continue;
      }
      checked += check(x, e, where);
    }
    boolean anyParsed = suite.parsed().stream().anyMatch(x -> Boolean.TRUE.equals(x.success));
    assertThat(checked).as("asserts compared").isGreaterThan(anyParsed ? suite.parsed().size() : -1);
  }

  private static int check(CrowdSecSuite.Expectation x, Event e, String where) {
    int n = 0;
    for (Map.Entry<String, String> m : x.meta.entrySet()) {
      String v = m.getValue();
      switch (m.getKey()) {
        case "source_ip" -> assertThat(e.get("SourceIp")).as(where).isEqualTo(v);
        case "target_user", "user" -> assertThat(e.get("User")).as(where).isEqualTo(v);
        case "machine" -> assertThat(e.host()).as(where).isEqualTo(v);
        case "log_type" -> {
          assertThat(LOG_TYPES).as("mapping for log_type %s", v).containsKey(v);
          assertThat(LOG_TYPES.get(v).test(e)).as(where + " is " + v).isTrue();
        }
        default -> {
          continue;
        }
      }
      n++;
    }
    for (Map.Entry<String, String> p : x.parsed.entrySet()) {
      String v = p.getValue();
      switch (p.getKey()) {
        case "sshd_client_port", "sshd_port" -> assertThat(e.get("SourcePort")).as(where).isEqualTo(Long.parseLong(v));
        case "pid" -> assertThat(e.get("ProcessId")).as(where).isEqualTo(Long.parseLong(v));
        case "message" -> assertThat(e.get("message")).as(where).isEqualTo(v);
        case "sshd_client_ip" -> assertThat(e.get("SourceIp")).as(where).isEqualTo(v);
        case "sshd_invalid_user", "sshd_auth_user" -> assertThat(e.get("User")).as(where).isEqualTo(v);
        default -> {
          continue;
        }
      }
      n++;
    }
    return n;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh-timeout", "sshd-bad-keyexchange-bf", "sshd-refused-conn", "sshd_banner_exchange",
      "ssh-generic-test", "ssh-slow-bf", "ssh-time-based-bf", "sshd-impossible-travel",
      "sshd-impossible-travel-user", "ssh-bf"})
  void parse_scenarioLogsAreAllSshdEvents(String name) {
    CrowdSecSuite suite = CrowdSecSuite.load(name);
    CollectingSink sink = CollectingSink.parseResource(new SshdSyslogFormat(), suite.logFile, CONTEXT);
    assertThat(sink.malformed).isEmpty();
    assertThat(sink.events).hasSize((int) suite.logLines.stream().filter(l -> !l.isBlank()).count());
    assertThat(sink.events).allSatisfy(e -> {
      assertThat(e.get("event.action")).isNotEqualTo("ssh_other");
      assertThat(e.get("event.outcome")).isIn("success", "failure");
    });
  }
}
