package dev.minewarden.core.sigma;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.minewarden.core.sigma.internal.InvalidRuleException;
import dev.minewarden.core.sigma.internal.RuleCollections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads Sigma YAML: single files, folders (recursed, {@code .yml} and {@code .yaml} files in path
 * order) or strings. A file may hold several documents separated by {@code ---}, including rule
 * collections ({@code action: global}, {@code reset}, {@code repeat}). Each document becomes a
 * {@link SigmaRule}, a {@link SigmaFilter} (it has {@code filter:}) or, untouched, a {@link
 * RawDocument} (it has {@code correlation:}). A document that cannot be loaded becomes a {@link
 * RuleError} naming its file, and every other document still loads.
 *
 * <p>Placeholders: values with the {@code expand} modifier have their {@code %name%} placeholders
 * replaced by the values configured for {@code name} (each value a Sigma string, OR-ed). A rule
 * using a placeholder with no configured value is refused with a load error naming the placeholder,
 * as the specification asks of tools that cannot resolve one.
 *
 * <p>Immutable and thread-safe.
 */
public final class SigmaLoader {
  /** Rule files larger than this (bytes) are refused: 4 MiB. */
  public static final long MAX_FILE_BYTES = 4L << 20;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final DocumentParser parser;

  /** A loader without placeholder values. */
  public SigmaLoader() {
    this(Map.of());
  }

  /**
   * A loader with placeholder values for the {@code expand} modifier.
   *
   * @param placeholders placeholder name (without {@code %}) to its values; copied
   */
  public SigmaLoader(Map<String, List<String>> placeholders) {
    this.parser = new DocumentParser(placeholders);
  }

  /**
   * Loads a file, or every {@code .yml}/{@code .yaml} file under a folder.
   *
   * @param path a file or folder; an unreadable one gives an error, not an exception
   */
  public LoadResult load(Path path) {
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        List<Path> files =
            walk.filter(Files::isRegularFile).filter(SigmaLoader::isYaml).sorted().toList();
        return loadFiles(files);
      } catch (IOException | java.io.UncheckedIOException e) {
        return failed(path.toString(), "cannot list folder: " + e.getMessage());
      }
    }
    return loadFile(path);
  }

  /** Loads several files or folders, in the order given. */
  public LoadResult load(Collection<Path> paths) {
    LoadResult r = empty();
    for (Path p : paths) {
      r = r.plus(load(p));
    }
    return r;
  }

  /**
   * Loads YAML text.
   *
   * @param yaml one or more YAML documents
   * @param origin what errors and {@link SigmaRule#path()} name as the source
   */
  public LoadResult loadString(String yaml, String origin) {
    List<Map<String, Object>> docs = new ArrayList<>();
    List<RuleError> errors = new ArrayList<>();
    try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        docs.add(asMap(it.nextValue(), docs.size(), origin, errors));
      }
    } catch (JsonProcessingException | RuntimeException e) {
      errors.add(new RuleError(origin, null, null, "YAML syntax error: " + firstLine(e)));
    } catch (IOException e) {
      errors.add(new RuleError(origin, null, null, "cannot read: " + e.getMessage()));
    }
    return interpret(docs, origin, errors);
  }

  private static boolean isYaml(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yml") || n.endsWith(".yaml");
  }

  private LoadResult loadFiles(List<Path> files) {
    LoadResult r = empty();
    for (Path f : files) {
      r = r.plus(loadFile(f));
    }
    return r;
  }

  private LoadResult loadFile(Path file) {
    String name = file.toString();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        return failed(name, "file larger than " + MAX_FILE_BYTES + " bytes");
      }
      return loadString(Files.readString(file, StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      return failed(name, "cannot read: " + e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(
      Object doc, int index, String origin, List<RuleError> errors) {
    if (doc == null || doc instanceof Map<?, ?>) {
      return (Map<String, Object>) doc;
    }
    errors.add(new RuleError(origin, null, null, "document " + (index + 1) + " is not a map"));
    return null;
  }

  private LoadResult interpret(List<Map<String, Object>> docs, String origin, List<RuleError> errors) {
    List<SigmaRule> rules = new ArrayList<>();
    List<SigmaFilter> filters = new ArrayList<>();
    List<RawDocument> correlations = new ArrayList<>();
    List<RuleCollections.Doc> resolved;
    try {
      resolved = RuleCollections.resolve(docs);
    } catch (InvalidRuleException e) {
      errors.add(new RuleError(origin, null, null, e.getMessage()));
      return new LoadResult(rules, filters, correlations, errors);
    }
    for (RuleCollections.Doc d : resolved) {
      Map<String, Object> doc = d.content();
      try {
        if (doc.containsKey("correlation")) {
          correlations.add(new RawDocument(doc, origin));
        } else if (doc.containsKey("filter")) {
          filters.add(parser.filter(doc, origin));
        } else {
          rules.add(parser.rule(doc, origin, d.index()));
        }
      } catch (InvalidRuleException | RuntimeException e) {
        errors.add(error(doc, origin, resolved.size() > 1 ? d.index() : -1, e));
      }
    }
    return new LoadResult(rules, filters, correlations, errors);
  }

  private static RuleError error(Map<String, Object> doc, String origin, int index, Exception e) {
    String msg = e instanceof InvalidRuleException ? e.getMessage() : "invalid rule: " + e;
    if (index >= 0) {
      msg = "document " + (index + 1) + ": " + msg;
    }
    return new RuleError(
        origin,
        DocumentParser.optionalString(doc, "title"),
        DocumentParser.optionalString(doc, "id"),
        msg);
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static LoadResult empty() {
    return new LoadResult(List.of(), List.of(), List.of(), List.of());
  }

  private static LoadResult failed(String path, String message) {
    return new LoadResult(List.of(), List.of(), List.of(), List.of(new RuleError(path, null, null, message)));
  }
}
