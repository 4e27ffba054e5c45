package dev.minewarden.cli;

import dev.minewarden.core.engine.DetectionEngine;
import dev.minewarden.core.text.Sanitize;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the commands share: exit codes, option parsing, building the detection engine. */
final class Cli {
  /** An alert at or above {@code --fail-on}. */
  static final int EXIT_FAIL_ON = 1;
  /** Bad usage, or rules that do not load. */
  static final int EXIT_USAGE = 2;
  /** The run finished but skipped unreadable input. */
  static final int EXIT_PARTIAL = 3;

  private Cli() {}

  /** Parses a time-zone option ({@code UTC}, {@code Europe/Paris}, {@code +02:00}). */
  static java.time.ZoneId zone(String value) {
    try {
      return java.time.ZoneId.of(value);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("unknown --timezone '" + value + "': " + e.getMessage());
    }
  }

  /** Parses an option value into an enum constant, case-insensitively, naming the option if wrong. */
  static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String option) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown " + option + " '" + value + "'; expected one of "
        + java.util.Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
  }

  /**
   * Builds the engine from the built-in pack and the user's rules, printing every rule that does
   * not load (the others run; callers report the run as partial).
   */
  static DetectionEngine buildEngine(
      boolean builtin, List<Path> rules, List<Path> exceptions, PrintStream err) {
    return buildEngine(builtin, rules, exceptions, err, b -> { });
  }

  /** As above, letting the caller configure the builder further (enrichment). */
  static DetectionEngine buildEngine(boolean builtin, List<Path> rules, List<Path> exceptions,
      PrintStream err, java.util.function.Consumer<DetectionEngine.Builder> more) {
    DetectionEngine.Builder b = DetectionEngine.builder().includeBuiltin(builtin);
    more.accept(b);
    rules.forEach(b::addRules);
    exceptions.forEach(b::addExceptions);
    DetectionEngine engine = b.build();
    engine.loadErrors().forEach(e -> err.println("minewarden: " + Sanitize.forTerminal(e.toString(), 400)));
    return engine;
  }
}
