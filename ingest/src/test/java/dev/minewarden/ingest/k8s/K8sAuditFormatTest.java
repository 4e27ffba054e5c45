package dev.minewarden.ingest.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.CollectingSink;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class K8sAuditFormatTest {
  private final K8sAuditFormat format = new K8sAuditFormat();

  @Test
  void parse_privilegedPodMountingHostRoot() {
    CollectingSink p = CollectingSink.parseResource(format, "fixtures/k8s-audit.ndjson");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(4);
    Event pod = p.events.get(0);
    assertThat(pod.logSource()).isEqualTo(LogSource.exact("kubernetes", null, "audit"));
    assertThat(pod.timestampMillis()).isEqualTo(Instant.parse("2024-05-02T10:20:01.123456Z")
        .toEpochMilli());
    assertThat(pod.get("verb")).isEqualTo("create");
    assertThat(pod.get("user.username")).isEqualTo("system:anonymous");
    assertThat(pod.get("sourceIPs")).isEqualTo(List.of("203.0.113.77"));
    assertThat(pod.get("objectRef.resource")).isEqualTo("pods");
    assertThat(pod.get("requestObject.spec.containers.image"))
        .isEqualTo(List.of("docker.io/alpine:3.19"));
    assertThat(pod.get("Image")).isEqualTo("docker.io/alpine:3.19");
    assertThat(pod.get("Privileged")).isEqualTo(true);
    assertThat(pod.get("HostMount")).isEqualTo("/");
    assertThat(pod.get("HostPID")).isEqualTo(true);
    assertThat(pod.has("requestObject.metadata.managedFields.manager")).isFalse();
  }

  @Test
  void parse_workloadTemplateExecAndForbidden() {
    CollectingSink p = CollectingSink.parseResource(format, "fixtures/k8s-audit.ndjson");

    Event ds = p.events.get(1);
    assertThat(ds.get("Image")).isEqualTo(List.of("ghcr.io/example/xmrig:6.21.0", "busybox:1.36"));
    assertThat(ds.get("Privileged")).isEqualTo(false);
    assertThat(ds.get("HostMount")).isEqualTo(List.of("/var/run/docker.sock", "/etc"));
    assertThat(ds.has("HostPID")).isFalse();
    Event exec = p.events.get(2);
    assertThat(exec.get("objectRef.subresource")).isEqualTo("exec");
    assertThat(exec.get("CommandLine")).isEqualTo("sh -c cat /etc/shadow");
    assertThat(exec.has("Image")).isFalse();
    Event list = p.events.get(3);
    assertThat(list.get("responseStatus.code")).isEqualTo(403L);
    assertThat(list.get("annotations.authorization.k8s.io/decision")).isEqualTo("forbid");
  }

  @Test
  void parse_eventListAndNonEvents() {
    String text = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":["
        + "{\"kind\":\"Event\",\"verb\":\"get\",\"objectRef\":{\"resource\":\"nodes\"}},"
        + "{\"kind\":\"Pod\"}]}\n";
    CollectingSink p = CollectingSink.parse(format, text);

    assertThat(p.events).hasSize(1);
    assertThat(p.events.get(0).get("objectRef.resource")).isEqualTo("nodes");
    assertThat(p.events.get(0).hasTime()).isFalse();
    assertThat(p.malformed).hasSize(1);
  }
}
