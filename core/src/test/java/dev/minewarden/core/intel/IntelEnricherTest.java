package dev.minewarden.core.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntelEnricherTest {
  private final IntelMatcher matcher = IntelStore.bundled().matcher(Ageing.defaults());

  @Test
  void slots_namesAndNumbersAgree() {
    // A lazy event is asked for the slots' fields by name; any other event is read by slot().
    assertThat(IntelEnricher.SLOT_FIELDS).hasSize(IntelEnricher.SLOTS).doesNotHaveDuplicates();
    for (int i = 0; i < IntelEnricher.SLOTS; i++) {
      assertThat(IntelEnricher.slot(IntelEnricher.SLOT_FIELDS[i])).as(IntelEnricher.SLOT_FIELDS[i]).isEqualTo(i);
    }
  }

  @Test
  void apply_eventWithoutMatchIsReturnedAsItIs() {
    Event e = Event.builder(LogSource.of("linux", "process_creation", null)).host("h")
        .field("CommandLine", "ls -la /home").field("Image", "/usr/bin/ls").build();
    assertThat(new IntelEnricher(matcher, null).apply(e)).isSameAs(e);
  }

  @Test
  void apply_everyFieldEnrichmentReadsHasASlotOfItsOwnInItsArraysOrder() {
    java.util.Set<Integer> used = new java.util.HashSet<>();
    for (String[] fields : List.of(IntelEnricher.NAME_FIELDS, IntelEnricher.IP_FIELDS,
        IntelEnricher.HASH_FIELDS, IntelEnricher.FILE_FIELDS,
        new String[] {"answer"}, new String[] {"DestinationPort"}, new String[] {"CommandLine"})) {
      int first = IntelEnricher.slot(fields[0]);
      for (int k = 0; k < fields.length; k++) {
        assertThat(IntelEnricher.slot(fields[k])).as(fields[k]).isEqualTo(first + k)
            .isBetween(0, IntelEnricher.SLOTS - 1);
        assertThat(used.add(first + k)).as(fields[k]).isTrue();
      }
    }
    assertThat(used).hasSize(IntelEnricher.SLOTS);
    assertThat(IntelEnricher.slot("User")).isNegative();
  }

  @Test
  void apply_indicatorsAreFoundInEveryFieldThatCanHoldThem() {
    IntelEnricher en = new IntelEnricher(matcher, null);
    LogSource any = LogSource.of("linux", "network_connection", null);
    Event dest = en.apply(Event.builder(any).field("User", "root")
        .field("DestinationHostname", "gulf.moneroocean.stream").build());
    assertThat(dest.get("intel.DestinationHostname")).isEqualTo(List.of("pool"));
    Event query = en.apply(Event.builder(any).field("query", "gulf.moneroocean.stream").build());
    assertThat(query.get("intel.query")).isEqualTo(List.of("pool"));
    Event src = en.apply(Event.builder(any).field("SourceHostname", "gulf.moneroocean.stream").build());
    assertThat(src.get("intel.SourceHostname")).isEqualTo(List.of("pool"));
    Event image = en.apply(Event.builder(LogSource.of("linux", "process_creation", null))
        .field("Image", "/tmp/.x/xmrig").field("CommandLine", "ls").build());
    assertThat(image.get("intel.Image")).isNotNull();
    Event ordinary = Event.builder(any).field("SourceIp", "203.0.113.9").field("DestinationIp", "10.0.0.1")
        .field("DestinationPort", 22L).field("User", "root").build();
    assertThat(en.apply(ordinary)).isSameAs(ordinary);
  }

  @Test
  void apply_poolInACommandLineAndAPoolPort() {
    Event e = new IntelEnricher(matcher, null).apply(Event.builder(LogSource.of("linux", "process_creation", null))
        .field("CommandLine", "./x -o gulf.moneroocean.stream:10128").field("DestinationPort", 3333L).build());
    assertThat(e.get("intel.pool.domain")).isEqualTo("gulf.moneroocean.stream");
    assertThat(e.get("intel.CommandLine")).isEqualTo(List.of("pool"));
    assertThat(e.get("intel.pool.port")).isEqualTo(3333L);
    assertThat(e.get("intel.pool.coin")).isEqualTo("Monero (XMR)");
  }

  @Test
  void apply_lazyEventsOfLayoutsInTurnAreEnrichedAsTheirFieldsAre() {
    // Each layout's fields are worked out once and kept for the last layout seen: events of
    // several layouts in turn must each be read by their own, and a port or a command line that
    // only one layout has must still be found.
    LogSource flow = LogSource.exact("aws", "network_connection", "vpcflowlogs");
    List<List<String>> layouts = List.of(
        List.of("SourceIp", "DestinationIp", "DestinationPort", "Action"),
        List.of("CommandLine", "Image"),
        List.of("query", "DestinationPort"),
        List.of("Action"));
    List<List<Object>> values = List.of(
        List.of("10.0.0.4", "10.0.1.9", 3333L, "ACCEPT"),
        List.of("./x -o gulf.moneroocean.stream:10128", "/tmp/x"),
        List.of("pool.supportxmr.com", 14444L),
        List.of("ACCEPT"));
    IntelEnricher en = new IntelEnricher(matcher, null);
    List<dev.minewarden.core.event.FieldLayout> made =
        layouts.stream().map(dev.minewarden.core.event.FieldLayout::of).toList();
    int enriched = 0;
    for (int round = 0; round < 3; round++) {
      for (int k = 0; k < layouts.size(); k++) {
        List<Object> record = values.get(k);
        Event lazy = Event.builder(flow).time(1000).buildLazy(made.get(k), record::get);
        Event.Builder plain = Event.builder(flow).time(1000);
        for (int f = 0; f < record.size(); f++) {
          plain.field(layouts.get(k).get(f), record.get(f));
        }
        Event fromFields = en.apply(plain.build());
        assertThat(en.apply(lazy).fields()).as("layout %s, round %s", k, round)
            .isEqualTo(fromFields.fields());
        enriched += fromFields.has("intel.pool.port") || fromFields.has("intel.pool.domain") ? 1 : 0;
      }
    }
    assertThat(enriched).as("the port and the pool names are found").isEqualTo(9);
  }

  @Test
  void apply_flowRecordAddressesReadAsNumbersFindWhatTheirTextFinds() {
    // A lazy record answers Event.ipv4 from its bytes; its enrichment must equal that of the same
    // values held as text, for listed, unlisted and odd spellings alike.
    List<String> addresses = List.of("107.172.214.23", "104.244.75.25", "10.0.0.1", "107.172.214.023",
        "0.0.0.0", "::ffff:107.172.214.23", "2001:db8::1", " 107.172.214.23", "-");
    dev.minewarden.core.event.FieldLayout layout = dev.minewarden.core.event.FieldLayout.of(
        List.of("SourceIp", "DestinationIp", "DestinationPort"));
    LogSource flow = LogSource.exact("aws", "network_connection", "vpcflowlogs");
    IntelEnricher en = new IntelEnricher(matcher, new PassiveDns());
    int enriched = 0;
    for (String src : addresses) {
      for (String dst : addresses) {
        Object[] record = {src.equals("-") ? Event.ABSENT : src, dst.equals("-") ? Event.ABSENT : dst, 443L};
        Event lazy = Event.builder(flow).time(1000).buildLazy(layout, new dev.minewarden.core.event.LazyFields() {
          @Override
          public Object value(int position) {
            return record[position];
          }

          @Override
          public long ipv4(int position) {
            return record[position] instanceof String s ? dev.minewarden.core.event.DottedQuad.parse(s) : -1;
          }
        });
        Event.Builder plain = Event.builder(flow).time(1000).field("DestinationPort", 443L);
        if (!src.equals("-")) {
          plain.field("SourceIp", src);
        }
        if (!dst.equals("-")) {
          plain.field("DestinationIp", dst);
        }
        Event fromText = en.apply(plain.build());
        Event fromRecord = en.apply(lazy);
        assertThat(fromRecord.fields()).as("%s -> %s", src, dst).isEqualTo(fromText.fields());
        enriched += fromText.has("intel.SourceIp") || fromText.has("intel.DestinationIp") ? 1 : 0;
      }
    }
    assertThat(enriched).as("listed addresses are found").isGreaterThan(10);
  }

  @Test
  void passiveDns_flowToAPoolAddressIsTiedToThePoolName() {
    PassiveDns dns = new PassiveDns();
    IntelEnricher en = new IntelEnricher(matcher, dns);
    Instant t = Instant.parse("2026-11-24T03:00:00Z");
    en.apply(Event.builder(LogSource.of("zeek", "dns", "dns")).time(t).field("SourceIp", "10.0.1.15")
        .field("query", "xmr-eu1.nanopool.org").field("answer", List.of("xmr-eu1.nanopool.org.cdn.example.net", "198.51.100.44")).build());
    Event flow = en.apply(Event.builder(LogSource.of("aws", "network_connection", "vpcflowlogs"))
        .time(t.plusSeconds(5)).field("SourceIp", "10.0.1.15").field("DestinationIp", "198.51.100.44")
        .field("DestinationPort", 14444L).build());
    assertThat(flow.get("DestinationHostname")).isEqualTo("xmr-eu1.nanopool.org");
    assertThat(flow.get("intel.dns.name")).isEqualTo("xmr-eu1.nanopool.org");
    assertThat(flow.get("intel.pool.domain")).isEqualTo("xmr-eu1.nanopool.org");
    Event tooLate = en.apply(Event.builder(LogSource.of("aws", "network_connection", null))
        .time(t.plusSeconds(3 * 86_400)).field("SourceIp", "10.0.1.15").field("DestinationIp", "198.51.100.44").build());
    assertThat(tooLate.get("intel.dns.name")).as("answers older than a day are not used").isNull();
    Event before = en.apply(Event.builder(LogSource.of("aws", "network_connection", null))
        .time(t.minusSeconds(3600)).field("SourceIp", "10.0.1.15").field("DestinationIp", "198.51.100.44").build());
    assertThat(before.get("intel.dns.name")).as("no answer yet").isNull();
  }

  @Test
  void passiveDns_isBounded() {
    PassiveDns dns = new PassiveDns(java.time.Duration.ofHours(1), 10);
    for (int i = 0; i < 100; i++) {
      dns.learn(Event.builder(LogSource.of("zeek", "dns", null)).time(0).field("SourceIp", "10.0.0." + i)
          .field("query", "a.example.com").field("answer", List.of("192.0.2." + i)).build());
    }
    assertThat(dns.size()).isLessThanOrEqualTo(11);
    assertThat(dns.dropped()).isPositive();
  }

  @Test
  void engine_rulesCanAskWhetherAFieldIsInAnIntelSet(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("r.yml"), """
        title: Flow to a pool known to intel
        id: 0c7b8a8e-6b1f-4c55-9d65-0f2a9a4c6b11
        status: test
        logsource:
            category: network_connection
        detection:
            selection:
                intel.DestinationHostname: pool
            condition: selection
        level: high
        """, StandardCharsets.UTF_8);
    PassiveDns dns = new PassiveDns();
    DetectionEngine engine = DetectionEngine.builder().includeBuiltin(false).addRules(dir)
        .enrichment(() -> new IntelEnricher(matcher, dns)).build();
    assertThat(engine.loadErrors()).isEmpty();
    List<Alert> alerts = new ArrayList<>();
    DetectionEngine.Session s = engine.session(alerts::add);
    s.accept(Event.builder(LogSource.of("zeek", "dns", null)).time(1000).field("query", "pool.hashvault.pro")
        .field("answer", List.of("203.0.113.9")).build());
    s.accept(Event.builder(LogSource.of("zeek", "network_connection", null)).time(2000)
        .field("DestinationIp", "203.0.113.9").build());
    s.accept(Event.builder(LogSource.of("zeek", "network_connection", null)).time(2000)
        .field("DestinationIp", "203.0.113.10").build());
    s.finish();
    assertThat(alerts).singleElement().satisfies(a ->
        assertThat(a.event().get("DestinationHostname")).isEqualTo("pool.hashvault.pro"));
  }
}
