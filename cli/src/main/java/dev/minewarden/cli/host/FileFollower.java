package dev.minewarden.cli.host;

import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LineFormat;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.SourceContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Follows one growing log file ({@code tail -F}): each {@link #poll} reads what was appended and
 * hands every complete line to the format's parser, which keeps its state between polls (an
 * auditd event being assembled). Rotation is seen by the file's inode: the old file is read to
 * its end, then the new one from its start. A file that shrank was truncated and is read again
 * from its start. The {@link #position()} only moves past complete lines, so a restart from it
 * neither skips nor repeats a line. Not thread-safe.
 */
final class FileFollower implements AutoCloseable {
  private static final int CHUNK = 64 << 10;

  private final String name;
  private final Path path;
  private final LineFormat format;
  private final ZoneId zone;
  private final EventSink sink;
  private final LineSplitter splitter = new LineSplitter();
  private final byte[] bytes = new byte[CHUNK];
  private final ByteBuffer buffer = ByteBuffer.wrap(bytes);

  private FileChannel channel;
  private String openKey;
  private long readPos;
  private long committed;
  private long line;
  private LineParser parser;
  private LogPosition resume;

  /**
   * @param name the source's name in the state and messages ({@code auth}, {@code audit})
   * @param path the file to follow
   * @param format the format of its lines
   * @param zone the zone of timestamps that carry none
   * @param sink where events and malformed lines go
   * @param resume where a previous run stopped, or {@code null}
   * @param fromEnd without {@code resume}: start at the file's current end (true) or its start
   */
  FileFollower(String name, Path path, LineFormat format, ZoneId zone, EventSink sink,
      LogPosition resume, boolean fromEnd) {
    this.name = name;
    this.path = path;
    this.format = format;
    this.zone = zone;
    this.sink = sink;
    this.resume = resume != null ? resume : fromEnd ? endOf(path) : null;
  }

  /** The source's name. */
  String name() {
    return name;
  }

  /** The followed path. */
  Path path() {
    return path;
  }

  /** Where to resume after the lines read so far ({@code null} before the file was first opened). */
  LogPosition position() {
    return openKey == null ? resume : new LogPosition(openKey, committed, line, null);
  }

  /**
   * Reads what was appended since the last poll, at most {@code maxBytes}.
   *
   * @return the number of bytes read
   * @throws IOException when the file exists but cannot be read
   */
  long poll(long maxBytes) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      // Rotated away and not yet recreated: finish the old file if it is still open.
      return channel == null ? 0 : drainOld(maxBytes);
    }
    String key = Objects.toString(a.fileKey(), null);
    if (channel == null) {
      open(key, a.size());
    } else if (key != null && !key.equals(openKey)) {
      long n = drainOld(maxBytes);
      if (channel != null) {
        return n;
      }
      open(key, a.size());
    } else if (a.size() < readPos) {
      // Truncated in place (copytruncate): what was there is gone; read it anew from the start.
      endParser();
      seek(0, 0);
    }
    return read(maxBytes);
  }

  private void open(String key, long size) throws IOException {
    channel = FileChannel.open(path, StandardOpenOption.READ);
    openKey = key;
    parser = format.lineParser(new SourceContext(path.toString(), System.currentTimeMillis(), 0, zone));
    LogPosition r = resume;
    resume = null;
    if (r != null && key != null && key.equals(r.fileKey()) && r.offset() <= size) {
      seek(r.offset(), r.line());
    } else {
      seek(0, 0);
    }
  }

  private void seek(long offset, long lineNumber) {
    readPos = offset;
    committed = offset;
    line = lineNumber;
    splitter.reset();
  }

  /** Reads the rotated file to its end, then closes it; returns the bytes read. */
  private long drainOld(long maxBytes) throws IOException {
    long n = read(maxBytes);
    if (readPos >= channel.size()) {
      splitter.flush(readPos, this::line);
      endParser();
      close();
    }
    return n;
  }

  private long read(long maxBytes) throws IOException {
    long total = 0;
    while (total < maxBytes) {
      buffer.clear();
      buffer.limit((int) Math.min(bytes.length, maxBytes - total));
      int n = channel.read(buffer, readPos);
      if (n <= 0) {
        break;
      }
      splitter.feed(bytes, n, readPos, this::line);
      readPos += n;
      total += n;
    }
    return total;
  }

  private void line(String text, boolean tooLong, long endOffset) {
    line++;
    committed = endOffset;
    if (tooLong) {
      sink.malformed(line, "line longer than " + LineFormat.MAX_LINE_CHARS + " bytes", text);
      return;
    }
    try {
      parser.line(text, line, sink);
    } catch (RuntimeException e) {
      // A parser bug must not stop the agent: the line is reported and skipped.
      sink.malformed(line, "parser error: " + e, text);
    }
  }

  private void endParser() {
    if (parser != null) {
      try {
        parser.end(sink);
      } catch (RuntimeException e) {
        sink.malformed(line, "parser error: " + e, "");
      }
    }
  }

  /** Ends the parser (emitting what it still assembles) and closes the file. */
  void finish() {
    endParser();
    parser = null;
    close();
  }

  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing to do: the descriptor is gone either way.
      }
      channel = null;
    }
  }

  private static LogPosition endOf(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      return new LogPosition(Objects.toString(a.fileKey(), null), a.size(), 0, null);
    } catch (IOException e) {
      return null;
    }
  }
}
