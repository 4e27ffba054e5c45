package dev.minewarden.bench;

import java.io.IOException;

/**
 * Repeated passes over one in-memory input ({@link PassWork}), timed in the thread's CPU time
 * rather than wall time: prints the best pass and the mean of the second half of the passes
 * (after the compilers have settled). To compare two jars, prefer {@link SideBySide}, which
 * alternates them in one JVM.
 *
 * <pre>
 * java -Xmx256m -XX:+UseSerialGC -cp bench/target/benchmarks.jar dev.minewarden.bench.Passes \
 *     mixed|process|network|sshd [passes] [rules folder]
 * java -Xmx256m -XX:+UseSerialGC -cp bench/target/benchmarks.jar dev.minewarden.bench.Passes \
 *     vpc FILE [passes]
 * </pre>
 */
public final class Passes {
  private Passes() {}

  /** Runs the passes and prints one line. */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println(
          "usage: Passes mixed|process|network|sshd [passes] [rules] | vpc|auth FILE [passes]");
      System.exit(2);
    }
    String kind = args[0];
    boolean file = kind.equals("vpc") || kind.equals("auth"); // the input file comes first
    int passes = args.length > (file ? 2 : 1) ? Integer.parseInt(args[file ? 2 : 1]) : 30;
    String arg = file ? args[1] : args.length > 2 ? args[2] : null;
    PassWork work = PassWork.of(kind, arg);
    double best = 0;
    double secondHalfSeconds = 0;
    int secondHalf = 0;
    for (int i = 0; i < passes; i++) {
      double seconds = work.getAsLong() / 1e9;
      best = Math.max(best, work.units() / seconds);
      if (i >= passes / 2) {
        secondHalfSeconds += seconds;
        secondHalf++;
      }
    }
    System.out.printf("%s: best pass %.0f per cpu-second, mean of the last %d passes %.0f, "
        + "%d alerts per pass%n", kind, best, secondHalf,
        work.units() * secondHalf / secondHalfSeconds, work.alerts());
  }
}
