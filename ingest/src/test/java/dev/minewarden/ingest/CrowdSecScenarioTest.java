package dev.minewarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.engine.DetectionEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CrowdSec hub's own scenario suites, run through Minewarden's parsers and built-in rule pack:
 * for the brute-force suites Minewarden alerts on exactly the source addresses that CrowdSec's
 * {@code scenario.assert} names, the false-positive suite raises no brute-force alert, and each
 * auditd behaviour suite raises the built-in rule for that behaviour on the same process.
 */
class CrowdSecScenarioTest {
  // Trusted test resource of a fixed shape; no nested quantifiers.
  private static final Pattern SOURCE = Pattern.compile("^\"([^\"]+)\" in results\\[\\d+\\]\\.Overflow\\.GetSources\\(\\)$");
  private static final DetectionEngine ENGINE = DetectionEngine.builder().build();

  /** Built-in rule ids for CrowdSec's auditd behaviour scenarios. */
  private static final Map<String, String> AUDITD_RULES = Map.of(
      "auditd-base64-exec", "63642295-6df5-4f29-8e0e-0a22cbaa3b6d",
      "auditd-postexploit-exec-from-net", "48e2b78d-8bd4-4d03-9634-9707327c17c9",
      "auditd-postexploit-rm", "089817ae-75a0-4f17-96d6-613d7241702f",
      "auditd-suid-crash", "a583dddf-a2be-4a51-9e5b-afb9f3a6d821");

  @ParameterizedTest
  @ValueSource(strings = {"ssh-bf", "ssh-slow-bf", "sshd-invalid-bf", "ssh-time-based-bf"})
  void bruteForceSuites_alertOnTheSameSources(String name) {
    CrowdSecSuite suite = CrowdSecSuite.load(name);
    Set<String> expected = expectedSources(name);
    assertThat(expected).as("sources in %s's scenario.assert", name).isNotEmpty();
    assertThat(bruteForceSources(hunt(suite))).isEqualTo(expected);
  }

  @Test
  void falsePositiveSuite_raisesNoBruteForceAlert() {
    assertThat(bruteForceSources(hunt(CrowdSecSuite.load("sshd-logs-fp")))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"auditd-base64-exec", "auditd-postexploit-exec-from-net",
      "auditd-postexploit-rm", "auditd-suid-crash"})
  void auditdSuites_raiseTheBehaviourRuleOnTheSameProcess(String name) {
    List<Alert> alerts = hunt(CrowdSecSuite.load(name));
    List<Alert> behaviour = alerts.stream()
        .filter(a -> a.rule().id().equals(AUDITD_RULES.get(name))).toList();
    assertThat(behaviour).as("alerts of the %s rule among %s", name, alerts).isNotEmpty();
    // CrowdSec names the parent pid (or the crashing executable) as the source; so do we.
    String source = expectedSources(name).iterator().next();
    assertThat(behaviour).anySatisfy(a ->
        assertThat(a.attributes().get("correlation.group_by").toString()).contains(source));
  }

  private static Set<String> bruteForceSources(List<Alert> alerts) {
    return alerts.stream()
        .filter(a -> a.rule().tags().contains("attack.t1110"))
        .map(a -> a.event().getString("SourceIp"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> expectedSources(String name) {
    Set<String> out = new TreeSet<>();
    for (String line : CollectingSink.lines("crowdsec-hub/.tests/" + name + "/scenario.assert")) {
      Matcher m = SOURCE.matcher(line.trim());
      if (m.matches()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** Recognises the suite's log by content and runs the built-in pack over it. */
  private static List<Alert> hunt(CrowdSecSuite suite) {
    List<Alert> alerts = new ArrayList<>();
    DetectionEngine.Session session = ENGINE.session(alerts::add);
    byte[] bytes = resource(suite.logFile);
    LogFormat format = Formats.builtin().detect(bytes, bytes.length).orElseThrow();
    CollectingSink sink = CollectingSink.parse(format, new java.io.ByteArrayInputStream(bytes),
        SourceContext.of(suite.logFile, System.currentTimeMillis()));
    assertThat(sink.malformed).as("malformed records of %s", suite.name).isEmpty();
    sink.events.forEach(session);
    session.finish();
    return alerts;
  }

  private static byte[] resource(String name) {
    try (InputStream in = CrowdSecScenarioTest.class.getResourceAsStream("/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
