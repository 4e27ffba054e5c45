package dev.minewarden.host.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log of every response action: one JSON object per line, appended, each carrying the
 * hash of the line before it ({@code prev}) and its own ({@code hash}), the SHA-256 of the
 * previous hash and the line's text up to its hash field. Editing, removing or reordering a line
 * breaks the chain at that line, which {@link #verify()} reports. The format is in {@code
 * docs/response.md}. Appends take a file lock, so two Minewarden processes never interleave.
 */
public final class AuditLog {
  /** The {@code prev} of the first entry. */
  public static final String GENESIS = "0".repeat(64);
  private static final String HASH_FIELD = ",\"hash\":\"";
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

  private final Path file;

  /** An audit log in this file (created on the first append). */
  public AuditLog(Path file) {
    this.file = file;
  }

  /** The log file. */
  public Path file() {
    return file;
  }

  /**
   * The outcome of a verification.
   *
   * @param ok whether every line is intact and chained
   * @param entries how many lines were read
   * @param badLine the first line (1-based) that fails, or 0
   * @param reason why it fails, or {@code null}
   * @param head the hash of the last good line (hand it off the host to detect truncation)
   */
  public record Verification(boolean ok, int entries, int badLine, String reason, String head) {}

  /**
   * Appends one entry; {@code seq}, {@code prev} and {@code hash} are added here.
   *
   * @param fields the entry's fields, JSON-friendly values, in output order
   * @return the entry as written, with its sequence number and hashes
   */
  public synchronized Map<String, Object> append(Map<String, Object> fields) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
      List<String> lines = lines();
      String prev = GENESIS;
      long seq = 1;
      if (!lines.isEmpty()) {
        Map<String, Object> last = parse(lines.get(lines.size() - 1));
        prev = String.valueOf(last.get("hash"));
        seq = ((Number) last.getOrDefault("seq", 0)).longValue() + 1;
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("seq", seq);
      entry.putAll(fields);
      entry.put("prev", prev);
      String body = JSON.writeValueAsString(entry);
      String hash = hash(prev, body);
      String line = body.substring(0, body.length() - 1) + HASH_FIELD + hash + "\"}\n";
      ch.position(ch.size());
      ch.write(StandardCharsets.UTF_8.encode(line));
      ch.force(false);
      entry.put("hash", hash);
      return entry;
    }
  }

  /** Every entry, oldest first (without verifying; see {@link #verify()}). */
  public List<Map<String, Object>> entries() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String l : lines()) {
      out.add(parse(l));
    }
    return out;
  }

  /** Checks every line's hash and its link to the line before. */
  public Verification verify() throws IOException {
    String prev = GENESIS;
    List<String> lines = lines();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int at = line.lastIndexOf(HASH_FIELD);
      if (at < 0 || !line.endsWith("\"}")) {
        return new Verification(false, lines.size(), i + 1, "no hash field", prev);
      }
      String body = line.substring(0, at) + "}";
      String stored = line.substring(at + HASH_FIELD.length(), line.length() - 2);
      Map<String, Object> e;
      try {
        e = parse(line);
      } catch (IOException ex) {
        return new Verification(false, lines.size(), i + 1, "not JSON", prev);
      }
      if (!prev.equals(e.get("prev"))) {
        return new Verification(false, lines.size(), i + 1, "prev does not match the line before (removed or reordered lines)", prev);
      }
      if (!hash(prev, body).equals(stored)) {
        return new Verification(false, lines.size(), i + 1, "hash does not match the content (edited)", prev);
      }
      if (!(e.get("seq") instanceof Number n) || n.longValue() != i + 1) {
        return new Verification(false, lines.size(), i + 1, "sequence number is not " + (i + 1), prev);
      }
      prev = stored;
    }
    return new Verification(true, lines.size(), 0, null, prev);
  }

  private List<String> lines() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!l.isEmpty()) {
        out.add(l);
      }
    }
    return out;
  }

  private static Map<String, Object> parse(String line) throws IOException {
    try {
      return JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() { });
    } catch (JsonProcessingException e) {
      throw new IOException("audit log line is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String hash(String prev, String body) {
    return Hashing.sha256(prev + "\n" + body);
  }
}
