package dev.minewarden.cli;

import dev.minewarden.cli.hunt.AlertFolder;
import dev.minewarden.cli.hunt.AlertWriter;
import dev.minewarden.cli.hunt.EventDump;
import dev.minewarden.cli.hunt.Hunt;
import dev.minewarden.cli.hunt.HuntStats;
import dev.minewarden.cli.hunt.IncidentWriter;
import dev.minewarden.cli.hunt.IntelOptions;
import dev.minewarden.cli.hunt.Progress;
import dev.minewarden.cli.hunt.Summary;
import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.rules.Severity;
import dev.minewarden.ingest.Formats;
import dev.minewarden.ingest.InputFile;
import dev.minewarden.ingest.Inputs;
import dev.minewarden.ingest.LogFormat;
import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minewarden hunt}: reads logs and captures, runs the rules, prints alerts. */
@Command(
    name = "hunt",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Hunts through logs for cryptojacking and the intrusions behind it.",
      "",
      "Reads files and folders (recursed; .gz read transparently; - for stdin), recognises each",
      "file's format from its content, runs the built-in Sigma rule pack plus any --rules, and",
      "prints alerts on stdout and a summary on stderr. Events are enriched with the bundled and",
      "imported intel first; alerts say which group most likely raised them (threat.group.name);",
      "--incidents ties them into incidents per host with a timeline, evictions and cost.",
      "",
      "Exit codes: 0 clean; 1 an alert at or above --fail-on; 2 bad usage;",
      "3 the run was partial (unreadable files, malformed records or rules that did not load were skipped)."
    })
final class HuntCommand implements Callable<Integer> {
  /** Alerts held for ordering when the hunt reads one input. */
  static final int SINGLE_INPUT_HELD_ALERTS = 10_000;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to read; - for stdin.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--rules", paramLabel = "PATH",
      description = "Sigma rule file or folder to add (repeatable).")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--no-builtin", description = "Leave the built-in rule pack out.")
  boolean noBuiltin;

  @Option(names = "--exceptions", paramLabel = "DIR",
      description = "Folder of Sigma filters applied as per-rule exceptions (repeatable).")
  List<Path> exceptions = new ArrayList<>();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "Output: table, ndjson, json or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--fail-on", paramLabel = "LEVEL",
      description = "Exit 1 when an alert is at least this level (informational, low, medium, high, critical).")
  String failOn;

  @Option(names = "--input-format", paramLabel = "NAME",
      description = "Read every input as this format instead of detecting it.")
  String inputFormat;

  @Option(names = "--year", paramLabel = "YYYY",
      description = "Year for timestamps that have none (default: from each file's modification time).")
  int year;

  @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "Zone of timestamps that carry none (default: ${DEFAULT-VALUE}).")
  String timezone;

  @Option(names = "--threads", paramLabel = "N",
      description = "Files read at once (default: the number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--fold-window", paramLabel = "DURATION", defaultValue = "PT1H",
      description = "Fold repeats of one rule on one key within one window of this ISO-8601 duration (tumbling, on event time) into one alert with a count; PT0S folds nothing (default: ${DEFAULT-VALUE}).")
  Duration foldWindow;

  @Option(names = "--progress", negatable = true,
      description = "Show a progress bar on stderr (default: when stderr is a terminal).")
  Boolean progress;

  @Option(names = "--events",
      description = "Print every parsed event as NDJSON (logsource, time, host, source and all fields) instead of alerts: shows what rules can test.")
  boolean events;

  @Option(names = "--quiet", description = "No summary on stderr.")
  boolean quiet;

  @Mixin IntelOptions intel;

  @Override
  public Integer call() throws Exception {
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
    PrintStream err = System.err;
    AlertWriter.Format outFormat = Cli.parseEnum(AlertWriter.Format.class, format, "--format");
    Severity failLevel = failOn == null ? null : Severity.fromName(failOn);
    Formats formats = Formats.builtin();
    LogFormat forced = null;
    if (inputFormat != null) {
      forced = formats.byName(inputFormat).orElseThrow(() -> new IllegalArgumentException(
          "unknown --input-format '" + inputFormat + "'; known: " + String.join(", ", formats.names())));
    }
    ZoneId zone = Cli.zone(timezone);
    // The intel is read while the rules load; sessions (made below) take the enricher.
    intel.startLoading(err);
    DetectionEngine engine =
        Cli.buildEngine(!noBuiltin, rules, exceptions, err, intel::addEnrichment);
    intel.awaitLoaded();
    List<String> problems = new ArrayList<>();
    List<InputFile> inputs = Inputs.expand(paths, System.currentTimeMillis(), problems);
    HuntStats stats = new HuntStats();
    problems.forEach(p -> stats.failed(p, "cannot be read"));
    AlertFolder alerts = new AlertFolder(foldWindow.toMillis());
    long started = System.nanoTime();
    // One input is read in order (in pieces committed in file order), so a small reorder buffer
    // does; several inputs read in parallel interleave and get the default.
    int held = inputs.size() == 1 ? SINGLE_INPUT_HELD_ALERTS : DetectionEngine.DEFAULT_HELD_ALERTS;
    DetectionEngine.Session session = engine.session(a -> alerts.accept(slim(a)), held);
    Hunt hunt = new Hunt(formats, forced, year, zone, threads, stats);
    boolean showProgress = progress != null ? progress : System.console() != null;
    long total = inputs.stream().mapToLong(InputFile::size).sum();
    try (Progress bar = showProgress ? new Progress(err, total, stats::bytesRead, stats::events, () -> alerts.size()) : null) {
      if (events) {
        hunt.run(inputs, new EventDump(out));
      } else {
        intel.passiveDnsPrePass(formats, forced, year, zone, threads, inputs);
        hunt.run(inputs, intel.observing(session));
      }
      session.finish();
    }
    // Folding first keeps memory to one alert per key and window; attribution and incidents then
    // work on the folded alerts, whose counts carry the repeats.
    List<Alert> folded = intel.annotate(alerts.result());
    if (intel.wantsIncidents()) {
      var incidents = intel.incidents(folded, err);
      if (intel.incidents()) {
        new IncidentWriter(outFormat, out).write(incidents);
      }
    }
    if (events) {
      out.flush();
    } else if (!intel.incidents()) {
      new AlertWriter(outFormat, out).write(folded);
    }
    long elapsedNanos = System.nanoTime() - started;
    if (!quiet) {
      new Summary(stats, folded, elapsedNanos).print(err);
    }
    return exitCode(folded, failLevel, stats.partial() || !engine.loadErrors().isEmpty());
  }

  /**
   * The alert with its related events cut down to what the output shows of them (time, host, file
   * and line): a correlation alert lists up to a hundred events, and the alerts of a long hunt are
   * kept until the end for folding.
   */
  static Alert slim(Alert a) {
    if (a.related().isEmpty()) {
      return a;
    }
    List<dev.minewarden.core.event.Event> related = new ArrayList<>(a.related().size());
    for (dev.minewarden.core.event.Event e : a.related()) {
      related.add(dev.minewarden.core.event.Event.builder(e.logSource()).time(e.timestampMillis())
          .host(e.host()).source(e.sourcePath(), e.sourceLine()).build());
    }
    return new Alert(a.rule(), a.event(), related, a.count(), a.attributes());
  }

  private static int exitCode(List<Alert> alerts, Severity failLevel, boolean partial) {
    if (failLevel != null
        && alerts.stream().anyMatch(a -> a.rule().level().compareTo(failLevel) >= 0)) {
      return Cli.EXIT_FAIL_ON;
    }
    return partial ? Cli.EXIT_PARTIAL : 0;
  }
}
