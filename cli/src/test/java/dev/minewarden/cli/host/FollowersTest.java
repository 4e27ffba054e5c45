package dev.minewarden.cli.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.Formats;
import dev.minewarden.ingest.LineFormat;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.SourceContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following files and the journal: partial lines, rotation, truncation, long lines, cursors. */
class FollowersTest {
  @TempDir Path dir;
  private final List<String> lines = new ArrayList<>();
  private final List<String> malformed = new ArrayList<>();

  /** A format whose parser records each line with its number. */
  private final LineFormat recording = new LineFormat() {
    @Override
    public String name() {
      return "recording";
    }

    @Override
    public boolean sniff(byte[] head, int length) {
      return false;
    }

    @Override
    protected LineParser newParser(SourceContext context) {
      return (line, number, sink) -> lines.add(number + ":" + line);
    }
  };

  private final EventSink sink = new EventSink() {
    @Override
    public void event(Event event) {}

    @Override
    public void malformed(long line, String reason, String excerpt) {
      malformed.add(line + ":" + reason);
    }
  };

  private FileFollower follower(Path file, LogPosition resume) {
    return new FileFollower("test", file, recording, ZoneOffset.UTC, sink, resume, false);
  }

  private static void append(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void poll_partialLineWaitsForItsNewline() throws Exception {
    Path log = dir.resolve("a.log");
    append(log, "one\r\ntw");
    FileFollower f = follower(log, null);

    f.poll(1 << 20);
    assertThat(lines).containsExactly("1:one");
    assertThat(f.position().offset()).isEqualTo(5);

    append(log, "o\n");
    f.poll(1 << 20);
    assertThat(lines).containsExactly("1:one", "2:two");
    assertThat(f.position().offset()).isEqualTo(9);
    assertThat(f.position().line()).isEqualTo(2);
  }

  @Test
  void poll_rotationReadsTheOldFileToItsEndThenTheNew() throws Exception {
    Path log = dir.resolve("auth.log");
    append(log, "a\n");
    FileFollower f = follower(log, null);
    f.poll(1 << 20);
    Files.move(log, dir.resolve("auth.log.1"));
    append(dir.resolve("auth.log.1"), "b\n");
    append(log, "c\n");

    f.poll(1 << 20);
    f.poll(1 << 20);

    assertThat(lines).containsExactly("1:a", "2:b", "1:c");
  }

  @Test
  void poll_truncatedFileIsReadFromItsStart() throws Exception {
    Path log = dir.resolve("audit.log");
    append(log, "first line\nsecond line\n");
    FileFollower f = follower(log, null);
    f.poll(1 << 20);
    Files.writeString(log, "x\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);

    f.poll(1 << 20);

    assertThat(lines).containsExactly("1:first line", "2:second line", "1:x");
  }

  @Test
  void poll_resumesAtSavedOffsetOfTheSameFileOnly() throws Exception {
    Path log = dir.resolve("a.log");
    append(log, "one\ntwo\nthree\n");
    FileFollower first = follower(log, null);
    first.poll(4);
    LogPosition saved = first.position();
    first.finish();
    assertThat(lines).containsExactly("1:one");

    lines.clear();
    follower(log, saved).poll(1 << 20);
    assertThat(lines).containsExactly("2:two", "3:three");

    lines.clear();
    follower(log, new LogPosition("(dev=1,ino=1)", 8, 2, null)).poll(1 << 20);
    assertThat(lines).as("another file: from its start").containsExactly("1:one", "2:two", "3:three");
  }

  @Test
  void poll_overlongLineIsReportedAndSkippedWithBoundedMemory() throws Exception {
    Path log = dir.resolve("a.log");
    append(log, "x".repeat(LineFormat.MAX_LINE_CHARS + 10) + "\nnext\n");
    FileFollower f = follower(log, null);

    f.poll(Long.MAX_VALUE);

    assertThat(malformed).containsExactly("1:line longer than " + LineFormat.MAX_LINE_CHARS + " bytes");
    assertThat(lines).containsExactly("2:next");
  }

  @Test
  void fromEnd_skipsHistoryOnFirstStart() throws Exception {
    Path log = dir.resolve("a.log");
    append(log, "old\n");
    FileFollower f = new FileFollower("test", log, recording, ZoneOffset.UTC, sink, null, true);
    f.poll(1 << 20);
    append(log, "new\n");
    f.poll(1 << 20);

    assertThat(lines).containsExactly("1:new");
  }

  @Test
  void journal_runsFixedArgumentsResumesAfterCursorAndParsesSshd() throws Exception {
    Path args = dir.resolve("args.txt");
    Path fake = dir.resolve("journalctl");
    String entry = "{\"__CURSOR\":\"s=abc;i=2a\",\"__REALTIME_TIMESTAMP\":\"1700000000000000\","
        + "\"_HOSTNAME\":\"web-1\",\"SYSLOG_IDENTIFIER\":\"sshd\",\"_PID\":\"77\","
        + "\"MESSAGE\":\"Failed password for root from 203.0.113.9 port 4242 ssh2\"}";
    Files.writeString(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + args + "'\n"
        + "printf '%s\\n' 'not json' '" + entry + "'\nexec sleep 30\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    List<Event> events = new ArrayList<>();
    LineFormat journald = (LineFormat) Formats.builtin().byName("journald").orElseThrow();
    EventSink collect = new EventSink() {
      @Override
      public void event(Event e) {
        events.add(e);
      }

      @Override
      public void malformed(long line, String reason, String excerpt) {
        malformed.add(line + ":" + reason);
      }
    };

    try (JournalFollower j = new JournalFollower(fake, journald, collect,
        new LogPosition(null, 0, 0, "s=old;i=1"))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (events.isEmpty() && System.nanoTime() < deadline) {
        j.poll(1 << 20);
        TimeUnit.MILLISECONDS.sleep(20);
      }
      assertThat(events).hasSize(1);
      assertThat(events.get(0).get("SourceIp")).isEqualTo("203.0.113.9");
      assertThat(events.get(0).host()).isEqualTo("web-1");
      assertThat(malformed).hasSize(1);
      assertThat(j.position().cursor()).isEqualTo("s=abc;i=2a");
    }
    assertThat(Files.readAllLines(args)).containsExactly("-o", "json", "-f", "--no-pager", "-q",
        "-t", "sshd", "-t", "sshd-session", "-t", "sshd-auth", "--after-cursor=s=old;i=1");
  }

  @Test
  void journal_cursorFromInputMustLookLikeOne() {
    assertThat(JournalFollower.isCursor("s=0f1e;i=3b2;b=9a;m=1c;t=5f;x=77")).isTrue();
    assertThat(JournalFollower.isCursor("s=x --since=yesterday")).isFalse();
    assertThat(JournalFollower.isCursor("-s=x")).isFalse();
    assertThat(JournalFollower.cursorOf("{\"__CURSOR\":\"s=1;i=2\",\"a\":1}")).isEqualTo("s=1;i=2");
    assertThat(JournalFollower.cursorOf("{\"__CURSOR\":\"s=1 `rm`\"}")).isNull();
  }

  @Test
  void logFollowers_corruptStateStartsFresh() throws Exception {
    Path state = dir.resolve("state");
    Files.createDirectories(state);
    Files.writeString(state.resolve(LogFollowers.STATE_FILE), "{not json", StandardCharsets.UTF_8);
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("var/log"));
    append(root.resolve("var/log/secure"), "old\n");
    List<Event> events = new ArrayList<>();
    StringWriter err = new StringWriter();

    try (LogFollowers logs = new LogFollowers(root, state, null, ZoneOffset.UTC, events::add, new PrintWriter(err))) {
      logs.poll();
      append(root.resolve("var/log/secure"), "Nov 27 10:00:00 h sshd[1]: Failed password for root from 203.0.113.9 port 1 ssh2\n");
      logs.poll();
      logs.save();
      assertThat(logs.describe()).containsExactly("auth " + root.resolve("var/log/secure"));
    }
    assertThat(events).hasSize(1);
    assertThat(Files.readString(state.resolve(LogFollowers.STATE_FILE))).contains("\"auth\"");
  }
}
