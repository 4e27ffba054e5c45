package dev.minewarden.ingest.auditd;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code audit.log}: its type, event id ({@code seconds.millis:serial}), node, and its
 * fields as written (quoted values keep their quotes, so that decoding can tell literal text from
 * hex). Fields of the enriched section ({@code UID="root"}, after {@code \x1d}) are kept under
 * their upper-case names alongside the raw ones. Mutable only while being parsed.
 */
final class AuditRecord {
  final String type;
  final String node;
  final long epochMillis;
  final String id;
  final long line;
  final Map<String, String> fields = new LinkedHashMap<>();
  final int chars;

  AuditRecord(String type, String node, long epochMillis, String id, long line, int chars) {
    this.type = type;
    this.node = node;
    this.epochMillis = epochMillis;
    this.id = id;
    this.line = line;
    this.chars = chars;
  }

  /** The raw value of a field as written, or {@code null}. */
  String raw(String key) {
    return fields.get(key);
  }

  /** The decoded value of a field (quotes removed, hex decoded where audit encodes), or {@code null}. */
  String value(String key) {
    String raw = fields.get(key);
    return raw == null ? null : AuditValues.decode(type, key, raw);
  }

  /** The group key: records of one event share node and id. */
  String groupKey() {
    return node == null ? id : node + '|' + id;
  }
}
