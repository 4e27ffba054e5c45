package dev.minewarden.ingest.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.CollectingSink;
import java.util.List;
import org.junit.jupiter.api.Test;

class Route53ResolverFormatTest {
  private final Route53ResolverFormat format = new Route53ResolverFormat();

  @Test
  void parse_documentedExample() {
    var p = CollectingSink.parseResource(format, "samples/aws-route53-resolver-query.ndjson");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(1);
    Event e = p.events.get(0);
    assertThat(e.logSource()).isEqualTo(LogSource.exact("aws", "dns", "route53"));
    assertThat(e.timestampMillis()).isEqualTo(java.time.Instant.parse("2021-02-04T17:51:55Z")
        .toEpochMilli());
    assertThat(e.host()).isEqualTo("i-0d15cd0d3example");
    assertThat(e.get("query")).isEqualTo("15.3.4.32.in-addr.arpa");
    assertThat(e.get("query_name")).isEqualTo("15.3.4.32.in-addr.arpa.");
    assertThat(e.get("record_type")).isEqualTo("PTR");
    assertThat(e.get("answer")).isEqualTo(List.of("203.0.113.9"));
    assertThat(e.get("answers.Type")).isEqualTo(List.of("PTR"));
    assertThat(e.get("SourceIp")).isEqualTo("4.5.64.102");
    assertThat(e.get("SourcePort")).isEqualTo(56067L);
    assertThat(e.get("rcode")).isEqualTo("NOERROR");
    assertThat(e.get("srcids.instance")).isEqualTo("i-0d15cd0d3example");
    assertThat(e.get("firewall_rule_action")).isEqualTo("BLOCK");
  }

  @Test
  void parse_brokenAndForeignLinesAreReported() {
    String text = "{\"query_name\":\"pool.minexmr.com.\",\"query_type\":\"A\",\"srcaddr\":\"10.0.0.5\","
        + "\"answers\":[]}\n"
        + "{\"query_name\":\"x.\", \"query_type\n"
        + "{\"hello\":1}\n";
    CollectingSink p = CollectingSink.parse(format, text);

    assertThat(p.events).hasSize(1);
    assertThat(p.events.get(0).get("query")).isEqualTo("pool.minexmr.com");
    assertThat(p.events.get(0).get("answer")).isEqualTo(List.of());
    assertThat(p.malformed).extracting(CollectingSink.Malformed::line).containsExactly(2L, 3L);
  }
}
