package dev.minewarden.cli;

import dev.minewarden.core.event.Event;
import dev.minewarden.host.HostSensor;
import dev.minewarden.host.SampleResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code minewarden agent}: watches this host continuously, about one sample a second, carrying
 * the baseline between samples and, through {@code --state}, across restarts. Alerts go to
 * standard output or a file as they are found. SIGTERM (or Ctrl-C) ends the current sample,
 * saves the baseline and exits.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Watch this host continuously (about once a second) and print alerts as they are found.",
      "The baseline (watched files, listening ports, kernel settings, CPU cost) is kept in --state",
      "and survives restarts. SIGTERM saves it and exits cleanly."
    })
public final class AgentCommand implements Callable<Integer> {
  /** Called with every rule-engine event; the launcher wires a detection engine in here. */
  private final Consumer<Event> events;

  @Spec CommandSpec spec;

  @Option(names = "--root", paramLabel = "DIR", description = "Host root to read (default: /).")
  Path root = Path.of("/");

  @Option(names = "--interval", paramLabel = "SECONDS", description = "Time between samples (default: 1).")
  double intervalSeconds = 1;

  @Option(names = "--state", paramLabel = "DIR", description = "Folder keeping the baseline between runs (default: /var/lib/minewarden).")
  Path state = Path.of("/var/lib/minewarden");

  @Option(names = "--format", paramLabel = "FORMAT", description = "ndjson (default) or table.")
  String format = "ndjson";

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Append alerts to FILE instead of standard output.")
  Path output;

  @Option(names = "--price", paramLabel = "USD", description = "Price of one vCPU-hour in US dollars (default: 0.048).")
  double price = 0.048;

  @Option(names = "--sustain", paramLabel = "SAMPLES", description = "Samples a CPU condition must last before it alerts (default: 10).")
  int sustain = 10;

  @Option(names = "--pool-port", split = ",", paramLabel = "PORT", description = "Extra mining-pool ports.")
  List<Integer> poolPorts = List.of();

  @Option(names = "--pool-ip", split = ",", paramLabel = "IP", description = "Addresses of known pools.")
  List<String> poolIps = List.of();

  @Option(names = "--samples", paramLabel = "N", description = "Stop after N samples (default: 0, run until stopped).")
  long maxSamples;

  @Mixin ResponseOptions response = new ResponseOptions();

  private volatile boolean running = true;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** An agent whose rule-engine events are dropped (until an engine is wired in). */
  public AgentCommand() {
    this(e -> { });
  }

  /** An agent that hands every process and connection event to {@code events}. */
  public AgentCommand(Consumer<Event> events) {
    this.events = events;
  }

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("ndjson")) {
      throw new ParameterException(spec.commandLine(), "--format must be table or ndjson, not '" + format + "'");
    }
    if (!(intervalSeconds > 0)) {
      throw new ParameterException(spec.commandLine(), "--interval must be positive");
    }
    HostSensor sensor = ScanCommand.configure(HostSensor.builder(), root, price, state, poolPorts, poolIps)
        .events(events).sustainSamples(Math.max(1, sustain)).fileCheckEvery(5).build();
    response.start(spec.commandLine(), root, state);
    Thread hook = new Thread(this::stopAndWait, "minewarden-agent-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    err.println("minewarden agent: sampling every " + intervalSeconds + " s, baseline in " + state);
    err.flush();
    try {
      loop(sensor, out);
    } finally {
      sensor.saveState();
      stopped.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running and waits for us.
    }
    return 0;
  }

  private void loop(HostSensor sensor, PrintWriter out) throws Exception {
    long intervalNanos = Math.round(intervalSeconds * 1e9);
    long next = System.nanoTime();
    for (long n = 0; running && (maxSamples <= 0 || n < maxSamples); n++) {
      SampleResult r = sensor.sample();
      ScanCommand.writeAlerts(r.alerts(), format, output, out);
      // Right after the sample that raised the alert: the miner stops within the same second.
      response.handle(r.alerts(), out, spec.commandLine().getErr());
      if (n % 60 == 59) {
        sensor.saveState();
      }
      next += intervalNanos;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      } else {
        next = System.nanoTime();
      }
    }
  }

  /** On SIGTERM: ask the loop to stop and wait (at most 10 s) until it saved the baseline. */
  private void stopAndWait() {
    running = false;
    try {
      stopped.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
