package dev.minewarden.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventTest {
  private static final LogSource FLOW = LogSource.exact("aws", "network_connection", "vpcflowlogs");

  @Test
  void builder_keepsOrderReplacesRepeatsAndGrows() {
    Event.Builder b = Event.builder(LogSource.ANY, 2);
    Map<String, Object> expected = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      // new String: look-ups must not depend on the names being the same instances
      b.field(new String("f" + i), (long) i);
      expected.put("f" + i, (long) i);
    }
    b.field("f7", "seven").field("nothing", null);
    expected.put("f7", "seven");
    expected.put("nothing", null);
    Event e = b.build();

    assertThat(e.fieldCount()).isEqualTo(101);
    assertThat(e.fields()).containsExactlyEntriesOf(expected);
    assertThat(e.fields()).isEqualTo(expected);
    assertThat(e.get("f7")).isEqualTo("seven");
    assertThat(e.fieldName(7)).isEqualTo("f7");
    assertThat(e.has("nothing")).isTrue();
    assertThat(e.get("nothing")).isNull();
    assertThat(e.has("f100")).isFalse();
    assertThat(e.get("F1")).isNull();
    assertThatThrownBy(() -> e.fields().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.fieldValue(101)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void toBuilder_copiesAndAddsWithoutTouchingTheOriginal() {
    Event e = Event.builder(FLOW).time(5).host("h").source("f", 3).field("a", 1L).build();
    Event copy = e.toBuilder().field("b", "x").field("a", 2L).build();

    assertThat(e.fields()).containsExactly(Map.entry("a", 1L));
    assertThat(copy.fields()).containsExactly(Map.entry("a", 2L), Map.entry("b", "x"));
    assertThat(copy.timestampMillis()).isEqualTo(5);
    assertThat(copy.host()).isEqualTo("h");
    assertThat(copy.sourceLine()).isEqualTo(3);
  }

  @Test
  void lazy_readsEachFieldOnceAndLeavesAbsentOnesOut() {
    FieldLayout layout = FieldLayout.of(List.of("SourceIp", "DestinationIp", "log-status", "note"));
    Object[] record = {"10.0.0.1", "203.0.113.9", Event.ABSENT, null};
    AtomicInteger reads = new AtomicInteger();
    Event e = Event.builder(FLOW).time(1000).source("flows.log", 9)
        .buildLazy(layout, p -> {
          reads.incrementAndGet();
          return record[p];
        });

    assertThat(e.isLazy()).isTrue();
    assertThat(e.get("DestinationIp")).isEqualTo("203.0.113.9");
    assertThat(e.get("DestinationIp")).isEqualTo("203.0.113.9");
    assertThat(reads).hasValue(1);
    assertThat(e.has("log-status")).isFalse();
    assertThat(e.get("log-status")).isNull();
    assertThat(e.has("note")).isTrue();
    assertThat(e.get("note")).isNull();
    assertThat(e.has("Image")).isFalse();

    assertThat(e.fieldCount()).isEqualTo(3);
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("SourceIp", "10.0.0.1");
    all.put("DestinationIp", "203.0.113.9");
    all.put("note", null);
    assertThat(e.fields()).containsExactlyEntriesOf(all);
    assertThat(reads).hasValue(4);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < e.fieldCount(); i++) {
      names.add(e.fieldName(i));
    }
    assertThat(names).containsExactly("SourceIp", "DestinationIp", "note");
    assertThat(e.toBuilder().build().fields()).isEqualTo(all);
    assertThat(e.sourceLine()).isEqualTo(9);
  }

  @Test
  void withFields_keepsALazyEventLazy_withTheFieldsAndOrderOfACopy() {
    FieldLayout layout = FieldLayout.of(List.of("SourceIp", "DestinationPort", "log-status", "note"));
    Object[] record = {"10.0.0.1", 3333L, Event.ABSENT, null};
    AtomicInteger reads = new AtomicInteger();
    LazyFields fields = new LazyFields() {
      @Override
      public Object value(int position) {
        reads.incrementAndGet();
        return record[position];
      }

      @Override
      public long ipv4(int position) {
        return position == 0 ? 0x0A000001L : DottedQuad.NONE;
      }

      @Override
      public long number(int position) {
        return position == 1 ? 3333L : Event.NO_NUMBER;
      }
    };
    Event base = Event.builder(FLOW).time(1000).host("eni-1").source("flows.log", 9)
        .buildLazy(layout, fields);
    List<String> names = List.of("intel.pool.port", "intel.pool.coin");
    List<Object> added = List.of(3333L, "monero");

    Event e = base.withFields(names, added);
    assertThat(e.isLazy()).isTrue();
    assertThat(reads).as("nothing decoded for the copy").hasValue(0);
    assertThat(e.ipv4("SourceIp")).isEqualTo(0x0A000001L);
    assertThat(e.number("DestinationPort")).isEqualTo(3333L);
    assertThat(e.number("intel.pool.port")).isEqualTo(3333L);
    assertThat(reads).as("addresses and numbers from the record").hasValue(0);
    assertThat(e.get("intel.pool.coin")).isEqualTo("monero");
    assertThat(e.has("log-status")).isFalse();
    assertThat(e.has("note")).isTrue();
    assertThat(e.timestampMillis()).isEqualTo(1000);
    assertThat(e.host()).isEqualTo("eni-1");
    assertThat(e.sourceLine()).isEqualTo(9);

    Event.Builder copy = base.toBuilder();
    copy.field("intel.pool.port", 3333L).field("intel.pool.coin", "monero");
    assertThat(e.fields()).containsExactlyEntriesOf(copy.build().fields());
    // An extended event extends again, and the layout is made once per list of names.
    Event twice = e.withFields(List.of("intel.actor"), List.of(List.of("8220 Gang")));
    assertThat(twice.get("intel.actor")).isEqualTo(List.of("8220 Gang"));
    assertThat(twice.get("SourceIp")).isEqualTo("10.0.0.1");
    assertThat(base.withFields(names, added).layout()).isSameAs(e.layout());
  }

  @Test
  void withFields_replacesAFieldTheEventHas_andCopiesAPlainEvent() {
    FieldLayout layout = FieldLayout.of(List.of("SourceIp", "DestinationHostname"));
    Event lazy = Event.builder(FLOW).buildLazy(layout, p -> p == 0 ? "10.0.0.1" : "a.example");
    Event e = lazy.withFields(List.of("DestinationHostname", "intel.dns.name"),
        List.of("pool.example", "pool.example"));
    assertThat(e.isLazy()).isFalse();
    assertThat(e.fields()).containsExactly(Map.entry("SourceIp", "10.0.0.1"),
        Map.entry("DestinationHostname", "pool.example"), Map.entry("intel.dns.name", "pool.example"));

    Event plain = Event.builder(FLOW).field("a", 1L).build().withFields(List.of("b"), List.of(2L));
    assertThat(plain.fields()).containsExactly(Map.entry("a", 1L), Map.entry("b", 2L));
    assertThatThrownBy(() -> plain.withFields(List.of("c"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hostFromRecord_isReadOnceWhenAsked_andKeptByCopiesAndExtensions() {
    FieldLayout layout = FieldLayout.of(List.of("SourceIp"));
    AtomicInteger hostReads = new AtomicInteger();
    LazyFields record = new LazyFields() {
      @Override
      public Object value(int position) {
        return "10.0.0.1";
      }

      @Override
      public String host() {
        hostReads.incrementAndGet();
        return "i-0abc";
      }
    };
    Event e = Event.builder(FLOW).time(1000).hostFromRecord().buildLazy(layout, record);
    assertThat(hostReads).as("not read before it is asked for").hasValue(0);
    assertThat(e.host()).isEqualTo("i-0abc");
    assertThat(e.host()).isEqualTo("i-0abc");
    assertThat(hostReads).as("read once").hasValue(1);

    Event fresh = Event.builder(FLOW).hostFromRecord().buildLazy(layout, record);
    Event extended = fresh.withFields(List.of("intel.pool.port"), List.of(3333L));
    assertThat(extended.host()).isEqualTo("i-0abc");
    assertThat(fresh.toBuilder().build().host()).isEqualTo("i-0abc");
    assertThat(fresh.toString()).contains("host=i-0abc");

    Event none = Event.builder(FLOW).hostFromRecord().buildLazy(layout, p -> "10.0.0.1");
    assertThat(none.host()).as("a record without a host").isNull();
    assertThatThrownBy(() -> Event.builder(FLOW).hostFromRecord().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void lazy_refusesFieldsSetOnTheBuilderAndRepeatedNames() {
    FieldLayout layout = FieldLayout.of(List.of("a"));
    assertThatThrownBy(() -> Event.builder(FLOW).field("b", 1L).buildLazy(layout, p -> 1L))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FieldLayout.of(List.of("a", "b", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repeat");
  }

  @Test
  void exactLogSource_admitsOnlyRulesOfItsOwnParts() {
    LogSource sshd = LogSource.exact("linux", null, "sshd");
    LogSource unknownCategory = LogSource.of("linux", null, "sshd");
    LogSource processRule = LogSource.of("linux", "process_creation", null);
    LogSource sshdRule = LogSource.of("linux", null, "sshd");
    LogSource linuxRule = LogSource.of("linux", null, null);

    assertThat(sshd.admits(sshdRule)).isTrue();
    assertThat(sshd.admits(linuxRule)).isTrue();
    assertThat(sshd.admits(processRule)).isFalse();
    assertThat(sshd.admits(LogSource.of("linux", null, "auditd"))).isFalse();
    assertThat(unknownCategory.admits(processRule)).isTrue();
    assertThat(LogSource.ANY.admits(processRule)).isTrue();
    assertThat(sshd).isNotEqualTo(unknownCategory);
    assertThat(sshd.withParts("linux", "x", "sshd").isExact()).isTrue();
    assertThat(unknownCategory.withParts("linux", "x", "sshd").isExact()).isFalse();
  }
}
