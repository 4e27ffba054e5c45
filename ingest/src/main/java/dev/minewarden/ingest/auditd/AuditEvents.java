package dev.minewarden.ingest.auditd;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.EventSink;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns one record group (the records sharing {@code msg=audit(ts:serial)}) into events; see
 * {@link AuditdFormat} for the event shapes. Keeps a bounded pid → image map so that process
 * creations get their {@code ParentImage} when the parent's exec was seen earlier in the file.
 * One per file; not thread-safe.
 */
final class AuditEvents {
  static final LogSource PROCESS_CREATION = LogSource.exact("linux", "process_creation", "auditd");
  static final LogSource RECORD = LogSource.exact("linux", null, "auditd");
  static final LogSource FILE_EVENT = LogSource.exact("linux", "file_event", "auditd");
  static final LogSource NETWORK_CONNECTION =
      LogSource.exact("linux", "network_connection", "auditd");

  private static final int MAX_TRACKED_PROCESSES = 4096;
  private static final Set<String> SYSCALL_ARGS = Set.of("a0", "a1", "a2", "a3");
  /** SYSCALL fields copied onto the other records of the group when they lack them. */
  private static final List<String> CONTEXT = List.of("syscall", "SYSCALL", "success", "pid", "ppid",
      "auid", "uid", "euid", "comm", "exe", "key", "AUID", "UID");
  private static final int O_WRITE_FLAGS = 0x1 | 0x2 | 0x40 | 0x200 | 0x400;

  private final String path;
  private final Map<Long, String[]> processes = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, String[]> eldest) {
      return size() > MAX_TRACKED_PROCESSES;
    }
  };

  AuditEvents(String path) {
    this.path = path;
  }

  /** Emits the events of one complete group (records in file order, at least one). */
  void emit(List<AuditRecord> records, EventSink sink) {
    Group g = new Group(records);
    boolean exec = !g.execves.isEmpty() || "execve".equals(g.syscallName) || "execveat".equals(g.syscallName);
    if (exec && (g.syscall == null || !"no".equals(g.syscall.value("success")))) {
      sink.event(processCreation(g));
    }
    for (AuditRecord r : records) {
      if (!"EXECVE".equals(r.type) && !"EOE".equals(r.type)) {
        sink.event(record(g, r));
      }
    }
  }

  private Event processCreation(Group g) {
    AuditRecord first = g.records.get(0);
    int fields = 16; // the derived fields: Image, CommandLine, ProcessId, User...
    for (AuditRecord r : g.records) {
      fields += r.fields.size();
    }
    Event.Builder b = start(PROCESS_CREATION, first, fields);
    String image = g.syscall != null ? g.syscall.value("exe") : null;
    if (image == null && !g.paths.isEmpty()) {
      image = g.paths.get(0).value("name");
    }
    List<String> args = arguments(g.execves);
    String commandLine = !args.isEmpty() ? String.join(" ", args) : g.value("PROCTITLE", "proctitle");
    Long pid = g.syscall == null ? null : number(g.syscall.value("pid"));
    Long ppid = g.syscall == null ? null : number(g.syscall.value("ppid"));
    b.fieldIfPresent("Image", image);
    b.fieldIfPresent("CommandLine", commandLine);
    b.fieldIfPresent("OriginalFileName", image == null ? null : image.substring(image.lastIndexOf('/') + 1));
    b.fieldIfPresent("ProcessId", pid);
    b.fieldIfPresent("ParentProcessId", ppid);
    String[] parent = ppid == null ? null : processes.get(ppid);
    if (parent != null) {
      b.fieldIfPresent("ParentImage", parent[0]);
      b.fieldIfPresent("ParentCommandLine", parent[1]);
    }
    b.fieldIfPresent("User", user(g.syscall));
    b.fieldIfPresent("LogonId", g.syscall == null ? null : g.syscall.value("auid"));
    b.fieldIfPresent("CurrentDirectory", g.value("CWD", "cwd"));
    if (!g.execves.isEmpty()) {
      b.field("type", "EXECVE");
    }
    b.field("msg", "audit(" + first.id + ")");
    if (g.syscall != null) {
      copySyscall(g, b);
    }
    for (AuditRecord e : g.execves) {
      String argc = e.value("argc");
      b.fieldIfPresent("argc", argc);
    }
    for (int i = 0; i < args.size(); i++) {
      b.field("a" + i, args.get(i));
    }
    b.fieldIfPresent("cwd", g.value("CWD", "cwd"));
    b.fieldIfPresent("proctitle", g.value("PROCTITLE", "proctitle"));
    b.fieldIfPresent("name", g.pathValues("name"));
    b.fieldIfPresent("nametype", g.pathValues("nametype"));
    if (pid != null) {
      processes.put(pid, new String[] {image, commandLine});
    }
    return b.build();
  }

  private static void copySyscall(Group g, Event.Builder b) {
    for (Map.Entry<String, String> f : g.syscall.fields.entrySet()) {
      String key = f.getKey();
      String value = AuditValues.decode("SYSCALL", key, f.getValue());
      b.field(SYSCALL_ARGS.contains(key) ? "SYSCALL." + key : key, value);
    }
    if (b.peek("SYSCALL") == null && g.syscallName != null) {
      b.field("SYSCALL", g.syscallName);
    }
  }

  /** One record as its own event, with the group's SYSCALL context and derived fields. */
  private Event record(Group g, AuditRecord r) {
    boolean isSyscall = r == g.syscall;
    String target = isSyscall ? targetFilename(g) : null;
    String[] destination = isSyscall && "connect".equals(g.syscallName) && g.sockaddr != null
        ? AuditValues.inetAddress(g.sockaddr.raw("saddr")) : null;
    LogSource source = destination != null ? NETWORK_CONNECTION : target != null ? FILE_EVENT : RECORD;
    // Room for type, msg, the group's context (CONTEXT) and the derived fields.
    Event.Builder b = start(source, r, r.fields.size() + 2 + CONTEXT.size() + 5);
    b.field("type", r.type);
    b.field("msg", "audit(" + r.id + ")");
    for (Map.Entry<String, String> f : r.fields.entrySet()) {
      b.field(f.getKey(), AuditValues.decode(r.type, f.getKey(), f.getValue()));
    }
    if (isSyscall && b.peek("SYSCALL") == null && g.syscallName != null) {
      b.field("SYSCALL", g.syscallName);
    }
    if (!isSyscall && g.syscall != null) {
      for (String key : CONTEXT) {
        if (b.peek(key) == null) {
          b.fieldIfPresent(key, key.equals("SYSCALL") ? g.syscallName : g.syscall.value(key));
        }
      }
    }
    if (target != null || destination != null) {
      b.fieldIfPresent("Image", r.value("exe"));
      b.fieldIfPresent("ProcessId", number(r.value("pid")));
      b.fieldIfPresent("User", user(r));
    }
    b.fieldIfPresent("TargetFilename", target);
    if (destination != null) {
      b.field("DestinationIp", destination[0]);
      b.field("DestinationPort", Long.parseLong(destination[1]));
      b.field("Initiated", "true");
    }
    return b.build();
  }

  /**
   * A builder with room for {@code fields} fields: a process creation holds the fields of all its
   * records and more (40 and up), and a builder that grows copies its arrays at each doubling.
   */
  private Event.Builder start(LogSource source, AuditRecord r, int fields) {
    return Event.builder(source, fields).time(r.epochMillis).host(r.node).source(path, r.line);
  }

  /**
   * The file a syscall writes: a PATH of nametype CREATE, or for open/openat/creat with write
   * flags the opened PATH; relative names are joined to CWD.
   */
  private static String targetFilename(Group g) {
    AuditRecord created = null;
    AuditRecord normal = null;
    for (AuditRecord p : g.paths) {
      String type = p.value("nametype");
      if ("CREATE".equals(type) && created == null) {
        created = p;
      } else if (!"PARENT".equals(type)) {
        normal = p;
      }
    }
    AuditRecord chosen = created != null ? created : writesOpen(g) ? normal : null;
    String name = chosen == null ? null : chosen.value("name");
    if (name == null || name.equals("(null)")) {
      return null;
    }
    String cwd = g.value("CWD", "cwd");
    return name.startsWith("/") || cwd == null ? name : cwd + (cwd.endsWith("/") ? "" : "/") + name;
  }

  private static boolean writesOpen(Group g) {
    String name = g.syscallName;
    if ("creat".equals(name)) {
      return true;
    }
    String flagsArg = "open".equals(name) ? "a1" : "openat".equals(name) ? "a2" : null;
    String flags = flagsArg == null ? null : g.syscall.raw(flagsArg);
    if (flags == null || flags.isEmpty() || flags.length() > 8) {
      return false;
    }
    try {
      return (Long.parseLong(flags, 16) & O_WRITE_FLAGS) != 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** EXECVE arguments in order, long arguments ({@code a1_len}, {@code a1[0]}...) joined. */
  static List<String> arguments(List<AuditRecord> execves) {
    TreeMap<Integer, ByteArrayOutputStream> args = new TreeMap<>();
    for (AuditRecord e : execves) {
      for (Map.Entry<String, String> f : e.fields.entrySet()) {
        String key = f.getKey();
        if (!AuditValues.isArgKey(key)) {
          continue;
        }
        int bracket = key.indexOf('[');
        String digits = key.substring(1, bracket < 0 ? key.length() : bracket);
        if (digits.length() > 6) {
          continue;
        }
        args.computeIfAbsent(Integer.parseInt(digits), k -> new ByteArrayOutputStream())
            .writeBytes(AuditValues.argBytes(f.getValue()));
      }
    }
    List<String> out = new ArrayList<>(args.size());
    args.values().forEach(bytes -> out.add(AuditValues.utf8(bytes.toByteArray())));
    return out;
  }

  private static String user(AuditRecord r) {
    if (r == null) {
      return null;
    }
    String name = r.value("UID");
    return name != null ? name : r.value("uid");
  }

  private static Long number(String s) {
    if (s == null || s.isEmpty() || s.length() > 18) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return null;
      }
    }
    return Long.parseLong(s);
  }

  /** The records of one group, sorted by role. */
  private static final class Group {
    final List<AuditRecord> records;
    final List<AuditRecord> execves = new ArrayList<>();
    final List<AuditRecord> paths = new ArrayList<>();
    AuditRecord syscall;
    AuditRecord sockaddr;
    final String syscallName;

    Group(List<AuditRecord> records) {
      this.records = records;
      for (AuditRecord r : records) {
        switch (r.type) {
          case "SYSCALL" -> syscall = syscall == null ? r : syscall;
          case "EXECVE" -> execves.add(r);
          case "PATH" -> paths.add(r);
          case "SOCKADDR" -> sockaddr = sockaddr == null ? r : sockaddr;
          default -> { }
        }
      }
      String name = syscall == null ? null : syscall.value("SYSCALL");
      syscallName = name != null ? name
          : syscall == null ? null : Syscalls.name(syscall.raw("arch"), syscall.raw("syscall"));
    }

    String value(String type, String key) {
      for (AuditRecord r : records) {
        if (r.type.equals(type)) {
          return r.value(key);
        }
      }
      return null;
    }

    /** A PATH field over the group's PATH records: one value, a list of several, or null. */
    Object pathValues(String key) {
      List<String> values = new ArrayList<>();
      for (AuditRecord p : paths) {
        String v = p.value(key);
        if (v != null) {
          values.add(v);
        }
      }
      return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : values;
    }
  }
}
