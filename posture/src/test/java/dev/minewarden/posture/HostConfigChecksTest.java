package dev.minewarden.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.rules.Severity;
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
          PasswordAuthentication yes
        """;
    Assessment a = Scans.of("sshd_config", conf);
    assertThat(a.findings()).isEmpty();
    assertThat(a.blindSpots()).anyMatch(b -> b.contains("Match"));
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
