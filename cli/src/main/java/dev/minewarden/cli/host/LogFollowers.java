package dev.minewarden.cli.host;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.text.Sanitize;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.Formats;
import dev.minewarden.ingest.LineFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The host's own logs, followed as they grow and parsed by the hunt's formats: the auth log
 * ({@code /var/log/auth.log} or {@code /var/log/secure} under the root) or, when there is none,
 * sshd's journal entries through journalctl; and {@code /var/log/audit/audit.log} when auditd
 * writes one. Events go to one consumer (the agent's rule session). Where each source stopped is
 * kept in {@value #STATE_FILE} in the state folder. Malformed lines are counted per source and the
 * first few shown on stderr, escaped; nothing a log holds stops the agent. Not thread-safe: one
 * thread polls.
 */
public final class LogFollowers implements AutoCloseable {
  /** The state file holding each source's position. */
  public static final String STATE_FILE = "log-positions.json";
  /** Event times further than this from the clock make a source suspect (wrong time zone). */
  static final long SKEW_WARN_MILLIS = 15 * 60_000L;
  private static final int SHOWN_MALFORMED = 3;
  private static final long MAX_BYTES_PER_POLL = 4 << 20;
  private static final long RESCAN_MILLIS = 30_000;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private final Path stateDir;
  private final Path journalctl;
  private final ZoneId zone;
  private final Consumer<Event> events;
  private final PrintWriter err;
  private final LongSupplier clock;
  private final Formats formats = Formats.builtin();
  private final Map<String, LogPosition> saved;
  private final Map<String, FileFollower> files = new LinkedHashMap<>();
  private final Map<String, Long> malformed = new TreeMap<>();
  private final Map<String, Long> eventCounts = new TreeMap<>();
  private final Map<String, Boolean> skewWarned = new HashMap<>();
  private JournalFollower journal;
  private boolean started;
  private long lastScan = Long.MIN_VALUE / 2;
  private Map<String, LogPosition> lastSaved = Map.of();

  /**
   * @param root the host root the log paths are under
   * @param stateDir the folder keeping positions between runs, or {@code null}
   * @param journalctl the journalctl to run when there is no auth log, or {@code null} for none
   * @param zone the zone of log timestamps that carry none (the host's own zone)
   * @param events where parsed events go
   * @param err where problems are reported
   */
  public LogFollowers(Path root, Path stateDir, Path journalctl, ZoneId zone, Consumer<Event> events,
      PrintWriter err) {
    this(root, stateDir, journalctl, zone, events, err, System::currentTimeMillis);
  }

  LogFollowers(Path root, Path stateDir, Path journalctl, ZoneId zone, Consumer<Event> events,
      PrintWriter err, LongSupplier clock) {
    this.root = root;
    this.stateDir = stateDir;
    this.journalctl = journalctl;
    this.zone = zone;
    this.events = events;
    this.err = err;
    this.clock = clock;
    this.saved = load(stateDir);
  }

  /** The journalctl on this host's usual paths, or {@code null}. */
  public static Path findJournalctl() {
    for (String p : List.of("/usr/bin/journalctl", "/bin/journalctl")) {
      if (Files.isExecutable(Path.of(p))) {
        return Path.of(p);
      }
    }
    return null;
  }

  /** The names of the sources followed now, with what each reads. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    files.values().forEach(f -> out.add(f.name() + " " + f.path()));
    if (journal != null) {
      out.add("journal " + String.join(" ", journal.command()));
    }
    return out;
  }

  /** Reads what every source appended since the last poll; finds sources that appeared. */
  public void poll() {
    long now = clock.getAsLong();
    if (now - lastScan >= RESCAN_MILLIS) {
      discover();
      lastScan = now;
    }
    for (FileFollower f : files.values()) {
      try {
        f.poll(MAX_BYTES_PER_POLL);
      } catch (IOException | RuntimeException e) {
        problem(f.name(), "cannot read " + f.path() + ": " + e.getMessage());
      }
    }
    if (journal != null) {
      try {
        journal.poll(MAX_BYTES_PER_POLL);
      } catch (IOException | RuntimeException e) {
        problem("journal", "cannot read journalctl: " + e.getMessage());
      }
    }
    started = true;
  }

  /** Sources present at the first poll are read from their end; those appearing later from the start. */
  private void discover() {
    if (!files.containsKey("auth") && journal == null) {
      Path auth = firstFile("var/log/auth.log", "var/log/secure");
      if (auth != null) {
        add("auth", auth, "sshd-syslog");
      } else if (journalctl != null) {
        LineFormat f = (LineFormat) formats.byName("journald").orElseThrow();
        journal = new JournalFollower(journalctl, f, sink("journal"), saved.get("journal"));
      }
    }
    if (!files.containsKey("audit")) {
      Path audit = firstFile("var/log/audit/audit.log");
      if (audit != null) {
        add("audit", audit, "auditd");
      }
    }
  }

  private void add(String name, Path path, String format) {
    LineFormat f = (LineFormat) formats.byName(format).orElseThrow();
    files.put(name, new FileFollower(name, path, f, zone, sink(name), saved.get(name), !started));
  }

  private Path firstFile(String... rel) {
    for (String r : rel) {
      Path p = root.resolve(r);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  private EventSink sink(String source) {
    return new EventSink() {
      @Override
      public void event(Event e) {
        eventCounts.merge(source, 1L, Long::sum);
        if (e.hasTime() && Math.abs(e.timestampMillis() - clock.getAsLong()) > SKEW_WARN_MILLIS
            && skewWarned.putIfAbsent(source, true) == null) {
          problem(source, String.format(Locale.ROOT, "event times are %.1f h off the clock (wrong --timezone?);"
              + " correlations may refuse them as late", (e.timestampMillis() - clock.getAsLong()) / 3.6e6));
        }
        events.accept(e);
      }

      @Override
      public void malformed(long line, String reason, String excerpt) {
        long n = malformed.merge(source, 1L, Long::sum);
        if (n <= SHOWN_MALFORMED) {
          problem(source, "line " + line + ": " + reason + ": " + Sanitize.forTerminal(excerpt, 120));
        }
      }
    };
  }

  private void problem(String source, String message) {
    err.println("minewarden agent: " + source + ": " + Sanitize.forTerminal(message, 400));
    err.flush();
  }

  /** Malformed lines per source so far. */
  public Map<String, Long> malformed() {
    return Map.copyOf(malformed);
  }

  /** Events parsed per source so far. */
  public Map<String, Long> events() {
    return Map.copyOf(eventCounts);
  }

  /** Where each source stands now. */
  public Map<String, LogPosition> positions() {
    Map<String, LogPosition> out = new TreeMap<>(saved);
    files.forEach((n, f) -> {
      LogPosition p = f.position();
      if (p != null) {
        out.put(n, p);
      }
    });
    if (journal != null) {
      out.put("journal", journal.position());
    }
    return out;
  }

  /** Writes the positions to the state folder when they moved (atomically: a crash keeps the old file). */
  public void save() throws IOException {
    if (stateDir == null) {
      return;
    }
    Map<String, LogPosition> now = positions();
    if (now.equals(lastSaved)) {
      return;
    }
    Files.createDirectories(stateDir);
    Path tmp = stateDir.resolve(STATE_FILE + ".tmp");
    Files.write(tmp, JSON.writeValueAsBytes(now));
    try {
      Files.move(tmp, stateDir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, stateDir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING);
    }
    lastSaved = now;
  }

  private static Map<String, LogPosition> load(Path dir) {
    if (dir == null || !Files.isRegularFile(dir.resolve(STATE_FILE))) {
      return new HashMap<>();
    }
    try {
      String text = Files.readString(dir.resolve(STATE_FILE), StandardCharsets.UTF_8);
      return new HashMap<>(JSON.readValue(text, new TypeReference<Map<String, LogPosition>>() { }));
    } catch (IOException | RuntimeException e) {
      // A corrupt file is no reason to stop: the logs are read from their end, as on a first run.
      return new HashMap<>();
    }
  }

  /** Emits what the parsers still assemble and stops journalctl. */
  @Override
  public void close() {
    files.values().forEach(FileFollower::finish);
    if (journal != null) {
      journal.close();
    }
  }
}
