package dev.minewarden.ingest.auditd;

import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.LineFormat;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.SourceContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Linux audit logs ({@code /var/log/audit/audit.log}), raw or enriched ({@code log_format =
 * ENRICHED}). Records sharing {@code msg=audit(seconds.millis:serial)} (and {@code node=}) form one
 * group, emitted when it is complete: at its {@code EOE} or {@code PROCTITLE} record, at once for
 * user-space single-record types ({@code USER_*}, {@code CRED_*}, {@code SERVICE_*}...), when it is
 * more than {@value #GROUP_TIMEOUT_MILLIS} ms older than the record just read, when more than
 * {@value #MAX_OPEN_GROUPS} groups are open (the oldest goes), or at the end of the file. Groups
 * of different serials may interleave.
 *
 * <p>What a group becomes:
 *
 * <ul>
 *   <li>a successful {@code execve}/{@code execveat} (or any group with an {@code EXECVE} record):
 *       one {@code product: linux, category: process_creation, service: auditd} event with the
 *       Sigma fields ({@code Image}, {@code CommandLine}, {@code ProcessId}, {@code
 *       ParentProcessId}, {@code ParentImage} when the parent's exec was seen, {@code User},
 *       {@code LogonId}, {@code CurrentDirectory}, {@code OriginalFileName}), {@code type} {@code
 *       EXECVE}, the SYSCALL fields (its pointer arguments as {@code SYSCALL.a0}..), the decoded
 *       arguments {@code a0..aN} and {@code argc}, {@code cwd}, {@code proctitle}, and the PATH
 *       {@code name}/{@code nametype} (a list when there are several);
 *   <li>every record other than EXECVE and EOE: one {@code product: linux, service: auditd} event
 *       with {@code type}, {@code msg} and its own fields, decoded, plus the SYSCALL context it
 *       lacks ({@code exe}, {@code comm}, {@code pid}, {@code key}, {@code SYSCALL}...). The
 *       SYSCALL record's event of a file write also has category {@code file_event} and {@code
 *       TargetFilename}; of a {@code connect} with an inet SOCKADDR, category {@code
 *       network_connection} and {@code DestinationIp}/{@code DestinationPort}.
 * </ul>
 *
 * <p>So each Sigma auditd rule, written against single records, meets the record it tests exactly
 * once: {@code type: EXECVE} rules the process event, {@code type: SYSCALL}/{@code PATH} rules the
 * record events. Stateless and thread-safe; state lives in the per-file parser.
 */
public final class AuditdFormat extends LineFormat {
  /** Groups still open at once before the oldest is emitted. */
  static final int MAX_OPEN_GROUPS = 64;
  /** Event-time age after which an open group counts as complete. */
  static final long GROUP_TIMEOUT_MILLIS = 2000;
  /** Records kept per group; more are reported and dropped. */
  static final int MAX_RECORDS_PER_GROUP = 1000;
  /** Characters held across all open groups before the oldest are emitted early: 16 Mi. */
  static final long MAX_HELD_CHARS = 16L << 20;

  private static final Set<String> STANDALONE = Set.of("LOGIN", "ANOM_ABEND", "ADD_USER", "DEL_USER",
      "ADD_GROUP", "DEL_GROUP", "SERVICE_START", "SERVICE_STOP", "SYSTEM_BOOT", "SYSTEM_SHUTDOWN",
      "SYSTEM_RUNLEVEL", "DAEMON_START", "DAEMON_END", "DAEMON_ABORT", "DAEMON_CONFIG");

  @Override
  public String name() {
    return "auditd";
  }

  /** False: audit records (syscalls, executions, logins) hold no DNS answers. */
  @Override
  public boolean mayCarryDnsAnswers() {
    return false;
  }

  /** True when a line of the head starts with {@code type=} or {@code node=} and has {@code msg=audit(}. */
  @Override
  public boolean sniff(byte[] head, int length) {
    String text = new String(head, 0, Math.min(length, head.length), StandardCharsets.UTF_8);
    int start = 0;
    for (int n = 0; n < 100 && start < text.length(); n++) {
      int end = text.indexOf('\n', start);
      String line = text.substring(start, end < 0 ? text.length() : end);
      if ((line.startsWith("type=") || line.startsWith("node=")) && line.contains(" msg=audit(")) {
        return true;
      }
      if (end < 0) {
        break;
      }
      start = end + 1;
    }
    return false;
  }

  @Override
  protected LineParser newParser(SourceContext context) {
    return new Parser(new AuditEvents(context.path()));
  }

  /** Assembles groups for one file. */
  private static final class Parser implements LineParser {
    private final AuditRecordParser records = new AuditRecordParser();
    private final AuditEvents events;
    private final Map<String, OpenGroup> open = new LinkedHashMap<>();
    private long heldChars;

    Parser(AuditEvents events) {
      this.events = events;
    }

    @Override
    public void line(String line, long lineNumber, EventSink sink) {
      if (line.isBlank()) {
        return;
      }
      AuditRecord r = records.parse(line, lineNumber);
      if (r == null) {
        sink.malformed(lineNumber, records.failure, line);
        return;
      }
      String key = r.groupKey();
      OpenGroup g = open.get(key);
      if ("EOE".equals(r.type)) {
        if (g != null) {
          close(key, sink);
        }
        return;
      }
      if (g == null) {
        g = new OpenGroup(r.epochMillis);
        open.put(key, g);
      }
      if (g.records.size() >= MAX_RECORDS_PER_GROUP) {
        sink.malformed(lineNumber, "more than " + MAX_RECORDS_PER_GROUP + " records in one event", line);
        return;
      }
      g.records.add(r);
      heldChars += r.chars;
      if ("PROCTITLE".equals(r.type) || isStandalone(r.type)) {
        close(key, sink);
      }
      evict(r.epochMillis, sink);
    }

    @Override
    public void end(EventSink sink) {
      while (!open.isEmpty()) {
        close(open.keySet().iterator().next(), sink);
      }
    }

    private static boolean isStandalone(String type) {
      return type.startsWith("USER_") || type.startsWith("CRED_") || STANDALONE.contains(type);
    }

    /** Emits the oldest groups while there are too many, they hold too much, or they timed out. */
    private void evict(long now, EventSink sink) {
      Iterator<Map.Entry<String, OpenGroup>> it = open.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, OpenGroup> eldest = it.next();
        boolean old = eldest.getValue().firstMillis + GROUP_TIMEOUT_MILLIS < now;
        if (!old && open.size() <= MAX_OPEN_GROUPS && heldChars <= MAX_HELD_CHARS) {
          return;
        }
        it.remove();
        emit(eldest.getValue(), sink);
        it = open.entrySet().iterator();
      }
    }

    private void close(String key, EventSink sink) {
      OpenGroup g = open.remove(key);
      if (g != null) {
        emit(g, sink);
      }
    }

    private void emit(OpenGroup g, EventSink sink) {
      for (AuditRecord r : g.records) {
        heldChars -= r.chars;
      }
      events.emit(g.records, sink);
    }
  }

  /** A group still being assembled. */
  private static final class OpenGroup {
    final long firstMillis;
    final List<AuditRecord> records = new ArrayList<>();

    OpenGroup(long firstMillis) {
      this.firstMillis = firstMillis;
    }
  }
}
