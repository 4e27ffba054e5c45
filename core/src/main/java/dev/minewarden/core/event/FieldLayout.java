package dev.minewarden.core.event;

import java.util.Arrays;
import java.util.List;

/**
 * The field names of a kind of record, in order, with their position index: made once per layout
 * (a flow log file's header, say) and shared by every lazy event of it, so building an event does
 * not hash its field names again. Immutable.
 */
public final class FieldLayout {
  final String[] names;
  final int[] index;

  private FieldLayout(String[] names) {
    this.names = names;
    this.index = new int[Integer.highestOneBit(Math.max(4, names.length) * 2 - 1) << 1];
    int mask = index.length - 1;
    for (int p = 0; p < names.length; p++) {
      int s = Event.slot(names[p], mask);
      while (index[s] != 0) {
        s = (s + 1) & mask;
      }
      index[s] = p + 1;
    }
  }

  /** A layout of these distinct field names. */
  public static FieldLayout of(List<String> names) {
    String[] n = names.toArray(String[]::new);
    if (Arrays.stream(n).distinct().count() != n.length) {
      throw new IllegalArgumentException("field names repeat: " + names);
    }
    return new FieldLayout(n);
  }

  /** How many positions the layout has. */
  public int size() {
    return names.length;
  }

  /** The field name at a position. */
  public String name(int position) {
    return names[position];
  }

  /**
   * This layout's names followed by {@code more}, or {@code null} when one of them is already here
   * or repeats; made once per list and kept with this layout, for the few lists an enricher adds.
   */
  FieldLayout extendedWith(List<String> more) {
    FieldLayout e = extensions.get(more);
    if (e == null) {
      List<String> all = new java.util.ArrayList<>(Arrays.asList(names));
      all.addAll(more);
      e = all.stream().distinct().count() == all.size()
          ? new FieldLayout(all.toArray(String[]::new))
          : REPEATS;
      if (extensions.size() < MAX_EXTENSIONS) {
        extensions.put(List.copyOf(more), e);
      }
    }
    return e == REPEATS ? null : e;
  }

  private final java.util.Map<List<String>, FieldLayout> extensions =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** More lists than an enricher makes: beyond them, extended layouts are made each time. */
  private static final int MAX_EXTENSIONS = 256;
  /** Marks a list that repeats a name. */
  private static final FieldLayout REPEATS = new FieldLayout(new String[0]);

  /** Whether the layout has a field of this name. */
  public boolean has(String name) {
    return Event.find(names, index, name) >= 0;
  }
}
