package dev.minewarden.cli.hunt;

import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.CountingInputStream;
import dev.minewarden.ingest.Decompression;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.FilePieces;
import dev.minewarden.ingest.Formats;
import dev.minewarden.ingest.InputFile;
import dev.minewarden.ingest.LogFormat;
import dev.minewarden.ingest.SourceContext;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads a hunt's inputs in parallel, one file per worker, and hands every parsed event to the
 * consumer on the worker's thread (so the consumer must be thread-safe). Formats are recognised
 * from content; compressed files are read transparently. Nothing stops the run: unreadable files
 * and malformed records are counted in {@link HuntStats}.
 */
public final class Hunt {
  /** How much of a file's head is shown to the format sniffers. */
  static final int SNIFF_BYTES = 64 * 1024;

  private final Formats formats;
  private final LogFormat forced;
  private final int year;
  private final ZoneId zone;
  private final int threads;
  private final HuntStats stats;
  private final Predicate<LogFormat> wanted;

  /**
   * @param formats the formats to recognise
   * @param forced the format to use for every file, or {@code null} to detect per file
   * @param year the year for year-less timestamps, 0 to infer it per file
   * @param zone the zone of zone-less timestamps
   * @param threads how many files are read at once (at least 1)
   * @param stats where counts and problems go
   */
  public Hunt(
      Formats formats, LogFormat forced, int year, ZoneId zone, int threads, HuntStats stats) {
    this(formats, forced, year, zone, threads, stats, f -> true);
  }

  private Hunt(Formats formats, LogFormat forced, int year, ZoneId zone, int threads,
      HuntStats stats, Predicate<LogFormat> wanted) {
    this.formats = formats;
    this.forced = forced;
    this.year = year;
    this.zone = zone;
    this.threads = Math.max(1, threads);
    this.stats = stats;
    this.wanted = wanted;
  }

  /**
   * This hunt reading only the files whose format passes {@code wanted}; the others are sniffed
   * and closed without being parsed or reported.
   */
  public Hunt onlyFormats(Predicate<LogFormat> wanted) {
    return new Hunt(formats, forced, year, zone, threads, stats, wanted);
  }

  /**
   * Reads every input, returning when all are done. When the consumer is an engine session and
   * there is one input of a format that can be cut into pieces ({@link LogFormat#pieces}), that
   * file is read by {@code threads} workers ({@link ChunkedLines}).
   */
  public void run(List<InputFile> inputs, Consumer<Event> consumer) throws InterruptedException {
    if (threads > 1 && inputs.size() == 1 && consumer instanceof DetectionEngine.Session s) {
      ExecutorService pool = pool(threads);
      try {
        read(inputs.get(0), s, new ChunkedLines(pool, 2 * threads));
      } finally {
        pool.shutdownNow();
      }
      return;
    }
    if (threads == 1 || inputs.size() <= 1) {
      inputs.forEach(f -> read(f, consumer));
      return;
    }
    ExecutorService pool = pool(Math.min(threads, inputs.size()));
    try {
      List<Future<?>> futures =
          inputs.stream().<Future<?>>map(f -> pool.submit(() -> read(f, consumer))).toList();
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a hunt worker failed", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ExecutorService pool(int n) {
    return Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "minewarden-hunt");
      t.setDaemon(true);
      return t;
    });
  }

  /** Reads one input; never throws for a bad file. */
  void read(InputFile file, Consumer<Event> consumer) {
    read(file, consumer, null);
  }

  /** Reads one input, in pieces when {@code chunks} is given and the format allows. */
  private void read(InputFile file, Consumer<Event> consumer, ChunkedLines chunks) {
    stats.fileRead();
    try (InputStream raw = new CountingInputStream(file.openRaw(), stats.bytesCounter())) {
      BufferedInputStream in = Decompression.open(raw);
      byte[] head = Decompression.peek(in, SNIFF_BYTES);
      Optional<LogFormat> format =
          forced != null ? Optional.of(forced) : formats.detect(head, head.length);
      if (format.isEmpty()) {
        if (head.length > 0) {
          stats.failed(file.display(), "format not recognised (use --input-format to say which)");
        }
        return;
      }
      if (!wanted.test(format.get())) {
        return;
      }
      SourceContext ctx = new SourceContext(file.display(), file.modifiedMillis(), year, zone);
      FilePieces pieces = format.get().pieces();
      if (chunks != null && pieces != null) {
        DetectionEngine.Session session = (DetectionEngine.Session) consumer;
        LogFormat f = format.get();
        chunks.read(in, pieces, ctx, session, batch -> sink(file, f, batch),
            sink(file, f, consumer),
            problem -> stats.failed(file.display(), problem));
        return;
      }
      format.get().parse(in, ctx, sink(file, format.get(), consumer));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stats.failed(file.display(), "interrupted");
    } catch (EOFException e) {
      stats.failed(file.display(), "unexpected end of input (truncated compressed file?)");
    } catch (IOException | UncheckedIOException e) {
      stats.failed(file.display(), String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      // A parser bug must not end the hunt: report it against the file and go on.
      stats.failed(file.display(), "parser error: " + e);
    }
  }

  private EventSink sink(InputFile file, LogFormat format, Consumer<Event> consumer) {
    LongAdder events = stats.eventsCounter(format.name());
    return new EventSink() {
      @Override
      public void event(Event event) {
        events.increment();
        consumer.accept(event);
      }

      @Override
      public void malformed(long line, String reason, String excerpt) {
        stats.malformed(file.display(), line, reason, excerpt);
      }
    };
  }
}
