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
    byte[] d = SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 8);
  }

  /**
   * A digest per thread, reset by each {@code digest}: looking the algorithm up among the security
   * providers took a third of an id's time, and a hunt gives ids to every alert it prints.
   */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });
}
