package dev.minewarden.cli.hunt;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, redrawn a few times a second with a carriage return: bytes
 * read of the total, events, alerts. Only shown when asked or when stderr is a terminal.
 */
public final class Progress implements AutoCloseable {
  private final PrintStream err;
  private final long totalBytes;
  private final LongSupplier bytes;
  private final LongSupplier events;
  private final LongSupplier alerts;
  private final long started = System.nanoTime();
  private final ScheduledExecutorService timer;

  /** Starts drawing; {@link #close()} clears the line. */
  public Progress(PrintStream err, long totalBytes, LongSupplier bytes, LongSupplier events,
      LongSupplier alerts) {
    this.err = err;
    this.totalBytes = totalBytes;
    this.bytes = bytes;
    this.events = events;
    this.alerts = alerts;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "minewarden-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::draw, 250, 250, TimeUnit.MILLISECONDS);
  }

  private void draw() {
    long b = bytes.getAsLong();
    double secs = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    String bar = "";
    if (totalBytes > 0) {
      int width = 24;
      int filled = (int) Math.min(width, width * b / totalBytes);
      bar = "[" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
          + String.format(Locale.ROOT, "%3d%% ", Math.min(100, 100 * b / totalBytes));
    }
    err.printf(Locale.ROOT, "\r%s%s read, %,d events (%,.0f/s), %,d alerts   ",
        bar, human(b), events.getAsLong(), events.getAsLong() / secs, alerts.getAsLong());
    err.flush();
  }

  /** Formats a byte count for people: 1.2 MB. */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    err.print("\r" + " ".repeat(90) + "\r");
    err.flush();
  }
}
