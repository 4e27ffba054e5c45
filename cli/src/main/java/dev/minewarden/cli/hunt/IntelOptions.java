package dev.minewarden.cli.hunt;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.incident.CostModel;
import dev.minewarden.core.incident.HtmlReport;
import dev.minewarden.core.incident.Incident;
import dev.minewarden.core.incident.Incidents;
import dev.minewarden.core.intel.Ageing;
import dev.minewarden.core.intel.Attributor;
import dev.minewarden.core.intel.IntelEnricher;
import dev.minewarden.core.intel.IntelMatcher;
import dev.minewarden.core.intel.IntelStore;
import dev.minewarden.core.intel.PassiveDns;
import dev.minewarden.ingest.Formats;
import dev.minewarden.ingest.InputFile;
import dev.minewarden.ingest.LogFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The hunt's intel, attribution and incident options, and what they do: enrichment before the
 * rules, a passive-DNS pre-pass, attribution of the alerts, and incidents with their cost.
 */
public final class IntelOptions {
  @Option(names = "--incidents",
      description = "Print incidents (one per host: actors, timeline, evictions, cost) instead of alerts.")
  boolean incidents;

  @Option(names = "--report", paramLabel = "FILE.html",
      description = "Also write a self-contained HTML report of the incidents with their timelines.")
  Path report;

  @Option(names = "--no-intel",
      description = "No intel enrichment, attribution or passive DNS (rules see events as parsed).")
  boolean noIntel;

  @Option(names = "--intel-dir", paramLabel = "DIR",
      description = "Folder of imported intel (default: $MINEWARDEN_HOME/intel or ~/.minewarden/intel).")
  Path intelDir;

  @Option(names = "--ip-ttl", paramLabel = "DURATION", defaultValue = "P90D",
      description = "How long after its last sighting an IP indicator still counts, by event time (default: ${DEFAULT-VALUE}).")
  Duration ipTtl;

  @Option(names = "--no-passive-dns",
      description = "Skip the pre-pass that learns which names addresses were resolved from.")
  boolean noPassiveDns;

  @Option(names = "--vcpus", paramLabel = "N", defaultValue = "2",
      description = "vCPUs of the hosts, for the cost of hijacked CPU (default: ${DEFAULT-VALUE}).")
  double vcpus;

  @Option(names = "--instance-type", paramLabel = "TYPE",
      description = "Cloud instance type of the hosts (m5.large, e2-standard-2, Standard_D2s_v5): picks the price per vCPU-hour.")
  String instanceType;

  @Option(names = "--vcpu-price", paramLabel = "USD",
      description = "Price per vCPU-hour; overrides the bundled table (default: 0.048).")
  Double vcpuPrice;

  @Option(names = "--baseline-cpu", paramLabel = "FRACTION", defaultValue = "0.13",
      description = "The hosts' normal CPU utilisation, for the cost increase (default: ${DEFAULT-VALUE}).")
  double baseline;

  private IntelStore store;
  private IntelEnricher enricher;
  private FutureTask<Loaded> loading;

  private record Loaded(IntelStore store, IntelEnricher enricher) {}
  private final Map<String, Long> lastEvent = new ConcurrentHashMap<>();

  /** Whether incidents are printed instead of alerts. */
  public boolean incidents() {
    return incidents;
  }

  /** Whether anything of intel is on. */
  public boolean enabled() {
    return !noIntel;
  }

  /**
   * Starts reading the intel (the bundled set, any {@code --intel-dir}) on another thread, so that
   * it overlaps with loading the rules: each takes a few tenths of a second at start-up. Finish
   * with {@link #awaitLoaded} before the first session.
   */
  public void startLoading(PrintStream err) {
    if (noIntel || loading != null) {
      return;
    }
    loading = new FutureTask<>(() -> {
      IntelStore s = IntelStores.load(intelDir, err);
      IntelMatcher matcher = s.matcher(Ageing.ipTtl(ipTtl));
      return new Loaded(s, new IntelEnricher(matcher, noPassiveDns ? null : new PassiveDns()));
    });
    Thread t = new Thread(loading, "minewarden-intel");
    t.setDaemon(true);
    t.start();
  }

  /** Waits for {@link #startLoading}; a problem reading the intel is thrown here. */
  public void awaitLoaded() throws IOException {
    if (loading == null || enricher != null) {
      return;
    }
    try {
      Loaded loaded = loading.get();
      store = loaded.store();
      enricher = loaded.enricher();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading intel", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The enrichment for sessions of an engine being built ({@link #startLoading} first). */
  public void addEnrichment(DetectionEngine.Builder b) {
    if (!noIntel) {
      b.enrichment(() -> enricher);
    }
  }

  /**
   * Reads every input once for DNS answers only, so that flows are tied to names whatever the
   * order in which files are read. Files of formats that never carry DNS answers ({@link
   * LogFormat#mayCarryDnsAnswers()}) are only sniffed; files whose first thousand events hold no
   * DNS answer are left early. Its own statistics are thrown away.
   */
  public void passiveDnsPrePass(Formats formats, LogFormat forced, int year, ZoneId zone, int threads,
      List<InputFile> inputs) throws InterruptedException {
    if (enricher == null || enricher.passiveDns() == null) {
      return;
    }
    PassiveDns dns = enricher.passiveDns();
    Hunt pre = new Hunt(formats, forced, year, zone, threads, new HuntStats())
        .onlyFormats(LogFormat::mayCarryDnsAnswers);
    pre.run(inputs, new DnsOnly(dns));
  }

  /** Wraps the session so the last event time of each host is known, for the cost. */
  public Consumer<Event> observing(Consumer<Event> session) {
    if (!incidents && report == null) {
      return session;
    }
    return e -> {
      if (e.host() != null && e.hasTime()) {
        lastEvent.merge(e.host(), e.timestampMillis(), Math::max);
      }
      session.accept(e);
    };
  }

  /** The alerts with ids, intel fields and attribution (as they are when intel is off). */
  public List<Alert> annotate(List<Alert> alerts) {
    if (store == null) {
      return alerts;
    }
    return Incidents.annotate(alerts, new Attributor(store));
  }

  /** Builds the incidents and writes the HTML report if one was asked for. */
  public List<Incident> incidents(List<Alert> annotated, PrintStream err) throws IOException {
    Attributor a = new Attributor(store == null ? IntelStore.bundled() : store);
    CostModel model = costModel();
    List<Incident> list = new Incidents(a).costModel(h -> model).observedUntil(lastEvent).build(annotated);
    if (report != null) {
      String version = store == null ? "off" : store.version();
      Files.writeString(report, HtmlReport.render(list, Instant.now(), version), StandardCharsets.UTF_8);
      err.println("minewarden: report written to " + report);
    }
    return list;
  }

  /** Whether incidents must be built (printed or reported). */
  public boolean wantsIncidents() {
    return incidents || report != null;
  }

  private CostModel costModel() {
    CostModel base = instanceType != null ? CostModel.forInstanceType(instanceType, vcpus)
        : new CostModel(vcpus, CostModel.defaults().pricePerVcpuHour(), baseline,
            CostModel.defaults().priceSource());
    if (vcpuPrice != null) {
      return new CostModel(vcpus, vcpuPrice, baseline, "--vcpu-price");
    }
    return new CostModel(base.vcpus(), base.pricePerVcpuHour(), baseline, base.priceSource());
  }

  /** Feeds DNS answers to the table and leaves a file early when it carries none. */
  private static final class DnsOnly implements Consumer<Event> {
    private static final RuntimeException LEAVE = new LeaveFile();
    private final PassiveDns dns;
    private final ThreadLocal<int[]> seen = ThreadLocal.withInitial(() -> new int[2]);
    private final ThreadLocal<String[]> file = ThreadLocal.withInitial(() -> new String[1]);

    DnsOnly(PassiveDns dns) {
      this.dns = dns;
    }

    @Override
    public void accept(Event e) {
      int[] s = seen.get();
      String[] f = file.get();
      if (!java.util.Objects.equals(f[0], e.sourcePath())) {
        f[0] = e.sourcePath(); // a new file on this worker: count afresh
        s[0] = 0;
        s[1] = 0;
      }
      if (e.get("answer") != null) {
        s[1]++;
        dns.learn(e);
      }
      if (++s[0] >= 1000 && s[1] == 0) {
        s[0] = 0;
        throw LEAVE;
      }
    }
  }

  /** Thrown to stop reading a file in the pre-pass; carries no stack trace. */
  private static final class LeaveFile extends RuntimeException {
    LeaveFile() {
      super("no DNS answers in the first events", null, false, false);
    }
  }
}
