package dev.minewarden.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonRecordsExcerptTest {

  @Test
  void excerpt_shortRecordWhole() throws Exception {
    JsonNode r = JsonRecords.mapper().readTree("{\"a\": [1, 2], \"b\": \"x\"}");
    assertThat(JsonRecords.excerpt(r)).isEqualTo("{\"a\":[1,2],\"b\":\"x\"}");
  }

  @Test
  void excerpt_longRecordCutAtTheLimit() throws Exception {
    String value = "y".repeat(500);
    JsonNode r = JsonRecords.mapper().readTree("{\"k\":\"" + value + "\"}");
    String excerpt = JsonRecords.excerpt(r);
    assertThat(excerpt).hasSize(JsonRecords.EXCERPT_CHARS).isEqualTo(("{\"k\":\"" + value)
        .substring(0, JsonRecords.EXCERPT_CHARS));
  }
}
