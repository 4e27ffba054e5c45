package dev.minewarden.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identifiers from input files end up in printed shell commands: they must stay inert words. */
class HostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs the command in a real POSIX shell with its program replaced by one that prints its words. */
  private static List<String> wordsAsTheShellSeesThem(String command, Path dir) throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh on this machine: shell quoting not exercised");
    String program = command.substring(0, command.indexOf(' '));
    String script = "cd " + dir + " && " + program + "() { for w in \"$@\"; do printf '%s\\n' \"$w\"; done; }; " + command;
    Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void remediation_craftedGroupIdStaysOneWord(@TempDir Path dir) throws Exception {
    String id = "sg-1'; touch pwned; echo '$(touch pwned2)`touch pwned3`\"";
    String groups = "{\"SecurityGroups\": [{\"GroupId\": " + JSON.writeValueAsString(id) + ", \"IpPermissions\": ["
        + "{\"IpProtocol\": \"tcp\", \"FromPort\": 22, \"ToPort\": 22, \"IpRanges\": [{\"CidrIp\": \"0.0.0.0/0\"}]}]}]}";
    Finding f = Scans.of(Scans.of("g.json", groups), Check.NET_SSH).get(0);
    List<String> words = wordsAsTheShellSeesThem(f.remediation().command(), dir);
    assertThat(words).containsExactly("ec2", "revoke-security-group-ingress", "--group-id=" + id,
        "--ip-permissions=IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void remediation_optionLikeNamesGetNoCommand() {
    String dashboard = """
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "--all", "namespace": "kube-system"},
         "spec": {"template": {"metadata": {"labels": {"app": "d"}},
           "spec": {"containers": [{"name": "d", "image": "kubernetesui/dashboard:v2.7.0"}]}}}}
        """;
    Finding f = Scans.of(Scans.of("d.json", dashboard), Check.K8S_DASHBOARD).get(0);
    // "kubectl delete deployment --all" would delete every deployment of the namespace.
    assertThat(f.remediation().command()).isEmpty();
    assertThat(f.remediation().summary()).isNotEmpty();
    String service = """
        {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "-ojsonpath={.x}", "namespace": "shop"},
         "spec": {"type": "LoadBalancer", "ports": [{"port": 6379}]}}
        """;
    assertThat(Scans.of(Scans.of("s.json", service), Check.NET_REDIS)).singleElement()
        .satisfies(r -> assertThat(r.remediation().command()).isEmpty());
  }

  @Test
  void remediation_safeNamesKeepTheirCommand() {
    String dashboard = """
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "kubernetes-dashboard", "namespace": "kube-system"},
         "spec": {"template": {"spec": {"containers": [{"name": "d", "image": "kubernetesui/dashboard:v2.7.0"}]}}}}
        """;
    assertThat(Scans.of(Scans.of("d.json", dashboard), Check.K8S_DASHBOARD).get(0).remediation().command())
        .isEqualTo("kubectl --namespace=kube-system delete deployment kubernetes-dashboard");
  }
}
