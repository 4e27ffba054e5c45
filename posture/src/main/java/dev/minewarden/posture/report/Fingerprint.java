package dev.minewarden.posture.report;

import dev.minewarden.posture.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable identifiers for findings across runs: SHA-256 of the finding key, first 16 bytes. */
final class Fingerprint {
  private Fingerprint() {}

  static String of(Finding f) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(f.key().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}
