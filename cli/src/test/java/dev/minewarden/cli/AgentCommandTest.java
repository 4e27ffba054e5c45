package dev.minewarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code minewarden agent}: samples, state across restarts, SIGTERM. */
class AgentCommandTest {
  @TempDir Path dir;

  @Test
  void agent_reportsOnceAndKeepsBaseline() throws Exception {
    Path root = HostFixture.create(dir.resolve("root"));
    Path state = dir.resolve("state");
    List<Event> events = new ArrayList<>();
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new AgentCommand(events::add));
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));

    int code = cl.execute("--root", root.toString(), "--state", state.toString(), "--interval", "0.05",
        "--samples", "4");

    assertThat(code).isZero();
    assertThat(out.toString().lines().filter(l -> l.contains("mw-host-fake-kthread"))).hasSize(1);
    assertThat(state.resolve("host-baseline.json")).exists();
    assertThat(events).anyMatch(e -> Long.valueOf(666).equals(e.get("ProcessId")));
  }

  @Test
  void agent_sigtermSavesBaselineAndExits() throws Exception {
    Path root = HostFixture.create(dir.resolve("root"));
    Path state = dir.resolve("state");
    Path alerts = dir.resolve("alerts.ndjson");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AgentMain.class.getName(),
        "--root", root.toString(), "--state", state.toString(), "--interval", "0.1", "-o", alerts.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!(Files.exists(alerts) && Files.readString(alerts, StandardCharsets.UTF_8).contains("mw-host-fake-kthread"))) {
        assertThat(System.nanoTime()).as("agent wrote its first alert").isLessThan(deadline);
        assertThat(p.isAlive()).isTrue();
        TimeUnit.MILLISECONDS.sleep(50);
      }
      assertThat(state.resolve("host-baseline.json")).doesNotExist();

      p.destroy();

      assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("agent exits on SIGTERM").isTrue();
      assertThat(p.exitValue()).as("a clean stop").isZero();
      assertThat(state.resolve("host-baseline.json")).exists();
      assertThat(Files.readString(state.resolve("host-baseline.json"), StandardCharsets.UTF_8)).contains("\"filesBaselined\" : true");
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
