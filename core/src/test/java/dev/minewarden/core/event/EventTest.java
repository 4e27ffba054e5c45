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
