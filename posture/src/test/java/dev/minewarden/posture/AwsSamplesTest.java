package dev.minewarden.posture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.core.rules.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorded AWS responses in shared/data/samples, wrapped and as plain CLI output. */
class AwsSamplesTest {
  private static String resource(String name) throws IOException {
    try (InputStream in = AwsSamplesTest.class.getResourceAsStream("/aws/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The same export without the {"status_code", "data"} wrapper, as the AWS CLI prints it. */
  private static String unwrapped(String name) throws IOException {
    JsonNode doc = new ObjectMapper().readTree(resource(name));
    return new ObjectMapper().writeValueAsString(doc.get("data"));
  }

  private static void assertSampleFindings(Assessment a) {
    List<Finding> ssh = Scans.of(a, Check.NET_SSH);
    assertThat(ssh).extracting(Finding::assetId).containsExactly("sg-926a56e8");
    assertThat(ssh.get(0).evidence()).contains("0.0.0.0/0");
    assertThat(a.findings()).noneMatch(f -> f.assetId().equals("sg-411b413c"));
    // Not attached to any instance in the inputs: graded as having no public address.
    assertThat(ssh.get(0).severity()).isEqualTo(Severity.MEDIUM);
    List<Finding> imds = Scans.of(a, Check.IMDS_V1);
    assertThat(imds).extracting(Finding::assetId)
        .containsExactlyInAnyOrder("i-03b80590af6c5000d", "i-0a3bdbed1708220a1", "i-0e424ef402485a38f");
    assertThat(imds).allSatisfy(f -> {
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.reachability()).isEqualTo(Reachability.NO_PUBLIC_ADDRESS);
      assertThat(f.remediation().command()).contains("--http-tokens required");
    });
    assertThat(a.findings()).hasSize(4);
    // Reports print the inventory in this order; it must not depend on hashing.
    assertThat(List.copyOf(a.inventory().keySet())).startsWith("instances", "securityGroups", "networkInterfaces");
  }

  @Test
  void assess_recordedResponsesWithWrapper() throws IOException {
    Assessment a = Scans.of(
        "instances.json", resource("aws-ec2-describe-instances.placebo.json"),
        "groups.json", resource("aws-ec2-describe-security-groups.placebo.json"));
    assertThat(a.problems()).isEmpty();
    assertThat(a.inventory()).containsEntry("instances", 3).containsEntry("securityGroups", 2);
    assertSampleFindings(a);
  }

  @Test
  void assess_plainCliOutput() throws IOException {
    Assessment a = Scans.of(
        "instances.json", unwrapped("aws-ec2-describe-instances.placebo.json"),
        "groups.json", unwrapped("aws-ec2-describe-security-groups.placebo.json"));
    assertThat(a.problems()).isEmpty();
    assertSampleFindings(a);
  }

  @Test
  void assess_instancesKeepEveryInterfaceGroup() throws IOException {
    var estate = dev.minewarden.posture.PostureScan.builder()
        .source("i.json", resource("aws-ec2-describe-instances.placebo.json").getBytes(StandardCharsets.UTF_8))
        .build().collect();
    // i-0a3bdbed1708220a1 lists one group itself but has a second interface in the public group.
    assertThat(estate.instances().get("i-0a3bdbed1708220a1").securityGroupIds())
        .containsExactlyInAnyOrder("sg-09dd9760660103a06", "sg-08866faa10e9a51ef");
  }
}
