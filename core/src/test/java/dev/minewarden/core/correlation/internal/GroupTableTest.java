package dev.minewarden.core.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupTableTest {
  private static final class State extends GroupState {
    State(Object key) {
      super(key);
    }
  }

  private static List<Object> expire(GroupTable<State> t, long horizon) {
    List<Object> gone = new ArrayList<>();
    t.expire(horizon, s -> gone.add(s.key));
    return gone;
  }

  @Test
  void expire_dropsGroupsWhoseNewestEventIsAtOrBeforeTheHorizon_oldestFirst() {
    GroupTable<State> t = new GroupTable<>(10);
    t.touch("a", 100, State::new);
    t.touch("b", 200, State::new);
    t.touch("c", 300, State::new);
    t.touch("a", 400, State::new); // a is now the newest

    assertThat(expire(t, 99)).isEmpty();
    assertThat(expire(t, 199)).isEmpty();
    assertThat(expire(t, 200)).containsExactly("b");
    assertThat(expire(t, 250)).isEmpty();
    assertThat(expire(t, 400)).containsExactly("c", "a");
    assertThat(t.size()).isZero();
    assertThat(t.expirations()).isEqualTo(3);

    t.touch("d", 50, State::new); // a table emptied and filled again
    assertThat(expire(t, 50)).containsExactly("d");
  }

  @Test
  void touch_evictsTheLeastRecentlyUpdatedAtTheCap() {
    GroupTable<State> t = new GroupTable<>(2);
    t.touch("a", 1, State::new);
    t.touch("b", 2, State::new);
    t.touch("a", 3, State::new);
    t.touch("c", 4, State::new);
    assertThat(t.size()).isEqualTo(2);
    assertThat(t.evictions()).isEqualTo(1);
    assertThat(expire(t, 10)).containsExactly("a", "c");
  }
}
