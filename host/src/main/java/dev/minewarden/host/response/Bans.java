package dev.minewarden.host.response;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often each source has been banned, so that each new ban lasts longer (10 minutes, then an
 * hour, a day, a week, by default). Kept as {@code bans.json} in the response folder. Not
 * thread-safe.
 */
final class Bans {
  static final String FILE_NAME = "bans.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, Integer> counts;

  private Bans(Path file, Map<String, Integer> counts) {
    this.file = file;
    this.counts = counts;
  }

  /** Loads the counts from a folder (none yet, or unreadable: all zero). */
  static Bans load(Path dir) {
    Path f = dir.resolve(FILE_NAME);
    Map<String, Integer> m = new TreeMap<>();
    if (Files.isRegularFile(f)) {
      try {
        m.putAll(JSON.readValue(f.toFile(), new TypeReference<Map<String, Integer>>() { }));
      } catch (IOException e) {
        // A corrupt history starts over: bans are short again, never refused.
      }
    }
    return new Bans(f, m);
  }

  /** How many bans the source has had. */
  int count(String ip) {
    return counts.getOrDefault(ip, 0);
  }

  /** The length of the source's next ban, seconds: the n-th duration, the last one repeating. */
  long nextDuration(String ip, List<Long> durations) {
    return durations.get(Math.min(count(ip), durations.size() - 1));
  }

  /** Counts one more ban of the source and saves. */
  void record(String ip) throws IOException {
    counts.merge(ip, 1, Integer::sum);
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    JSON.writeValue(tmp.toFile(), counts);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
