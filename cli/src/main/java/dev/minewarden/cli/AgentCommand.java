package dev.minewarden.cli;

import dev.minewarden.cli.host.LogFollowers;
import dev.minewarden.cli.host.RuleAlerts;
import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import dev.minewarden.host.HostSensor;
import dev.minewarden.host.SampleResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
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
 * the baseline and the rules' correlation state between samples and, through {@code --state},
 * the baseline and its place in the logs across restarts. Between samples it follows the host's
 * auth log (or sshd's journal) and audit log, so what they record is matched as it is written.
 * The sensor's findings and the rules' alerts go to standard output or a file as they are found.
 * SIGTERM (or Ctrl-C) ends the current step, saves the state and exits.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Watch this host continuously (about once a second) and print alerts as they are found.",
      "Process and connection events and the host's auth log (or sshd's journal) and audit log,",
      "followed as they grow, go through the built-in Sigma rules and any --rules, with brute-force",
      "and kill-burst correlations kept across samples. The baseline (watched files, listening",
      "ports, kernel settings, CPU cost) and the place in each log are kept in --state and survive",
      "restarts. SIGTERM saves them and exits cleanly."
    })
public final class AgentCommand implements Callable<Integer> {
  /** How often the logs are polled between samples. */
  static final long LOG_POLL_MILLIS = 250;
  /** Every how many samples the whole pid range is probed for hidden processes (10 minutes at 1/s). */
  static final int FULL_PROBE_EVERY = 600;
  /** Every how many samples the watched files are checked. */
  static final int FILE_CHECK_EVERY = 5;
  /** Every how many samples every process's CPU is read (new and young processes every sample). */
  static final int CPU_SAMPLE_EVERY = 5;
  /** The most samples between reads of the socket tables (sooner when the sockstat counts move). */
  static final int SOCKET_TABLES_EVERY = 5;

  /** Also called with every sensor and log event (tests listen here). */
  private final Consumer<Event> extraEvents;

  @Spec CommandSpec spec;

  @Option(names = "--root", paramLabel = "DIR", description = "Host root to read (default: /).")
  Path root = Path.of("/");

  @Option(names = "--interval", paramLabel = "SECONDS", description = "Time between samples (default: 1).")
  double intervalSeconds = 1;

  @Option(names = "--state", paramLabel = "DIR", description = "Folder keeping the baseline and log positions between runs (default: /var/lib/minewarden).")
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

  @Option(names = "--rules", paramLabel = "PATH", description = "Sigma rule file or folder to add (repeatable).")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--no-builtin", description = "Leave the built-in rule pack out.")
  boolean noBuiltin;

  @Option(names = "--exceptions", paramLabel = "DIR", description = "Folder of Sigma filters applied as per-rule exceptions (repeatable).")
  List<Path> exceptions = new ArrayList<>();

  @Option(names = "--lateness", paramLabel = "SECONDS", description = "How late an event may arrive and still be correlated in order; correlation alerts wait this long (default: 5).")
  double latenessSeconds = 5;

  @Option(names = "--no-logs", description = "Do not follow the auth log, journal or audit log.")
  boolean noLogs;

  @Option(names = "--journalctl", paramLabel = "FILE", description = "journalctl to run when there is no auth log (default: /usr/bin/journalctl, with --root / only).")
  Path journalctl;

  @Option(names = "--timezone", paramLabel = "ZONE", description = "Zone of log timestamps that carry none (default: this system's zone).")
  String timezone;

  @Mixin ResponseOptions response = new ResponseOptions();

  private volatile boolean running = true;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** An agent whose events go only to its rule engine. */
  public AgentCommand() {
    this(e -> { });
  }

  /** An agent that also hands every sensor and log event to {@code events}. */
  public AgentCommand(Consumer<Event> events) {
    this.extraEvents = events;
  }

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("ndjson")) {
      throw new ParameterException(spec.commandLine(), "--format must be table or ndjson, not '" + format + "'");
    }
    if (!(intervalSeconds > 0)) {
      throw new ParameterException(spec.commandLine(), "--interval must be positive");
    }
    if (!(latenessSeconds >= 0)) {
      throw new ParameterException(spec.commandLine(), "--lateness must be zero or more");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DetectionEngine.Builder eb = DetectionEngine.builder().includeBuiltin(!noBuiltin)
        .maxLatenessMillis(Math.round(latenessSeconds * 1000));
    rules.forEach(eb::addRules);
    exceptions.forEach(eb::addExceptions);
    RuleAlerts ruleAlerts = new RuleAlerts(ScanCommand.built(eb.build(), err));
    Consumer<Event> events = ruleAlerts.andThen(extraEvents);
    HostSensor sensor = ScanCommand.configure(HostSensor.builder(), root, price, state, poolPorts, poolIps)
        .events(events).sustainSamples(Math.max(1, sustain)).fileCheckEvery(FILE_CHECK_EVERY)
        .fullProbeEvery(FULL_PROBE_EVERY).cpuSampleEvery(CPU_SAMPLE_EVERY).socketTablesEvery(SOCKET_TABLES_EVERY).build();
    LogFollowers logs = noLogs ? null : new LogFollowers(root, state, journalctlToUse(),
        timezone == null ? ZoneId.systemDefault() : ZoneId.of(timezone), events, err);
    response.start(spec.commandLine(), root, state);
    Thread hook = new Thread(this::stopAndWait, "minewarden-agent-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    err.println("minewarden agent: sampling every " + intervalSeconds + " s, state in " + state);
    err.flush();
    try {
      loop(sensor, logs, ruleAlerts, out, err);
    } finally {
      try {
        if (logs != null) {
          logs.close();
        }
        ruleAlerts.advanceTo(System.currentTimeMillis());
        ScanCommand.writeAlerts(ruleAlerts.drain(), format, output, out);
        saveState(sensor, logs);
      } finally {
        stopped.countDown();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running and waits for us.
    }
    return 0;
  }

  /** journalctl only reads this host's journal, so it is used with the real root only. */
  private Path journalctlToUse() {
    if (journalctl != null) {
      return journalctl;
    }
    return root.toAbsolutePath().normalize().equals(Path.of("/")) ? LogFollowers.findJournalctl() : null;
  }

  private void loop(HostSensor sensor, LogFollowers logs, RuleAlerts ruleAlerts, PrintWriter out, PrintWriter err)
      throws Exception {
    long intervalNanos = Math.round(intervalSeconds * 1e9);
    long pollNanos = TimeUnit.MILLISECONDS.toNanos(LOG_POLL_MILLIS);
    long nextSample = System.nanoTime();
    long samples = 0;
    if (logs != null) {
      logs.poll();
      logs.describe().forEach(d -> err.println("minewarden agent: following " + d));
      err.flush();
    }
    while (running && (maxSamples <= 0 || samples < maxSamples)) {
      List<Alert> alerts = new ArrayList<>();
      if (System.nanoTime() - nextSample >= 0) {
        SampleResult r = sensor.sample();
        alerts.addAll(r.alerts());
        samples++;
        if (samples % 60 == 0) {
          saveState(sensor, logs);
        }
        nextSample += intervalNanos;
        if (System.nanoTime() - nextSample > intervalNanos) {
          nextSample = System.nanoTime();
        }
      }
      if (logs != null) {
        logs.poll();
        if (samples % 5 == 0) {
          logs.save();
        }
      }
      ruleAlerts.advanceTo(System.currentTimeMillis());
      alerts.addAll(ruleAlerts.drain());
      ScanCommand.writeAlerts(alerts, format, output, out);
      // Right after the sample that raised the alert: the miner stops within the same second.
      response.handle(alerts, out, err);
      long wait = Math.min(nextSample - System.nanoTime(), logs == null ? Long.MAX_VALUE : pollNanos);
      if (wait > 0 && running && (maxSamples <= 0 || samples < maxSamples)) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
  }

  private static void saveState(HostSensor sensor, LogFollowers logs) throws IOException {
    sensor.saveState();
    if (logs != null) {
      logs.save();
    }
  }

  /** Asks the loop to stop after its current step; {@link #call()} then saves and returns. */
  void stop() {
    running = false;
  }

  /**
   * On SIGTERM: ask the loop to stop and wait (at most 10 s) until it saved its state, then end
   * with exit code 0, so a service manager sees a clean stop rather than the JVM's 143.
   */
  private void stopAndWait() {
    running = false;
    try {
      if (stopped.await(10, TimeUnit.SECONDS)) {
        System.out.flush();
        Runtime.getRuntime().halt(0);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
