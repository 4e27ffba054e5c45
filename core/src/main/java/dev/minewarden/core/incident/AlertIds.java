package dev.minewarden.core.incident;

import dev.minewarden.core.alert.Alert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable alert ids: the same rule on the same record gives the same id in every run, so an
 * incident can name its alerts and a later run can find them again.
 */
public final class AlertIds {
  private AlertIds() {}

  /** 16 hex digits from the rule, the event time and where the triggering record was read. */
  public static String of(Alert a) {
    Object existing = a.attributes().get("event.id");
    if (existing != null) {
      return existing.toString();
    }
    String key = a.rule().id() + "|" + a.event().timestampMillis() + "|" + a.event().sourcePath()
        + "|" + a.event().sourceLine() + "|" + a.event().host() + "|" + a.related().size();
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
