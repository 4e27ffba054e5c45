package dev.minewarden.host;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.host.proc.NetSocket;
import dev.minewarden.host.proc.ProcFs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The host sensor: reads {@code /proc} and key files each time {@link #sample()} is called, sends
 * process_creation and network_connection {@link Event}s for what is new to the event consumer
 * (where a rule engine listens), and returns its own findings as {@link Alert}s.
 *
 * <p>One look now: {@code HostSensor.builder().build().scan(Duration.ofSeconds(1))}. Continuous:
 * call {@link #sample()} about once a second and {@link #saveState()} now and then; with a state
 * folder the baseline (watched files, listening ports, kernel settings, CPU cost) survives
 * restarts. Not thread-safe: one thread samples.
 */
public final class HostSensor {
  /** The built-in mining-pool ports (Falco's list without ports common for other services). */
  public static final Set<Integer> DEFAULT_POOL_PORTS = ProcessChecks.DEFAULT_POOL_PORTS;

  private final SensorConfig config;
  private final ProcReader reader;
  private final HostEvents events;
  private final Consumer<Event> eventSink;
  private final SensorState state;
  private final ProcessChecks processChecks;
  private final HiddenChecks hiddenChecks;
  private final FileChecks fileChecks;
  private final StateChecks stateChecks;
  private HostSnapshot previous;
  private long samples;
  private final Map<String, Set<String>> lastKeys = new java.util.HashMap<>();
  private final Set<String> seenConnections = new HashSet<>();

  private HostSensor(Builder b) {
    this.config = new SensorConfig(b.root, b.hostName, b.clockTicks, b.usdPerVcpuHour, b.poolPorts,
        b.poolAddresses, b.highCpuFraction, b.highCpuMinCores, b.sustainSamples, b.fullProbeEvery, b.stateDir,
        b.fileCheckEvery, b.checkAttributes, b.attributeCheckEvery, b.costBaselineSamples, b.costFactor,
        b.unaccountedMinCores, b.clock, b.listingFilter);
    ProcFs fs = new ProcFs(b.root);
    this.reader = new ProcReader(fs, b.clockTicks, b.listingFilter, b.cpuSampleEvery, b.socketTablesEvery);
    this.events = new HostEvents(b.hostName);
    this.eventSink = b.eventSink;
    this.state = SensorState.load(b.stateDir);
    this.processChecks = new ProcessChecks(config);
    this.hiddenChecks = new HiddenChecks(reader, config);
    this.fileChecks = new FileChecks(fs, config);
    this.stateChecks = new StateChecks(config);
  }

  /** Starts a sensor for this host ({@code /}) with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Takes one sample: reads the host, emits events for processes and connections first seen, and
   * runs every check.
   */
  public SampleResult sample() {
    long now = config.clock().getAsLong();
    HostSnapshot snap = reader.read(previous, now);
    int emitted = emitEvents(snap);
    Map<Integer, Event> eventCache = new java.util.HashMap<>();
    Map<String, List<Finding>> bySource = new LinkedHashMap<>();
    bySource.put("process", processChecks.check(snap,
        p -> eventCache.computeIfAbsent(p.pid(), k -> events.process(p, snap.processes().get(p.ppid()), now))));
    bySource.put("hidden", hiddenChecks.check(snap, events));
    if (samples++ % config.fileCheckEvery() == 0) {
      bySource.put("files", fileChecks.check(state, events, now));
    }
    List<Finding> host = new ArrayList<>(stateChecks.listeners(snap, state, events));
    host.addAll(stateChecks.kernel(snap, state, events));
    host.addAll(stateChecks.cost(snap, state, events));
    bySource.put("host", host);
    previous = snap;
    return new SampleResult(snap, newAlerts(bySource), emitted, BlindSpots.describe(snap, reader.fs().denied()));
  }

  /**
   * One look at the host: two samples {@code window} apart (CPU use needs two), with every alert
   * of either, each once. Saves the state when a state folder is set.
   *
   * @param window the time between the samples; {@link Duration#ZERO} skips the second sample
   * @throws InterruptedException when interrupted while waiting
   */
  public SampleResult scan(Duration window) throws InterruptedException {
    SampleResult first = sample();
    if (window.isZero() || window.isNegative()) {
      saveState();
      return first;
    }
    Thread.sleep(window.toMillis());
    SampleResult second = sample();
    List<Alert> all = new ArrayList<>(first.alerts());
    all.addAll(second.alerts());
    saveState();
    // The second sample's blind spots describe the same kinds with fresher counts.
    return new SampleResult(second.snapshot(), all, first.eventsEmitted() + second.eventsEmitted(),
        second.blindSpots());
  }

  /** Writes the baseline to the state folder, if one is set. */
  public void saveState() {
    try {
      state.save(config.stateDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the sensor state in " + config.stateDir(), e);
    }
  }

  /** The price of one busy vCPU for an hour, US dollars. */
  public double usdPerVcpuHour() {
    return config.usdPerVcpuHour();
  }

  /**
   * Keeps the findings that the same check did not already report in its previous run; a check
   * that did not run this sample keeps its previous findings as reported.
   */
  private List<Alert> newAlerts(Map<String, List<Finding>> bySource) {
    List<Alert> out = new ArrayList<>();
    bySource.forEach((source, findings) -> {
      Set<String> before = lastKeys.getOrDefault(source, Set.of());
      Set<String> now = new HashSet<>();
      for (Finding f : findings) {
        if (now.add(f.key()) && !before.contains(f.key())) {
          out.add(f.toAlert(config.hostName()));
        }
      }
      lastKeys.put(source, now);
    });
    return out;
  }

  private int emitEvents(HostSnapshot snap) {
    int n = 0;
    for (ProcessInfo p : snap.processes().values()) {
      ProcessInfo before = previous == null ? null : previous.processes().get(p.pid());
      // A new pid, a reused one, or an exec (a new name): each is a process creation.
      if (!p.kernelThread() && before != p && (before == null || before.startTicks() != p.startTicks()
          || !before.comm().equals(p.comm()))) {
        eventSink.accept(events.process(p, snap.processes().get(p.ppid()), snap.timeMillis()));
        n++;
      }
    }
    Set<String> live = new HashSet<>();
    for (NetSocket s : snap.sockets()) {
      if (!s.isConnected()) {
        continue;
      }
      ProcessInfo owner = snap.ownerOf(s);
      String key = s.inode() + "|" + s.remoteIp() + "|" + s.remotePort();
      live.add(key);
      if (seenConnections.add(key)) {
        eventSink.accept(events.connection(s, owner, snap.timeMillis()));
        n++;
      }
    }
    seenConnections.retainAll(live);
    return n;
  }

  /** Settings of a {@link HostSensor}; every one has a default. Not thread-safe. */
  public static final class Builder {
    private Path root = Path.of("/");
    private String hostName;
    private int clockTicks = 100;
    private double usdPerVcpuHour = 0.048;
    private Set<Integer> poolPorts = ProcessChecks.DEFAULT_POOL_PORTS;
    private Set<String> poolAddresses = Set.of();
    private double highCpuFraction = 0.8;
    private double highCpuMinCores = 0.9;
    private java.util.function.LongSupplier clock = System::currentTimeMillis;
    private int sustainSamples = 1;
    private int fullProbeEvery = 300;
    private Path stateDir;
    private boolean checkAttributes = true;
    private int fileCheckEvery = 1;
    private int cpuSampleEvery = 1;
    private int socketTablesEvery = 1;
    private int attributeCheckEvery = 60;
    private int costBaselineSamples = 60;
    private double costFactor = 2.0;
    private double unaccountedMinCores = 0.5;
    private Consumer<Event> eventSink = e -> { };
    private UnaryOperator<TreeSet<Integer>> listingFilter = UnaryOperator.identity();

    private Builder() {}

    /** The host root: {@code /} (the default) or a fixture tree with {@code proc/} and {@code etc/}. */
    public Builder root(Path root) {
      this.root = Objects.requireNonNull(root, "root");
      return this;
    }

    /** The host name alerts and events carry (default none). */
    public Builder hostName(String hostName) {
      this.hostName = hostName;
      return this;
    }

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}; default 100). */
    public Builder clockTicks(int ticks) {
      if (ticks <= 0) {
        throw new IllegalArgumentException("clock ticks must be positive, was " + ticks);
      }
      this.clockTicks = ticks;
      return this;
    }

    /** The price of one busy vCPU for one hour in US dollars (default 0.048). */
    public Builder usdPerVcpuHour(double usd) {
      if (!(usd >= 0)) {
        throw new IllegalArgumentException("price must be zero or more, was " + usd);
      }
      this.usdPerVcpuHour = usd;
      return this;
    }

    /** Remote TCP ports that count as mining-pool ports (default: 3333, 4444, 5555, 7777, 14444...). */
    public Builder poolPorts(Set<Integer> ports) {
      this.poolPorts = Set.copyOf(ports);
      return this;
    }

    /** Remote addresses (as text, {@code 1.2.3.4} or {@code 2001:db8::1}) that count as pools. */
    public Builder poolAddresses(Set<String> addresses) {
      this.poolAddresses = Set.copyOf(addresses);
      return this;
    }

    /** The fraction of all cores at which a process counts as burning CPU (default 0.8). */
    public Builder highCpuFraction(double fraction) {
      if (!(fraction > 0)) {
        throw new IllegalArgumentException("CPU fraction must be positive, was " + fraction);
      }
      this.highCpuFraction = fraction;
      return this;
    }

    /** The fewest cores at which a process counts as burning CPU, whatever the fraction (default 0.9). */
    public Builder highCpuMinCores(double cores) {
      this.highCpuMinCores = cores;
      return this;
    }

    /** Consecutive samples a CPU condition must hold before it raises an alert (default 1). */
    public Builder sustainSamples(int samples) {
      if (samples < 1) {
        throw new IllegalArgumentException("sustain samples must be at least 1, was " + samples);
      }
      this.sustainSamples = samples;
      return this;
    }

    /** Every how many samples the whole pid range is probed for hidden processes (default 300). */
    public Builder fullProbeEvery(int samples) {
      this.fullProbeEvery = Math.max(1, samples);
      return this;
    }

    /** The folder where the baseline is kept between runs (default none: a baseline per run). */
    public Builder stateDir(Path dir) {
      this.stateDir = dir;
      return this;
    }

    /** Every how many samples the watched files are checked (default 1: every sample). */
    public Builder fileCheckEvery(int samples) {
      this.fileCheckEvery = Math.max(1, samples);
      return this;
    }

    /**
     * Every how many samples every process's {@code /proc/<pid>/stat} is read for its CPU use
     * (default 1: every sample). In between, only new processes and those first seen within the
     * last 10 samples are read; the others keep the CPU use last measured. A continuous agent
     * sets 5 to read a fifth as much.
     */
    public Builder cpuSampleEvery(int samples) {
      this.cpuSampleEvery = Math.max(1, samples);
      return this;
    }

    /**
     * The most samples between two reads of the TCP and UDP tables (default 1: every sample). In
     * between they are read only when a namespace's {@code /proc/net/sockstat} counts moved: on
     * a quiet host that spares the kernel a walk of its connection hash every second.
     */
    public Builder socketTablesEvery(int samples) {
      this.socketTablesEvery = Math.max(1, samples);
      return this;
    }

    /** Whether to read file attributes with {@code lsattr} (default true). */
    public Builder checkAttributes(boolean check) {
      this.checkAttributes = check;
      return this;
    }

    /** Every how many samples file attributes are read (default 60). */
    public Builder attributeCheckEvery(int samples) {
      this.attributeCheckEvery = Math.max(1, samples);
      return this;
    }

    /** Samples of host cost needed before the cost baseline is trusted (default 60). */
    public Builder costBaselineSamples(int samples) {
      this.costBaselineSamples = Math.max(1, samples);
      return this;
    }

    /** Host spend above this multiple of its baseline raises an alert (default 2). */
    public Builder costFactor(double factor) {
      this.costFactor = factor;
      return this;
    }

    /** Where rule-engine events go (default: dropped). Called on the sampling thread. */
    public Builder events(Consumer<Event> sink) {
      this.eventSink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** Unaccounted CPU below this many cores is noise (default 0.5). */
    Builder unaccountedMinCores(double cores) {
      this.unaccountedMinCores = cores;
      return this;
    }

    /** The wall clock in epoch ms; tests step it to make CPU intervals exact on fixture trees. */
    Builder clock(java.util.function.LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Filters the {@code /proc} listing: lets tests act out a rootkit on a fixture tree. */
    Builder listingFilter(UnaryOperator<TreeSet<Integer>> filter) {
      this.listingFilter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /** Builds the sensor, loading the baseline from the state folder when there is one. */
    public HostSensor build() {
      return new HostSensor(this);
    }
  }
}
