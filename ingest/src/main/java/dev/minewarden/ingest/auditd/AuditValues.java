package dev.minewarden.ingest.auditd;

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
      return new String[] {ipv4(b, 4), Integer.toString(port)};
    }
    if (family == 10 && b.length >= 24) {
      return new String[] {ipv6(b, 8), Integer.toString(port)};
    }
    return null;
  }

  private static String ipv4(byte[] b, int o) {
    return (b[o] & 0xff) + "." + (b[o + 1] & 0xff) + "." + (b[o + 2] & 0xff) + "." + (b[o + 3] & 0xff);
  }

  /** RFC 5952 text of 16 bytes at {@code o}; IPv4-mapped addresses come back as IPv4. */
  static String ipv6(byte[] b, int o) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = (b[o + 2 * i] & 0xff) << 8 | (b[o + 2 * i + 1] & 0xff);
    }
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
      return ipv4(b, o + 12);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
