package dev.minewarden.cli;

import dev.minewarden.cli.host.HostAlertOutput;
import dev.minewarden.cli.host.RuleAlerts;
import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.rules.Severity;
import dev.minewarden.core.text.Sanitize;
import dev.minewarden.host.HostSensor;
import dev.minewarden.host.ProcessInfo;
import dev.minewarden.host.SampleResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code minewarden scan}: one look at this host now. Reads {@code /proc} and key files twice,
 * {@code --window} apart, runs the rule engine (built-in pack plus {@code --rules}) over the
 * process and connection events, and prints the sensor's findings and the rules' alerts in one
 * ECS schema; the exit code says whether any reached {@code --fail-on}. Works unprivileged too,
 * and then says on stderr what it could not see.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "One look at this host now: miners, intruders and what they cost.",
      "",
      "It looks for miners (command lines, names, pool connections, CPU, /tmp and",
      "deleted executables), fake kernel threads, hidden processes, ld.so.preload, persistence",
      "and tampering against a baseline (with --state), new listening ports, mining kernel tuning,",
      "and CPU spend as money per hour. Process and connection events also go through the",
      "built-in Sigma rule pack and any --rules.",
      "",
      "Exit codes: 0 no alert at or above --fail-on, 1 at least one, 2 bad usage."
    })
public final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--root", paramLabel = "DIR", description = "Host root to read (default: /). A copied or fixture tree with proc/ and etc/ works too.")
  Path root = Path.of("/");

  @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or ndjson (ECS, one alert per line).")
  String format = "table";

  @Option(names = "--fail-on", paramLabel = "LEVEL", description = "Exit 1 when an alert is at least this level: informational, low, medium, high (default), critical, or none.")
  String failOn = "high";

  @Option(names = "--window", paramLabel = "SECONDS", description = "Time between the two samples that CPU use needs (default: 0.5; 0 reads once and measures no CPU).")
  double windowSeconds = 0.5;

  @Option(names = "--price", paramLabel = "USD", description = "Price of one vCPU-hour in US dollars (default: 0.048).")
  double price = 0.048;

  @Option(names = "--state", paramLabel = "DIR", description = "Folder keeping the baseline between runs: files, listening ports, kernel settings, CPU cost. Without it nothing is compared.")
  Path state;

  @Option(names = "--pool-port", split = ",", paramLabel = "PORT", description = "Extra mining-pool ports, added to the built-in list.")
  List<Integer> poolPorts = List.of();

  @Option(names = "--pool-ip", split = ",", paramLabel = "IP", description = "Addresses of known pools.")
  List<String> poolIps = List.of();

  @Option(names = "--no-attributes", description = "Do not run lsattr on watched files.")
  boolean noAttributes;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write alerts to FILE instead of standard output.")
  Path output;

  @Option(names = "--rules", paramLabel = "PATH", description = "Sigma rule file or folder to add (repeatable).")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--no-builtin", description = "Leave the built-in rule pack out.")
  boolean noBuiltin;

  @Option(names = "--exceptions", paramLabel = "DIR", description = "Folder of Sigma filters applied as per-rule exceptions (repeatable).")
  List<Path> exceptions = new ArrayList<>();

  @Mixin ResponseOptions response = new ResponseOptions();

  @Override
  public Integer call() throws Exception {
    Severity threshold = failOn.equalsIgnoreCase("none") ? null : parseLevel(failOn);
    checkFormat(format);
    PrintWriter err = spec.commandLine().getErr();
    // The rules compile while the sensor samples and waits for its window; events wait for them.
    CompletableFuture<DetectionEngine> engine = CompletableFuture.supplyAsync(
        () -> buildEngine(!noBuiltin, rules, exceptions, err));
    List<Event> events = new ArrayList<>();
    HostSensor sensor = configure(HostSensor.builder(), root, price, state, poolPorts, poolIps)
        .checkAttributes(!noAttributes).events(events::add).build();
    response.start(spec.commandLine(), root, state);
    SampleResult r = sensor.scan(Duration.ofMillis(Math.round(windowSeconds * 1000)));
    RuleAlerts ruleAlerts = new RuleAlerts(engine.join());
    events.forEach(ruleAlerts);
    ruleAlerts.finish();
    List<Alert> all = new ArrayList<>(r.alerts());
    all.addAll(ruleAlerts.drain());
    writeAlerts(all, format, output, spec.commandLine().getOut());
    response.handle(all, spec.commandLine().getOut(), err);
    summary(r, all.size(), sensor.usdPerVcpuHour(), err);
    return exitCode(all, threshold);
  }

  /** Builds the rule engine of scan and agent, printing (escaped) every rule that does not load. */
  static DetectionEngine buildEngine(boolean builtin, List<Path> rules, List<Path> exceptions, PrintWriter err) {
    DetectionEngine.Builder b = DetectionEngine.builder().includeBuiltin(builtin);
    rules.forEach(b::addRules);
    exceptions.forEach(b::addExceptions);
    return built(b.build(), err);
  }

  /** Prints the engine's load errors and returns it. */
  static DetectionEngine built(DetectionEngine engine, PrintWriter err) {
    synchronized (err) {
      engine.loadErrors().forEach(e -> err.println("minewarden: " + Sanitize.forTerminal(e.toString(), 400)));
      err.flush();
    }
    return engine;
  }

  /** Applies the options that scan and agent share to a sensor builder. */
  static HostSensor.Builder configure(HostSensor.Builder b, Path root, double price, Path state,
      List<Integer> poolPorts, List<String> poolIps) {
    java.util.Set<Integer> ports = new HashSet<>(HostSensor.DEFAULT_POOL_PORTS);
    ports.addAll(poolPorts);
    return b.root(root).hostName(hostName(root)).usdPerVcpuHour(price).stateDir(state)
        .poolPorts(ports).poolAddresses(new HashSet<>(poolIps));
  }

  /** 1 when an alert reaches the threshold, else 0; a null threshold never fails. */
  static int exitCode(List<Alert> alerts, Severity threshold) {
    return threshold != null && alerts.stream().anyMatch(a -> a.rule().level().compareTo(threshold) >= 0) ? 1 : 0;
  }

  Severity parseLevel(String level) {
    try {
      return Severity.fromName(level);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--fail-on: " + e.getMessage());
    }
  }

  void checkFormat(String f) {
    if (!f.equals("table") && !f.equals("ndjson")) {
      throw new ParameterException(spec.commandLine(), "--format must be table or ndjson, not '" + f + "'");
    }
  }

  /** Writes alerts in the format to the file (appended) or, without one, to {@code out}. */
  static void writeAlerts(List<Alert> alerts, String format, Path file, PrintWriter out) throws IOException {
    if (alerts.isEmpty()) {
      return;
    }
    if (file != null) {
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))) {
        HostAlertOutput.write(alerts, format, w);
      }
    } else {
      HostAlertOutput.write(alerts, format, out);
    }
  }

  /** The host's CPU cost, the costliest processes and the blind spots, on stderr. */
  static void summary(SampleResult r, int alerts, double price, PrintWriter err) {
    var snap = r.snapshot();
    err.printf(Locale.ROOT, "minewarden scan: %d processes, %d sockets, %d alerts%n",
        snap.processes().size(), snap.sockets().size(), alerts);
    if (!Double.isNaN(snap.hostCpuCores())) {
      err.printf(Locale.ROOT, "host CPU: %.2f of %d vCPUs busy = $%.4f/h ($%.3f per vCPU-hour)%n",
          snap.hostCpuCores(), snap.cpuCount(), snap.hostCpuCores() * price, price);
      snap.processes().values().stream().filter(p -> p.cpuCores() >= 0.05)
          .sorted(Comparator.comparingDouble(ProcessInfo::cpuCores).reversed()).limit(5)
          .forEach(p -> err.printf(Locale.ROOT, "  pid %d %s: %.2f vCPU = $%.4f/h%n", p.pid(),
              Sanitize.forTerminal(p.comm(), 32), p.cpuCores(), p.cpuCores() * price));
    }
    for (String s : r.blindSpots()) {
      err.println("not seen: " + s);
    }
    err.flush();
  }

  /** The host name in the root's {@code /proc/sys/kernel/hostname} or {@code /etc/hostname}. */
  static String hostName(Path root) {
    for (String f : List.of("proc/sys/kernel/hostname", "etc/hostname")) {
      try {
        String h = Files.readString(root.resolve(f), StandardCharsets.UTF_8).trim();
        if (!h.isEmpty() && h.length() < 256) {
          return h;
        }
      } catch (IOException | UncheckedIOException e) {
        // Try the next source.
      }
    }
    return null;
  }
}
