package dev.minewarden.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.rules.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTest {
  private static final RuleInfo RULE =
      new RuleInfo("r-1", null, "rule", Severity.HIGH, List.of(), List.of(), null);
  private static final Event EVENT = Event.builder(LogSource.ANY).field("a", "b").build();

  @Test
  void attributes_keepTheOrderTheyWereGivenIn() {
    Map<String, Object> given = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    for (int i = 30; i > 0; i--) {
      given.put("intel.k" + i, (long) i);
      keys.add("intel.k" + i);
    }
    Alert a = new Alert(RULE, EVENT, List.of(), 1, given);

    // Output is written in this order: it must not change from one run of the JVM to the next.
    assertThat(new ArrayList<>(a.attributes().keySet())).isEqualTo(keys);
    given.put("later", 1L);
    assertThat(a.attributes()).doesNotContainKey("later");
    assertThatThrownBy(() -> a.attributes().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void attributes_refuseNulls() {
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("intel.pool.port", null);
    assertThatThrownBy(() -> new Alert(RULE, EVENT, List.of(), 1, withNull))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("intel.pool.port");
  }
}
