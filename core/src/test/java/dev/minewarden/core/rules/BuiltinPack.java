package dev.minewarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test access to the built-in rule pack and its test-case files: lists the rule files, reads their
 * YAML documents and the matching test cases. Rule files are found through the class path (so the
 * tests see exactly what ships in the jar's resources); test cases mirror their relative paths.
 */
final class BuiltinPack {
  static final String RULES = "dev/minewarden/rules/builtin";
  static final String TESTS = "dev/minewarden/rules/builtin-tests";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private BuiltinPack() {}

  /** The rule files' paths relative to the pack root, with '/' separators, sorted. */
  static List<String> ruleFiles() {
    Path root = resourceDir(RULES);
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".yml"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The YAML documents of one rule file, in file order (the rule under test first). */
  static List<JsonNode> documents(String relative) {
    return readAll(resourceDir(RULES).resolve(relative));
  }

  /** The path of a rule's test-case file (which may be missing). */
  static Path testCaseFile(String relative) {
    return resourceDir(TESTS).resolve(relative);
  }

  /** The test-case document of a rule ({@code match} and {@code nomatch}). */
  static JsonNode testCases(String relative) {
    List<JsonNode> docs = readAll(testCaseFile(relative));
    if (docs.size() != 1) {
      throw new IllegalStateException(relative + ": expected one YAML document, got " + docs.size());
    }
    return docs.get(0);
  }

  /** Whether a rule file's first document is a correlation rule. */
  static boolean isCorrelation(List<JsonNode> docs) {
    return docs.get(0).has("correlation");
  }

  static List<JsonNode> readAll(Path file) {
    try (var parser = YAML.getFactory().createParser(file.toFile())) {
      List<JsonNode> out = new ArrayList<>();
      YAML.readValues(parser, JsonNode.class).forEachRemaining(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  static Path resourceDir(String name) {
    URL url = BuiltinPack.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("resource directory not on the class path: " + name);
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The repository root (set by the build; the working directory's parent otherwise). */
  static Path repositoryRoot() {
    String repo = System.getProperty("minewarden.repo");
    return repo != null ? Paths.get(repo) : Paths.get("..").toAbsolutePath().normalize();
  }
}
