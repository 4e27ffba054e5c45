package dev.minewarden.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.input.TextConfigs;
import dev.minewarden.posture.model.ConfigFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sshd, Redis and Docker configuration files given as inputs. */
class HostConfigChecksTest {

  @Test
  void sshd_passwordAndRootLogin() {
    String conf = """
        # a hardened-looking header
        Port 22
        PermitRootLogin yes
        PasswordAuthentication yes
        UsePAM yes
        """;
    Assessment a = Scans.of("sshd_config", conf);
    assertThat(Scans.of(a, Check.SSH_PASSWORD)).singleElement().satisfies(f -> {
      assertThat(f.line()).isEqualTo(4);
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.remediation().config()).contains("PasswordAuthentication no");
    });
    assertThat(Scans.of(a, Check.SSH_ROOT)).singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(3));
  }

  @Test
  void sshd_defaultsStillAllowPasswords() {
    // Upstream default: PasswordAuthentication yes.
    Assessment a = Scans.of("sshd_config", "Port 22\nX11Forwarding yes\nSubsystem sftp internal-sftp\n");
    assertThat(Scans.of(a, Check.SSH_PASSWORD)).singleElement()
        .satisfies(f -> assertThat(f.evidence()).contains("(default)"));
    assertThat(Scans.of(a, Check.SSH_ROOT)).isEmpty();
  }

  @Test
  void sshd_keysOnlyIsClean() {
    String conf = """
        PermitRootLogin yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        UsePAM yes
        Match User backup
          ForceCommand internal-sftp
          PasswordAuthentication no
        """;
    assertThat(Scans.of("sshd_config", conf).findings()).isEmpty();
  }

  @Test
  void sshd_matchBlockTurningPasswordsOnIsFound() {
    String conf = """
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PermitRootLogin yes
        Match User backup
          PasswordAuthentication yes
        Match Address 10.0.0.0/8,192.168.0.0/16
          PasswordAuthentication yes
        """;
    Assessment a = Scans.of("sshd_config", conf);
    List<Finding> pw = Scans.of(a, Check.SSH_PASSWORD);
    assertThat(pw).extracting(Finding::title).containsExactlyInAnyOrder(
        "sshd accepts password logins (Match User backup, line 4)",
        "sshd accepts password logins (Match Address 10.0.0.0/8,192.168.0.0/16, line 6)");
    assertThat(pw).filteredOn(f -> f.title().contains("User backup")).singleElement().satisfies(f -> {
      assertThat(f.line()).isEqualTo(5);
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    });
    // Passwords only from private ranges: not what an internet brute-forcer can use.
    assertThat(pw).filteredOn(f -> f.title().contains("Address")).singleElement()
        .satisfies(f -> assertThat(f.reachability()).isEqualTo(Reachability.NO_PUBLIC_ADDRESS));
    // PermitRootLogin yes is global, so both blocks let root in with a password.
    assertThat(Scans.of(a, Check.SSH_ROOT)).hasSize(2);
  }

  @Test
  void sshd_keywordsAreCaseInsensitiveAndCommentsEndTheValue() {
    String open = "passwordAUTHENTICATION Yes # until the keys are rolled out\nUsePAM no\n";
    assertThat(Scans.of(Scans.of("sshd_config", open), Check.SSH_PASSWORD)).singleElement()
        .satisfies(f -> assertThat(f.line()).isEqualTo(1));
    String closed = "PasswordAuthentication no # hardened\nKbdInteractiveAuthentication=no\nUsePAM yes\n";
    assertThat(Scans.of("sshd_config", closed).findings()).isEmpty();
  }

  @Test
  void sshd_rootLoginProhibitPasswordIsNotARootFinding() {
    for (String keysOnly : List.of("prohibit-password", "without-password", "forced-commands-only", "no")) {
      Assessment a = Scans.of("sshd_config", "PermitRootLogin " + keysOnly + "\nPasswordAuthentication yes\n");
      assertThat(Scans.of(a, Check.SSH_PASSWORD)).as(keysOnly).hasSize(1);
      assertThat(Scans.of(a, Check.SSH_ROOT)).as(keysOnly).isEmpty();
    }
    Assessment yes = Scans.of("sshd_config", "PermitRootLogin YES\nPasswordAuthentication yes\n");
    assertThat(Scans.of(yes, Check.SSH_ROOT)).singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(1));
  }

  /** Ubuntu's layout: Include first, drop-ins may hold Match blocks, globals follow in the main file. */
  @Test
  void sshd_matchInAnIncludedFileEndsWithThatFile() {
    Map<String, List<String>> files = Map.of("sshd_config.d/50-ci.conf",
        List.of("Match User ci", "  PasswordAuthentication yes"));
    List<String> notes = new ArrayList<>();
    ConfigFile c = TextConfigs.sshd("host:a", "/etc/ssh/sshd_config",
        List.of("Include sshd_config.d/*.conf", "PasswordAuthentication no", "KbdInteractiveAuthentication no"),
        pattern -> files.entrySet().stream().filter(e -> pattern.equals("sshd_config.d/*.conf")).toList(),
        false, notes);
    assertThat(c.get("passwordauthentication").value()).isEqualTo("no");
    assertThat(c.get("passwordauthentication").line()).isEqualTo(2);
    assertThat(c.matchBlocks()).singleElement().satisfies(m -> {
      assertThat(m.criteria()).isEqualTo("User ci");
      assertThat(m.at().source()).isEqualTo("sshd_config.d/50-ci.conf");
      assertThat(m.settings().get("passwordauthentication").value()).isEqualTo("yes");
    });
    assertThat(notes).isEmpty();
    ConfigFile noIncludes = TextConfigs.sshd("host:a", "/etc/ssh/sshd_config", List.of("Include x.conf"), null, false, notes);
    assertThat(noIncludes.matchBlocks()).isEmpty();
    assertThat(notes).singleElement().satisfies(n -> assertThat(n).contains("Include x.conf was not followed"));
  }

  @Test
  void sshd_firstValueWinsAndLoopbackLowersSeverity() {
    String conf = "PasswordAuthentication yes\nPasswordAuthentication no\nListenAddress 127.0.0.1\nUsePAM no\n";
    assertThat(Scans.of(Scans.of("sshd_config", conf), Check.SSH_PASSWORD)).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
  }

  @Test
  void redis_noAuthBoundEverywhereWithProtectedModeOff() {
    String conf = "bind 0.0.0.0\nprotected-mode no\nport 6379\ndaemonize no\nappendonly yes\n";
    Assessment a = Scans.of("redis.conf", conf);
    assertThat(Scans.of(a, Check.REDIS_NOAUTH)).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    assertThat(Scans.of(a, Check.REDIS_PROTECTED_OFF)).singleElement()
        .satisfies(f -> assertThat(f.line()).isEqualTo(2));
  }

  @Test
  void redis_passwordIsClean() {
    String conf = "bind 0.0.0.0\nprotected-mode no\nrequirepass 9f3c1e0b7d4a\nappendonly yes\n";
    assertThat(Scans.of("redis.conf", conf).findings()).isEmpty();
  }

  @Test
  void redis_aclDefaultUserWithPasswordIsClean() {
    String conf = "bind 0.0.0.0\nuser default on >s3cret ~* +@all\ndaemonize yes\n";
    assertThat(Scans.of("redis.conf", conf).findings()).isEmpty();
    String nopass = "bind 0.0.0.0\nuser default on nopass ~* +@all\ndaemonize yes\n";
    assertThat(Scans.of(Scans.of("redis.conf", nopass), Check.REDIS_NOAUTH)).hasSize(1);
  }

  @Test
  void redis_protectedModeWithoutBindKeepsItLocal() {
    Assessment a = Scans.of("redis.conf", "port 6379\ndaemonize yes\nappendonly no\n");
    assertThat(Scans.of(a, Check.REDIS_NOAUTH)).singleElement().satisfies(f -> {
      assertThat(f.reachability()).isEqualTo(Reachability.LOCAL_ONLY);
      assertThat(f.severity()).isEqualTo(Severity.LOW);
    });
  }

  @Test
  void docker_tcpWithoutTlsVerify() {
    Assessment a = Scans.of("daemon.json", "{\"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2375\"]}");
    assertThat(Scans.of(a, Check.DOCKER_TCP)).singleElement().satisfies(f -> {
      assertThat(f.title()).contains("tcp://0.0.0.0:2375");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
    });
  }

  @Test
  void docker_tlsVerifyOrSocketOnlyIsClean() {
    assertThat(Scans.of("daemon.json", "{\"hosts\": [\"tcp://0.0.0.0:2376\"], \"tlsverify\": true,"
        + " \"tlscacert\": \"/etc/docker/ca.pem\"}").findings()).isEmpty();
    assertThat(Scans.of("daemon.json", "{\"hosts\": [\"unix:///var/run/docker.sock\"], \"log-driver\": \"json-file\"}")
        .findings()).isEmpty();
  }
}
