package dev.minewarden.core.sigma;

import static dev.minewarden.core.sigma.SigmaTestSupport.alerts;
import static dev.minewarden.core.sigma.SigmaTestSupport.compile;
import static dev.minewarden.core.sigma.SigmaTestSupport.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.FieldLayout;
import dev.minewarden.core.event.LogSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lazy events (flow records) skip the trigger scans of fields their layout lacks; the rules must
 * still see every field they test, whatever the order of layouts and of plain events.
 */
class LazyEventMatchingTest {
  private static final LogSource FLOW = LogSource.of("aws", "network_connection", "vpcflowlogs");

  @Test
  void lazyEvents_raiseTheAlertsOfTheSameFieldsBuiltOneByOne() {
    String rules = rule("host", "category: network_connection",
            "sel:\n  DestinationHostname|contains: pool\ncondition: sel")
        + "---\n" + rule("port", "category: network_connection",
            "sel:\n  DestinationPort: 3333\ncondition: sel")
        // A candidate (selected by its port) whose other test reads a field that may be absent.
        + "---\n" + rule("port-no-host", "category: network_connection",
            "sel:\n  DestinationPort: 4444\nhost:\n  DestinationHostname|contains: pool\n"
                + "condition: sel and not host")
        + "---\n" + rule("net", "category: network_connection",
            "sel:\n  DestinationIp|cidr: 203.0.113.0/24\ncondition: sel")
        + "---\n" + rule("words", "category: network_connection",
            "keywords:\n  - minergate\ncondition: keywords");
    CompiledRules compiled = compile(rules);
    List<List<String>> layouts = List.of(
        List.of("DestinationIp", "DestinationPort", "Action"),
        List.of("DestinationHostname", "DestinationPort"),
        List.of("Action"),
        List.of("DestinationHostname", "DestinationIp", "DestinationPort", "note"));
    List<FieldLayout> made = layouts.stream().map(FieldLayout::of).toList();
    Object[] ports = {3333L, 4444L, 443L};
    String[] hosts = {"pool.example", "www.example", "minergate.example"};
    String[] addresses = {"203.0.113.9", "10.0.0.1"};
    Random r = new Random(20261127);
    int alerted = 0;
    for (int round = 0; round < 400; round++) {
      int k = r.nextInt(layouts.size());
      List<String> names = layouts.get(k);
      List<Object> values = new ArrayList<>();
      for (String n : names) {
        values.add(switch (n) {
          case "DestinationHostname" -> hosts[r.nextInt(hosts.length)];
          case "DestinationIp" -> addresses[r.nextInt(addresses.length)];
          case "DestinationPort" -> ports[r.nextInt(ports.length)];
          case "note" -> r.nextBoolean() ? "minergate" : "none";
          default -> r.nextBoolean() ? Event.ABSENT : "ACCEPT";
        });
      }
      Event lazy = Event.builder(FLOW).buildLazy(made.get(k), values::get);
      Event.Builder plain = Event.builder(FLOW);
      for (int f = 0; f < names.size(); f++) {
        if (values.get(f) != Event.ABSENT) {
          plain.field(names.get(f), values.get(f));
        }
      }
      List<String> expected = alerts(compiled, plain.build());
      assertThat(alerts(compiled, lazy)).as("round %s: %s = %s", round, names, values)
          .isEqualTo(expected);
      // Plain events in between must still be scanned for every trigger field.
      assertThat(alerts(compiled, plain.build())).isEqualTo(expected);
      alerted += expected.isEmpty() ? 0 : 1;
    }
    assertThat(alerted).as("rounds with an alert").isGreaterThan(100);
  }
}
