package dev.minewarden.core.correlation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Reads YAML test documents the way the rule loader does: Jackson's default maps and lists. */
final class Yaml {
  private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  private Yaml() {}

  /** One document from text. */
  static Map<String, Object> doc(String yaml) {
    try {
      return MAPPER.readValue(yaml, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a test resource. */
  static List<Map<String, Object>> resource(String name) {
    try (InputStream in = Yaml.class.getResourceAsStream("/sigma-correlation/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      MappingIterator<Map<String, Object>> it =
          MAPPER.readerFor(new TypeReference<Map<String, Object>>() {}).readValues(in);
      return it.readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
