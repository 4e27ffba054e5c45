package dev.minewarden.core.event;

/**
 * Reads an IPv4 address written as a plain dotted quad (four decimal numbers up to 255 without
 * leading zeros, what flow logs and most parsers give), from text or straight from a record's
 * bytes, so that address tests need not make a string. Anything else (IPv6, mapped forms, spaces,
 * a fifth part, {@code 010.0.0.1}, which some tools read as octal) is left to a general parser.
 */
public final class DottedQuad {
  /** What {@link #parse} returns for text that is no plain dotted quad. */
  public static final long NONE = -1;

  private DottedQuad() {}

  /** The address as an unsigned 32-bit value, or {@link #NONE}. Allocates nothing. */
  public static long parse(CharSequence s) {
    int n = s.length();
    if (n < 7 || n > 15) {
      return NONE;
    }
    long out = 0;
    int part = 0;
    int val = -1;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? s.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        if (val == 0) {
          return NONE; // a leading zero
        }
        val = (val < 0 ? 0 : val * 10) + (c - '0');
        if (val > 255) {
          return NONE;
        }
      } else if (c == '.' && val >= 0 && part < 4) {
        out = out << 8 | val;
        part++;
        val = -1;
      } else {
        return NONE;
      }
    }
    return part == 4 ? out : NONE;
  }

  /**
   * The same for the bytes {@code from} (inclusive) to {@code to} (exclusive) of ASCII text. The
   * same loop as for text, written again rather than shared through a char accessor: it runs for
   * every address of every flow record.
   */
  public static long parse(byte[] b, int from, int to) {
    int n = to - from;
    if (n < 7 || n > 15) {
      return NONE;
    }
    long out = 0;
    int part = 0;
    int val = -1;
    for (int i = from; i <= to; i++) {
      int c = i < to ? b[i] : '.';
      if (c >= '0' && c <= '9') {
        if (val == 0) {
          return NONE; // a leading zero
        }
        val = (val < 0 ? 0 : val * 10) + (c - '0');
        if (val > 255) {
          return NONE;
        }
      } else if (c == '.' && val >= 0 && part < 4) {
        out = out << 8 | val;
        part++;
        val = -1;
      } else {
        return NONE;
      }
    }
    return part == 4 ? out : NONE;
  }
}
