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

  /** Loads the built-in rules with a loader (which carries the placeholder values). */
  public static LoadResult load(SigmaLoader loader) {
    URL url = BuiltinRules.class.getClassLoader().getResource(ROOT);
    if (url == null) {
      return new LoadResult(List.of(), List.of(), List.of(),
          List.of(new RuleError("builtin:", null, null, "the built-in rule pack is missing")));
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem fs = openJar(uri)) {
          return loadTree(loader, fs.getPath(ROOT));
        }
      }
      return loadTree(loader, Path.of(uri));
    } catch (IOException | URISyntaxException | UncheckedIOException e) {
      return new LoadResult(List.of(), List.of(), List.of(),
          List.of(new RuleError("builtin:", null, null, "cannot read built-in rules: " + e)));
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

  private static LoadResult loadTree(SigmaLoader loader, Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .sorted()
          .toList();
    }
    LoadResult result = new LoadResult(List.of(), List.of(), List.of(), new ArrayList<>());
    for (Path f : files) {
      String origin = "builtin:" + root.relativize(f).toString().replace('\\', '/');
      result = result.plus(loader.loadString(Files.readString(f, StandardCharsets.UTF_8), origin));
    }
    return result;
  }
}
