package dev.minewarden.host.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The file attributes {@code lsattr} shows; the sensor needs the immutable ({@code i}) and
 * append-only ({@code a}) flags, which Java cannot read without the {@code FS_IOC_GETFLAGS} ioctl.
 */
public final class Lsattr {
  private Lsattr() {}

  /**
   * Parses {@code lsattr -d} output ({@code ----i---------e------- /etc/hosts}) into flags per
   * path. Lines that are messages ({@code lsattr: Operation not supported ...}) are skipped.
   */
  public static Map<String, String> parse(String text) {
    Map<String, String> out = new HashMap<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\n")) {
      int space = line.indexOf(' ');
      if (space <= 0 || line.startsWith("lsattr:")) {
        continue;
      }
      String flags = line.substring(0, space);
      if (flags.chars().allMatch(c -> c == '-' || Character.isLetter(c))) {
        out.put(line.substring(space + 1), flags);
      }
    }
    return out;
  }

  /** Whether an {@code lsattr} flag field holds the immutable or append-only flag. */
  public static boolean isLocked(String flags) {
    return flags != null && (flags.indexOf('i') >= 0 || flags.indexOf('a') >= 0);
  }

  /**
   * Runs {@code lsattr -d} on the given files (a thin reader: a few ms per call, 10 s at most).
   *
   * @return flags per path as given, or an empty map when {@code lsattr} is missing or fails
   */
  public static Map<String, String> read(List<Path> files) {
    if (files.isEmpty()) {
      return Map.of();
    }
    List<String> cmd = new java.util.ArrayList<>(List.of("lsattr", "-d", "--"));
    files.forEach(f -> cmd.add(f.toString()));
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (InputStream in = p.getInputStream()) {
        byte[] out = in.readNBytes(4 << 20);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return Map.of();
        }
        return parse(new String(out, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }
}
