package dev.minewarden.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One input of a hunt: a file, or standard input.
 *
 * @param display how the input is named in alerts and reports ({@code log.file.path}); {@code -}
 *     for standard input
 * @param path the file, or {@code null} for standard input
 * @param size the file's size in bytes (compressed, as on disk), 0 for standard input
 * @param modifiedMillis the file's modification time in epoch ms, or now for standard input
 */
public record InputFile(String display, Path path, long size, long modifiedMillis) {

  /** Standard input, read at {@code nowMillis}. */
  public static InputFile stdin(long nowMillis) {
    return new InputFile("-", null, 0, nowMillis);
  }

  /** A regular file, with its size and modification time read now. */
  public static InputFile of(Path path) throws IOException {
    return new InputFile(
        path.toString(), path, Files.size(path), Files.getLastModifiedTime(path).toMillis());
  }

  /** Opens the raw bytes of the input (still compressed if the file is). */
  public InputStream openRaw() throws IOException {
    return path == null ? System.in : Files.newInputStream(path);
  }
}
