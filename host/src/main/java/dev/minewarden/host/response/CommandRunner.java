package dev.minewarden.host.response;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs system tools ({@code nft}, {@code ipset}, {@code chattr}, {@code kill}...) as argument
 * lists, never through a shell, so no argument can become a command. An optional prefix runs
 * firewall tools elsewhere, for example {@code ip netns exec NAME} inside a network namespace.
 * Each run is bounded to 20 s and 64 KiB of output. Thread-safe.
 */
public final class CommandRunner {
  private static final int MAX_OUTPUT = 64 << 10;
  private static final long TIMEOUT_SECONDS = 20;

  private final List<String> prefix;

  /** A runner that prefixes every command with {@code prefix} (empty: run directly). */
  public CommandRunner(List<String> prefix) {
    this.prefix = List.copyOf(prefix);
  }

  /** A runner without prefix. */
  public static CommandRunner direct() {
    return new CommandRunner(List.of());
  }

  /** A runner inside the named network namespace ({@code ip netns exec NAME ...}). */
  public static CommandRunner inNetns(String name) {
    if (!isNetnsName(name)) {
      throw new IllegalArgumentException("bad network namespace name '" + name + "'");
    }
    return new CommandRunner(List.of("ip", "netns", "exec", name));
  }

  /** Whether a text is a plausible network namespace name: 1-64 of letters, digits, {@code _.-}. */
  public static boolean isNetnsName(String name) {
    return name != null && !name.isEmpty() && name.length() <= 64 && !name.startsWith(".")
        && name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.');
  }

  /** The prefix this runner puts before every command. */
  public List<String> prefix() {
    return prefix;
  }

  /**
   * The result of one run.
   *
   * @param exitCode the exit code; -1 when the tool could not be started or timed out
   * @param output standard output and error, merged, at most 64 KiB
   */
  public record Result(int exitCode, String output) {
    /** Whether the tool exited with 0. */
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs a command (prefixed) with nothing on its standard input. */
  public Result run(List<String> command) {
    return run(command, null);
  }

  /** Runs a command (prefixed), writing {@code stdin} (nullable) to its standard input. */
  public Result run(List<String> command, String stdin) {
    List<String> full = new ArrayList<>(prefix);
    int tool = full.size();
    full.addAll(command);
    // Resolve the tools to absolute paths: a service's PATH often lacks /usr/sbin.
    full.set(0, resolve(full.get(0)));
    full.set(tool, resolve(full.get(tool)));
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true)
          .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
              : ProcessBuilder.Redirect.PIPE)
          .start();
      if (stdin != null) {
        try (OutputStream in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] out;
      try (InputStream o = p.getInputStream()) {
        out = o.readNBytes(MAX_OUTPUT);
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + TIMEOUT_SECONDS + " s");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      return new Result(-1, String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  /** Whether an executable of this name is on the {@code PATH} (or in {@code /usr/sbin}, {@code /sbin}). */
  public static boolean onPath(String tool) {
    return !resolve(tool).equals(tool) || (tool.startsWith("/") && Files.isExecutable(Path.of(tool)));
  }

  /** The absolute path of a tool found on the {@code PATH} or in the sbin folders, else the name. */
  static String resolve(String tool) {
    if (tool.indexOf('/') >= 0) {
      return tool;
    }
    String path = System.getenv("PATH");
    List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(":")));
    dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
    for (String d : dirs) {
      if (d.startsWith("/") && Files.isExecutable(Path.of(d, tool))) {
        return Path.of(d, tool).toString();
      }
    }
    return tool;
  }
}
