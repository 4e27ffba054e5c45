package dev.minewarden.core.incident;

import static dev.minewarden.core.incident.Fixtures.alert;
import static dev.minewarden.core.incident.Fixtures.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.intel.Attributor;
import dev.minewarden.core.intel.IntelStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>";

  private static List<Incident> incidents() {
    Attributor at = new Attributor(IntelStore.bundled());
    List<Alert> a = new ArrayList<>();
    String k = "/tmp/kdevtmpfsi -o stratum+tcp://pool.supportxmr.com:3333 --donate-level 1";
    a.add(alert(Fixtures.FAKE_KTHREAD, exec("web-7", "2026-11-24T02:04:14Z", "/tmp/kdevtmpfsi", k)));
    a.add(alert(Fixtures.MINER, exec("web-7", "2026-11-24T02:04:14Z", "/tmp/kdevtmpfsi", k)));
    List<Event> kills = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      kills.add(exec("web-7", "2026-11-24T07:31:1" + i + "Z", "/usr/bin/pkill",
          "pkill -9 -f kdevtmpfsi " + (i == 4 ? HOSTILE : "")));
    }
    a.add(Fixtures.correlation(Fixtures.KILL_BURST, kills));
    a.add(alert(Fixtures.MINER, exec(HOSTILE, "2026-11-24T07:32:00Z", "/var/tmp/.x/pwnrig",
        "/var/tmp/.x/pwnrig -o stratum+tcp://xmr.2miners.com:2222 --donate-level 0")));
    a.add(alert(Fixtures.MINER, exec("web-7", "2026-11-24T07:32:00Z", "/var/tmp/.x/pwnrig",
        "/var/tmp/.x/pwnrig -o stratum+tcp://xmr.2miners.com:2222 --donate-level 0")));
    long end = Instant.parse("2026-11-24T11:00:00Z").toEpochMilli();
    return new Incidents(at).observedUntil(Map.of("web-7", end)).build(Incidents.annotate(a, at));
  }

  @Test
  void render_escapesAttackerText() {
    String html = HtmlReport.render(incidents(), Instant.parse("2026-11-25T00:00:00Z"), "test");
    assertThat(html).doesNotContain("<script>", "<img", "onerror=alert(2)>");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).contains("Content-Security-Policy", "<svg", "8220 evicts Kinsing");
    assertThat(html).as("no external resources or scripts")
        .doesNotContain(" src=\"", " href=\"", "<link", "<script", "url(");
  }

  @Test
  void render_opensInHeadlessChromiumWithoutErrorsAndTheTimelineIsScreenshot() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM),
        "Debian's chromium is not installed at /usr/bin/chromium (scripts/setup installs it); skipping the browser check");
    Path dir = Path.of("target", "report-screenshot").toAbsolutePath();
    Files.createDirectories(dir);
    Path html = dir.resolve("incident-report.html");
    Files.writeString(html, HtmlReport.render(incidents(), Instant.parse("2026-11-25T00:00:00Z"), "test"),
        StandardCharsets.UTF_8);
    Path png = dir.resolve("timeline.png");
    Files.deleteIfExists(png);
    Path profile = Files.createTempDirectory("mw-chromium-");
    List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
        "--hide-scrollbars", "--window-size=1280,1400", "--screenshot=" + png, html.toUri().toString());
    Path log = dir.resolve("chromium.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(done).as("chromium finished").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(png).exists();
    assertThat(Files.size(png)).isGreaterThan(10_000);
    // Page errors and blocked resources are logged to the console as CONSOLE or CSP messages.
    assertThat(out).doesNotContain("Uncaught", "Content Security Policy", "Refused to", "CONSOLE(");
    byte[] head = Files.readAllBytes(png);
    assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }
}
