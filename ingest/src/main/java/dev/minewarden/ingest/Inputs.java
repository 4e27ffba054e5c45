package dev.minewarden.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the paths a user gives into the inputs of a hunt: folders are walked, {@code -} is stdin. */
public final class Inputs {
  private Inputs() {}

  /**
   * Lists the regular files under each path (folders recursed, hidden files included, symbolic
   * links to files followed but links to folders not, so a loop cannot trap the walk), sorted by
   * path within each folder so runs are repeatable.
   *
   * @param paths files, folders, or {@code -} for standard input
   * @param nowMillis the time to stamp standard input with
   * @param problems receives one line per path that cannot be read; the others are still listed
   */
  public static List<InputFile> expand(List<String> paths, long nowMillis, List<String> problems) {
    List<InputFile> out = new ArrayList<>();
    for (String p : paths) {
      if (p.equals("-")) {
        out.add(InputFile.stdin(nowMillis));
        continue;
      }
      Path path = Path.of(p);
      try {
        if (Files.isDirectory(path)) {
          walk(path, out);
        } else if (Files.isRegularFile(path)) {
          out.add(InputFile.of(path));
        } else {
          problems.add(p + ": no such file or folder");
        }
      } catch (IOException | UncheckedIOException e) {
        problems.add(p + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static void walk(Path dir, List<InputFile> out) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
      for (Path f : files) {
        if (!f.getFileName().toString().endsWith(".source.txt")) {
          out.add(InputFile.of(f));
        }
      }
    }
  }
}
