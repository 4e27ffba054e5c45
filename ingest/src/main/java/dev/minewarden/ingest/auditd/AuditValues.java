package dev.minewarden.ingest.auditd;

import dev.minewarden.core.net.IpText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Decoding of audit field values. The kernel writes untrusted strings either quoted, or, when
 * they hold a space, quote or control character, as bare upper-case hex of their bytes; this
 * class undoes that for the fields where it happens, and decodes {@code SOCKADDR}'s {@code saddr}.
 * Stateless.
 */
final class AuditValues {
  /** Fields the kernel and auditd log as "untrusted strings" (quoted or hex). */
  private static final Set<String> ENCODED = Set.of("comm", "exe", "name", "cwd", "proctitle",
      "cmd", "key", "path", "acct", "ocomm", "data", "watch", "dir", "file", "old", "new",
      "vm", "root_dir", "sig_path", "comm2");

  private AuditValues() {}

  /** The value of {@code key} in a record of {@code type}, decoded. */
  static String decode(String type, String key, String raw) {
    if (!raw.isEmpty() && raw.charAt(0) == '"') {
      int end = raw.length() > 1 && raw.charAt(raw.length() - 1) == '"' ? raw.length() - 1 : raw.length();
      return raw.substring(1, end);
    }
    if (!isHex(raw) || !(ENCODED.contains(key) || ("EXECVE".equals(type) && isArgKey(key)))) {
      return raw;
    }
    String text = utf8(hex(raw));
    if ("proctitle".equals(key)) {
      return text.replace('\0', ' ').strip();
    }
    if ("key".equals(key)) {
      return text.replace('\u0001', ',');
    }
    return text;
  }

  /** {@code a0}, {@code a12}, {@code a1[3]}: an EXECVE argument or argument piece. */
  static boolean isArgKey(String key) {
    if (key.length() < 2 || key.charAt(0) != 'a' || !Character.isDigit(key.charAt(1))) {
      return false;
    }
    int i = 1;
    while (i < key.length() && Character.isDigit(key.charAt(i))) {
      i++;
    }
    return i == key.length() || key.charAt(i) == '[';
  }

  static boolean isHex(String s) {
    if (s.isEmpty() || s.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of an even-length hex string (caller checked {@link #isHex}). */
  static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((Character.digit(s.charAt(2 * i), 16) << 4) | Character.digit(s.charAt(2 * i + 1), 16));
    }
    return out;
  }

  /** Bytes as UTF-8 text, invalid sequences replaced by U+FFFD. */
  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("replacing decoder cannot fail", e);
    }
  }

  /** The bytes of an EXECVE argument piece: quoted text, or hex. */
  static byte[] argBytes(String raw) {
    if (!raw.isEmpty() && raw.charAt(0) == '"') {
      return decode("EXECVE", "a0", raw).getBytes(StandardCharsets.UTF_8);
    }
    return isHex(raw) ? hex(raw) : raw.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The destination of a {@code saddr} (hex {@code struct sockaddr}, family in host byte order,
   * little-endian as on x86-64 and arm64): {address, port} for AF_INET and AF_INET6, else null.
   */
  static String[] inetAddress(String saddr) {
    if (saddr == null || !isHex(saddr)) {
      return null;
    }
    byte[] b = hex(saddr);
    if (b.length < 8) {
      return null;
    }
    int family = (b[0] & 0xff) | (b[1] & 0xff) << 8;
    int port = (b[2] & 0xff) << 8 | (b[3] & 0xff);
    if (family == 2) {
      return new String[] {IpText.ipv4(b, 4), Integer.toString(port)};
    }
    if (family == 10 && b.length >= 24) {
      return new String[] {IpText.ipv6OrMappedIpv4(b, 8), Integer.toString(port)};
    }
    return null;
  }
}
