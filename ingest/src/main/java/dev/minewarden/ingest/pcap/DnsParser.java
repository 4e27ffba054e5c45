package dev.minewarden.ingest.pcap;

import dev.minewarden.core.net.IpText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses DNS messages (RFC 1035) safely: every read is bounds-checked, compression pointers must
 * point strictly backwards (so they cannot loop) and are counted, and names, texts and answer lists
 * are capped. Pure; stateless and thread-safe.
 */
final class DnsParser {
  /** At most this many answers are kept per message. */
  static final int MAX_ANSWERS = 64;
  private static final int MAX_NAME = 255;
  private static final int MAX_POINTERS = 64;
  private static final int MAX_TEXT = 512;

  private DnsParser() {}

  /** Thrown inside the parser for a message that cannot be read; never escapes {@link #parse}. */
  private static final class Bad extends Exception {
    Bad(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The outcome of a parse: a message, or why there is none. */
  record Result(DnsMessage message, String error) {}

  /**
   * Parses one message.
   *
   * @return the message, or an error reason; never throws
   */
  static Result parse(byte[] b, int off, int len) {
    try {
      return new Result(read(b, off, len), null);
    } catch (Bad e) {
      return new Result(null, e.getMessage());
    }
  }

  private static DnsMessage read(byte[] b, int off, int len) throws Bad {
    if (len < 12) {
      throw new Bad("DNS message shorter than its header");
    }
    int end = off + len;
    int id = ByteInput.u16(b, off, false);
    int flags = ByteInput.u16(b, off + 2, false);
    int qd = ByteInput.u16(b, off + 4, false);
    int an = ByteInput.u16(b, off + 6, false);
    int pos = off + 12;
    String query = null;
    String type = null;
    int[] cursor = {pos};
    for (int i = 0; i < qd; i++) {
      String name = name(b, off, end, cursor);
      need(cursor[0] + 4, end);
      if (i == 0) {
        query = name;
        type = typeName(ByteInput.u16(b, cursor[0], false));
      }
      cursor[0] += 4;
    }
    List<String> answers = new ArrayList<>(Math.min(an, 8));
    for (int i = 0; i < an; i++) {
      String value = record(b, off, end, cursor);
      if (value != null && answers.size() < MAX_ANSWERS) {
        answers.add(value);
      }
    }
    boolean response = (flags & 0x8000) != 0;
    return new DnsMessage(id, response, rcodeName(flags & 0x0f), query, type, List.copyOf(answers));
  }

  private static void need(int upTo, int end) throws Bad {
    if (upTo > end) {
      throw new Bad("truncated DNS message");
    }
  }

  /** Reads one resource record at {@code cursor[0]} and returns its value as text, or null. */
  private static String record(byte[] b, int msg, int end, int[] cursor) throws Bad {
    name(b, msg, end, cursor);
    int p = cursor[0];
    need(p + 10, end);
    int type = ByteInput.u16(b, p, false);
    int rdLen = ByteInput.u16(b, p + 8, false);
    int rd = p + 10;
    need(rd + rdLen, end);
    cursor[0] = rd + rdLen;
    switch (type) {
      case 1:
        return rdLen == 4 ? IpText.ipv4(b, rd) : null;
      case 28:
        return rdLen == 16 ? IpText.ipv6(b, rd) : null;
      case 2: case 5: case 12:
        return name(b, msg, rd + rdLen, new int[] {rd});
      case 15:
        return rdLen > 2 ? name(b, msg, rd + rdLen, new int[] {rd + 2}) : null;
      case 33:
        return rdLen > 6 ? name(b, msg, rd + rdLen, new int[] {rd + 6}) : null;
      case 16:
        return text(b, rd, rd + rdLen);
      default:
        return null;
    }
  }

  /**
   * Reads a possibly compressed name starting at {@code cursor[0]}, leaving the cursor after it.
   * Compression pointers are followed only backwards from the label that holds them, so a chain
   * of them always ends; their number is capped as well.
   *
   * @param msg the start of the message (pointers are offsets from it)
   * @param end the end of the readable bytes for the name's first labels
   */
  static String name(byte[] b, int msg, int end, int[] cursor) throws Bad {
    StringBuilder sb = new StringBuilder(32);
    int p = cursor[0];
    int limit = end;
    boolean jumped = false;
    int pointers = 0;
    while (true) {
      need(p + 1, limit);
      int len = b[p] & 0xff;
      if (len == 0) {
        p++;
        break;
      }
      if ((len & 0xc0) == 0xc0) {
        need(p + 2, limit);
        int target = msg + ((len & 0x3f) << 8 | (b[p + 1] & 0xff));
        if (target >= p || ++pointers > MAX_POINTERS) {
          throw new Bad("DNS compression pointer loops or points forward");
        }
        if (!jumped) {
          cursor[0] = p + 2;
          jumped = true;
        }
        // After a jump the name may continue anywhere before the pointer, within the message.
        limit = p;
        p = target;
        continue;
      }
      if ((len & 0xc0) != 0) {
        throw new Bad("DNS label type " + (len >>> 6) + " is not supported");
      }
      need(p + 1 + len, limit);
      if (sb.length() + len + 1 > MAX_NAME) {
        throw new Bad("DNS name longer than " + MAX_NAME + " bytes");
      }
      if (sb.length() > 0) {
        sb.append('.');
      }
      label(b, p + 1, len, sb);
      p += 1 + len;
    }
    if (!jumped) {
      cursor[0] = p;
    }
    return sb.length() == 0 ? "." : sb.toString();
  }

  /** Appends a label, escaping dots, backslashes and non-printable bytes the way dig does. */
  private static void label(byte[] b, int from, int len, StringBuilder sb) {
    for (int i = from; i < from + len; i++) {
      int c = b[i] & 0xff;
      if (c == '.' || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c > 0x20 && c < 0x7f) {
        sb.append((char) c);
      } else {
        sb.append('\\').append(c / 100).append(c / 10 % 10).append(c % 10);
      }
    }
  }

  /** The character-strings of a TXT record, concatenated; invalid UTF-8 replaced; capped. */
  private static String text(byte[] b, int p, int end) {
    StringBuilder sb = new StringBuilder();
    while (p < end && sb.length() < MAX_TEXT) {
      int len = b[p] & 0xff;
      int n = Math.min(len, end - p - 1);
      sb.append(new String(b, p + 1, n, StandardCharsets.UTF_8));
      p += 1 + len;
    }
    return sb.length() > MAX_TEXT ? sb.substring(0, MAX_TEXT) : sb.toString();
  }

  /** The mnemonic of a record type, or {@code TYPEn} (RFC 3597) for the rest. */
  static String typeName(int type) {
    return switch (type) {
      case 1 -> "A";
      case 2 -> "NS";
      case 5 -> "CNAME";
      case 6 -> "SOA";
      case 12 -> "PTR";
      case 15 -> "MX";
      case 16 -> "TXT";
      case 28 -> "AAAA";
      case 33 -> "SRV";
      case 35 -> "NAPTR";
      case 41 -> "OPT";
      case 43 -> "DS";
      case 46 -> "RRSIG";
      case 47 -> "NSEC";
      case 48 -> "DNSKEY";
      case 64 -> "SVCB";
      case 65 -> "HTTPS";
      case 252 -> "AXFR";
      case 255 -> "ANY";
      case 257 -> "CAA";
      default -> "TYPE" + type;
    };
  }

  /** The name of a 4-bit response code. */
  static String rcodeName(int rcode) {
    return switch (rcode) {
      case 0 -> "NOERROR";
      case 1 -> "FORMERR";
      case 2 -> "SERVFAIL";
      case 3 -> "NXDOMAIN";
      case 4 -> "NOTIMP";
      case 5 -> "REFUSED";
      case 6 -> "YXDOMAIN";
      case 7 -> "YXRRSET";
      case 8 -> "NXRRSET";
      case 9 -> "NOTAUTH";
      case 10 -> "NOTZONE";
      default -> "RCODE" + rcode;
    };
  }
}
