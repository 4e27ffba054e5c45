package dev.minewarden.host;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the sensor carries between samples and, through its state folder, between runs: the file
 * baseline, the known listening ports, kernel settings and the host's CPU-cost baseline. Saved as
 * JSON ({@code host-baseline.json}), written to a temporary file and moved into place so a crash
 * never leaves half a baseline. Not thread-safe.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@JsonIgnoreProperties(ignoreUnknown = true)
final class SensorState {
  static final String FILE_NAME = "host-baseline.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Watched files by host path; a missing file has no entry. */
  Map<String, FileRecord> files = new TreeMap<>();
  boolean filesBaselined;
  /** Listening ports as {@code tcp/22}, {@code udp/53}. */
  Set<String> listeners = new TreeSet<>();
  boolean listenersBaselined;
  /** Kernel settings by name, as last seen. */
  Map<String, String> kernel = new TreeMap<>();
  boolean kernelBaselined;
  double costBaselineUsdPerHour;
  long costSamples;

  /**
   * One watched file.
   *
   * @param sha256 the content hash (of the link target text for symbolic links)
   * @param size the size in bytes
   * @param mtimeMillis the modification time, epoch ms
   */
  record FileRecord(String sha256, long size, long mtimeMillis) {}

  /** Loads the state from a folder, or returns a fresh state when there is none or it is unreadable. */
  static SensorState load(Path dir) {
    if (dir == null) {
      return new SensorState();
    }
    Path f = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(f)) {
      return new SensorState();
    }
    try {
      return JSON.readValue(f.toFile(), SensorState.class);
    } catch (IOException e) {
      // A corrupt baseline is replaced rather than trusted; the next save writes a fresh one.
      return new SensorState();
    }
  }

  /** Saves the state into a folder (created when missing); a null folder saves nothing. */
  void save(Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    Files.createDirectories(dir);
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
    Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
