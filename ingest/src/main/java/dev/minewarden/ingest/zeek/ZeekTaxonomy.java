package dev.minewarden.ingest.zeek;

import dev.minewarden.core.event.LogSource;
import java.util.Collection;
import java.util.Map;

/**
 * Maps Zeek's field names onto the Sigma taxonomy names of docs/events.md and works out the
 * logsource of a path. Stateless and thread-safe.
 */
final class ZeekTaxonomy {
  private ZeekTaxonomy() {}

  /** The logsource of events from the log at {@code path} (null when unknown). */
  static LogSource logSource(String path) {
    if (path == null) {
      return LogSource.of("zeek", null, null);
    }
    return switch (path) {
      case "conn" -> LogSource.exact("zeek", "network_connection", "conn");
      case "dns" -> LogSource.exact("zeek", "dns", "dns");
      default -> LogSource.exact("zeek", null, path);
    };
  }

  /**
   * Guesses the path of a log from the names of its fields, for JSON lines and headers without
   * {@code #path}.
   *
   * @return {@code conn}, {@code dns}, {@code ssh}, {@code http}, {@code ssl}, or {@code null}
   */
  static String detectPath(Collection<String> names) {
    if (names.contains("_path")) {
      return null; // the caller reads it from the record itself
    }
    if (names.contains("conn_state") || names.contains("orig_ip_bytes")) {
      return "conn";
    }
    if (names.contains("qtype_name") || names.contains("trans_id") || names.contains("qclass")) {
      return "dns";
    }
    if (names.contains("auth_success") || names.contains("auth_attempts")) {
      return "ssh";
    }
    if (names.contains("method") || names.contains("status_code")
        || names.contains("trans_depth")) {
      return "http";
    }
    if (names.contains("server_name") || names.contains("established")
        || names.contains("cipher")) {
      return "ssl";
    }
    return null;
  }

  /**
   * Adds the taxonomy fields derived from a record's Zeek fields.
   *
   * @param path the log's path, or null
   * @param zeek the record's Zeek-named, typed fields
   * @param out where the taxonomy fields go (may be {@code zeek} itself)
   */
  static void apply(String path, Map<String, Object> zeek, Map<String, Object> out) {
    copy(zeek, "id.orig_h", out, "SourceIp");
    copy(zeek, "id.orig_p", out, "SourcePort");
    copy(zeek, "id.resp_h", out, "DestinationIp");
    copy(zeek, "id.resp_p", out, "DestinationPort");
    if (path == null) {
      return;
    }
    switch (path) {
      case "conn" -> conn(zeek, out);
      case "dns" -> dns(zeek, out);
      case "http" -> copy(zeek, "host", out, "DestinationHostname");
      case "ssl" -> copy(zeek, "server_name", out, "DestinationHostname");
      default -> {
        // ssh and the rest: the four address fields are all the taxonomy has
      }
    }
  }

  private static void conn(Map<String, Object> zeek, Map<String, Object> out) {
    copy(zeek, "proto", out, "Protocol");
    copy(zeek, "orig_bytes", out, "BytesSent");
    copy(zeek, "resp_bytes", out, "BytesReceived");
    if (zeek.get("orig_pkts") instanceof Long o && zeek.get("resp_pkts") instanceof Long r) {
      out.put("Packets", o + r);
    }
    // local_orig: the originator is on the monitored network, so the connection went outbound.
    if (zeek.get("local_orig") instanceof Boolean local) {
      out.put("Initiated", local);
    }
  }

  private static void dns(Map<String, Object> zeek, Map<String, Object> out) {
    copy(zeek, "proto", out, "Protocol");
    copy(zeek, "qtype_name", out, "record_type");
    copy(zeek, "answers", out, "answer");
    // The taxonomy's rcode is the name (NOERROR); Zeek's numeric rcode is replaced by it.
    copy(zeek, "rcode_name", out, "rcode");
  }

  private static void copy(Map<String, Object> from, String name, Map<String, Object> to,
      String as) {
    Object v = from.get(name);
    if (v != null) {
      to.put(as, v);
    }
  }
}
