package dev.minewarden.cli.host;

import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LineFormat;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.SourceContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Follows sshd's entries in the systemd journal through {@code journalctl -o json -f}, for hosts
 * without an auth log file. The command is a fixed argument list (no shell); the only value taken
 * from outside is the saved cursor, and only when it is made of the characters journald writes in
 * cursors. Reads without blocking: {@link #poll} takes what the pipe holds. The cursor of the last
 * entry read is kept, so a restart continues after it. When journalctl exits it is started again,
 * at most once every {@value #RESTART_MILLIS} ms. Not thread-safe.
 */
final class JournalFollower implements AutoCloseable {
  static final long RESTART_MILLIS = 30_000;
  private static final String CURSOR_KEY = "\"__CURSOR\":\"";
  /** sshd's syslog identifiers: the daemon, and the per-session processes of OpenSSH 9.8+. */
  private static final List<String> IDENTIFIERS = List.of("sshd", "sshd-session", "sshd-auth");

  private final Path journalctl;
  private final EventSink sink;
  private final LineParser parser;
  private final LineSplitter splitter = new LineSplitter();
  private final byte[] bytes = new byte[64 << 10];
  private Process process;
  private InputStream stdout;
  private String cursor;
  private long line;
  private long offset;
  private long lastStart = Long.MIN_VALUE / 2;

  /**
   * @param journalctl the journalctl executable
   * @param format the journald JSON format
   * @param sink where events and malformed entries go
   * @param resume where a previous run stopped, or {@code null} to start with new entries
   */
  JournalFollower(Path journalctl, LineFormat format, EventSink sink, LogPosition resume) {
    this.journalctl = journalctl;
    this.sink = sink;
    this.parser = format.lineParser(new SourceContext("journal", System.currentTimeMillis(), 0, ZoneOffset.UTC));
    this.cursor = resume == null || !isCursor(resume.cursor()) ? null : resume.cursor();
  }

  /** Where to resume: the cursor of the last entry read. */
  LogPosition position() {
    return new LogPosition(null, 0, line, cursor);
  }

  /** The command line journalctl is started with. */
  List<String> command() {
    List<String> cmd = new ArrayList<>(List.of(journalctl.toString(), "-o", "json", "-f", "--no-pager", "-q"));
    for (String id : IDENTIFIERS) {
      cmd.add("-t");
      cmd.add(id);
    }
    if (cursor != null) {
      cmd.add("--after-cursor=" + cursor);
    } else {
      cmd.add("-n");
      cmd.add("0");
    }
    return cmd;
  }

  /**
   * Reads what journalctl printed since the last poll, at most about {@code maxBytes}; starts it
   * when it is not running.
   *
   * @return the number of bytes read
   */
  long poll(long maxBytes) throws IOException {
    if (process == null || !process.isAlive()) {
      long now = System.currentTimeMillis();
      if (process != null) {
        drainExited();
      }
      if (now - lastStart < RESTART_MILLIS) {
        return 0;
      }
      lastStart = now;
      start();
    }
    long total = 0;
    int avail;
    while (total < maxBytes && (avail = stdout.available()) > 0) {
      int n = stdout.read(bytes, 0, Math.min(avail, bytes.length));
      if (n <= 0) {
        break;
      }
      splitter.feed(bytes, n, offset, this::line);
      offset += n;
      total += n;
    }
    return total;
  }

  private void start() throws IOException {
    splitter.reset();
    process = new ProcessBuilder(command()).redirectErrorStream(false)
        .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    stdout = process.getInputStream();
  }

  /** Reads what an exited journalctl left in the pipe. */
  private void drainExited() throws IOException {
    int n;
    while ((n = stdout.read(bytes)) > 0) {
      splitter.feed(bytes, n, offset, this::line);
      offset += n;
    }
    splitter.flush(offset, this::line);
    stdout.close();
    process = null;
  }

  private void line(String text, boolean tooLong, long endOffset) {
    line++;
    if (tooLong) {
      sink.malformed(line, "entry longer than " + LineFormat.MAX_LINE_CHARS + " bytes", text);
      return;
    }
    try {
      parser.line(text, line, sink);
    } catch (RuntimeException e) {
      sink.malformed(line, "parser error: " + e, text);
    }
    String c = cursorOf(text);
    if (c != null) {
      cursor = c;
    }
  }

  /** The {@code __CURSOR} value of a JSON entry, or null when absent or not cursor-shaped. */
  static String cursorOf(String json) {
    int i = json.indexOf(CURSOR_KEY);
    if (i < 0) {
      return null;
    }
    int start = i + CURSOR_KEY.length();
    int end = json.indexOf('"', start);
    String c = end < 0 ? null : json.substring(start, end);
    return isCursor(c) ? c : null;
  }

  /** Whether text looks like a journald cursor: {@code s=...;i=...}, letters, digits, {@code =;-_}. */
  static boolean isCursor(String c) {
    if (c == null || c.isEmpty() || c.length() > 512 || !c.startsWith("s=")) {
      return false;
    }
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
          || ch == '=' || ch == ';' || ch == '-' || ch == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }
}
