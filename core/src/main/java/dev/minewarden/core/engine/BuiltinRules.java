package dev.minewarden.core.engine;

import dev.minewarden.core.sigma.LoadResult;
import dev.minewarden.core.sigma.RuleError;
import dev.minewarden.core.sigma.SigmaLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The built-in rule pack, shipped as Sigma YAML resources under {@value #ROOT}. Works the same
 * from a folder of classes and from inside a jar. Each rule's path reads {@code
 * builtin:<relative path>}.
 */
public final class BuiltinRules {
  /** The classpath folder of the built-in rules. */
  public static final String ROOT = "dev/minewarden/rules/builtin";

  private BuiltinRules() {}

  /** The classpath folder of the built-in rules' test cases (same relative paths as the rules). */
  public static final String TESTS_ROOT = "dev/minewarden/rules/builtin-tests";

  /** Loads the built-in rules with a loader (which carries the placeholder values). */
  public static LoadResult load(SigmaLoader loader) {
    List<LoadResult> parts = new ArrayList<>();
    try {
      read(ROOT, (relative, text) -> parts.add(loader.loadString(text, "builtin:" + relative)));
    } catch (IOException | UncheckedIOException e) {
      return new LoadResult(List.of(), List.of(), List.of(),
          List.of(new RuleError("builtin:", null, null, "cannot read built-in rules: " + e)));
    }
    LoadResult result = new LoadResult(List.of(), List.of(), List.of(), List.of());
    for (LoadResult r : parts) {
      result = result.plus(r);
    }
    return result;
  }

  /**
   * Reads every YAML file under a classpath folder, in path order, from a folder of classes or
   * from inside a jar alike.
   *
   * @param folder the classpath folder, e.g. {@link #ROOT}
   * @param file receives each file's path relative to the folder ({@code /} separators) and text
   * @throws IOException when the folder is missing or unreadable
   */
  public static void read(String folder, BiConsumer<String, String> file) throws IOException {
    URL url = BuiltinRules.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IOException("classpath folder missing: " + folder);
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem fs = openJar(uri)) {
          readTree(fs.getPath(folder), file);
        }
      } else {
        readTree(Path.of(uri), file);
      }
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  private static FileSystem openJar(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      // Another caller has it open; a new one on the same jar path is independent of it.
      String jar = uri.getSchemeSpecificPart();
      return FileSystems.newFileSystem(Path.of(URI.create(jar.substring(0, jar.indexOf("!/")))));
    }
  }

  private static void readTree(Path root, BiConsumer<String, String> file) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .sorted()
          .toList();
    }
    for (Path f : files) {
      String relative = root.relativize(f).toString().replace('\\', '/');
      file.accept(relative, Files.readString(f, StandardCharsets.UTF_8));
    }
  }
}
