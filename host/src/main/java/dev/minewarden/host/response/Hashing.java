package dev.minewarden.host.response;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, bytes and text, as lower-case hex. Thread-safe. */
final class Hashing {
  /** Executables larger than this are not hashed whole (no real miner comes near it). */
  static final long MAX_FILE = 512L << 20;

  private Hashing() {}

  /** The hash of a file's first {@link #MAX_FILE} bytes, or {@code null} when unreadable. */
  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = digest();
      byte[] buf = new byte[64 << 10];
      long total = 0;
      for (int n; total < MAX_FILE && (n = in.read(buf)) > 0; total += n) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The hash of bytes. */
  static String sha256(byte[] b) {
    return HexFormat.of().formatHex(digest().digest(b));
  }

  /** The hash of text as UTF-8. */
  static String sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
