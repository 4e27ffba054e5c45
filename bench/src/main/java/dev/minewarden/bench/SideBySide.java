package dev.minewarden.bench;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Compares benchmark jars (of two commits, say) in one JVM: each jar is loaded by a class loader
 * of its own, and passes of the same {@link PassWork} alternate between them round after round,
 * in turned order every other round. This host's speed swings by half from one minute to the next,
 * moving the whole-run figures of one jar as much as any change does; alternating passes puts the
 * swings on every jar alike, and the per-round ratio of pass times cancels them. Prints each jar's
 * median pass (the first third of the rounds left out as warm-up) and the median, first and third
 * quartile of its per-round time ratio to the first jar.
 *
 * <p>{@code PassWork} comes from this jar when a jar lacks it (an older commit), and reads that
 * jar's engine and parsers, which come first on its loader's path.
 *
 * <pre>
 * java -Xmx1g -XX:+UseSerialGC -cp bench/target/benchmarks.jar dev.minewarden.bench.SideBySide \
 *     KIND[:ARG] ROUNDS OLD.jar NEW.jar...
 * </pre>
 *
 * <p>KIND and ARG as for {@link PassWork}: {@code mixed}, {@code process}, {@code network},
 * {@code sshd} (ARG: a rules folder), {@code vpc:FILE} or {@code auth:FILE}.
 */
public final class SideBySide {
  private SideBySide() {}

  /** Entry point: {@code KIND[:ARG] ROUNDS JAR JAR...}. */
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: SideBySide KIND[:ARG] ROUNDS OLD.jar NEW.jar...");
      System.exit(2);
    }
    int colon = args[0].indexOf(':');
    String kind = colon < 0 ? args[0] : args[0].substring(0, colon);
    String arg = colon < 0 ? null : args[0].substring(colon + 1);
    int rounds = Integer.parseInt(args[1]);
    int jars = args.length - 2;
    URL self = SideBySide.class.getProtectionDomain().getCodeSource().getLocation();
    LongSupplier[] work = new LongSupplier[jars];
    for (int j = 0; j < jars; j++) {
      Path jar = Path.of(args[2 + j]);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("no such jar: " + jar);
      }
      ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), self},
          ClassLoader.getPlatformClassLoader());
      Thread.currentThread().setContextClassLoader(loader);
      work[j] = (LongSupplier) loader.loadClass(PassWork.class.getName())
          .getMethod("of", String.class, String.class).invoke(null, kind, arg);
    }
    double[][] ms = new double[jars][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < jars; k++) {
        int j = r % 2 == 0 ? k : jars - 1 - k;
        ms[j][r] = work[j].getAsLong() / 1e6;
      }
    }
    int from = rounds / 3;
    for (int j = 0; j < jars; j++) {
      double[] kept = Arrays.copyOfRange(ms[j], from, rounds);
      Arrays.sort(kept);
      System.out.printf("%s: median pass %.1f ms (fastest %.1f)%n", args[2 + j],
          kept[kept.length / 2], kept[0]);
    }
    for (int j = 1; j < jars; j++) {
      double[] ratio = new double[rounds - from];
      for (int r = from; r < rounds; r++) {
        ratio[r - from] = ms[j][r] / ms[0][r];
      }
      Arrays.sort(ratio);
      System.out.printf("%s / %s pass time: median %.3f (quartiles %.3f, %.3f) over %d rounds%n",
          args[2 + j], args[2], ratio[ratio.length / 2], ratio[ratio.length / 4],
          ratio[3 * ratio.length / 4], ratio.length);
    }
  }
}
