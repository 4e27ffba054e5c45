package dev.minewarden.host.proc;

import java.util.Set;
import java.util.TreeSet;

/** The loaded kernel modules of {@code /proc/modules}. */
public final class Modules {
  private Modules() {}

  /** Parses {@code /proc/modules} text into the set of module names (the first column). */
  public static Set<String> parse(String text) {
    Set<String> out = new TreeSet<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\n")) {
      int space = line.indexOf(' ');
      String name = space < 0 ? line.trim() : line.substring(0, space);
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }
}
