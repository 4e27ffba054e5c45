package dev.minewarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the entries of a built-in rule's test-case document. */
final class TestCases {
  private TestCases() {}

  /** Every event of a test-case document, from single events and sequences alike. */
  static List<JsonNode> allEvents(JsonNode cases) {
    List<JsonNode> out = new ArrayList<>();
    for (String kind : List.of("match", "nomatch")) {
      for (JsonNode entry : cases.path(kind)) {
        if (entry.isArray()) {
          entry.forEach(out::add);
        } else {
          out.add(entry);
        }
      }
    }
    return out;
  }
}
