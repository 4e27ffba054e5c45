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
    int i = 0;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (i >= n || s.charAt(i) != '.') {
          return NONE;
        }
        i++;
      }
      // One to three digits, read one octet at a time: fewer and steadier branches than a test
      // of every char against every case.
      int v = i < n ? s.charAt(i) - '0' : -1;
      if (v < 0 || v > 9) {
        return NONE;
      }
      i++;
      int d = i < n ? s.charAt(i) - '0' : -1;
      if (d >= 0 && d <= 9) {
        if (v == 0) {
          return NONE; // a leading zero
        }
        v = v * 10 + d;
        i++;
        d = i < n ? s.charAt(i) - '0' : -1;
        if (d >= 0 && d <= 9) {
          v = v * 10 + d;
          i++;
          if (v > 255) {
            return NONE;
          }
        }
      }
      out = out << 8 | v;
    }
    return i == n ? out : NONE;
  }

  /** The same for the bytes {@code from} (inclusive) to {@code to} (exclusive) of ASCII text. */
  public static long parse(byte[] b, int from, int to) {
    if (to - from < 7 || to - from > 15) {
      return NONE;
    }
    long r = prefix(b, from, to);
    return r >= 0 && (int) (r >>> 32) == to - from ? r & 0xFFFF_FFFFL : NONE;
  }

  /**
   * The plain dotted quad at the start of {@code b[from, to)}, for a parser that reads an address
   * as it splits a line: {@code (long) length << 32 | address}, where {@code length} counts the
   * bytes read (up to the fourth part's last digit), or {@link #NONE} when the bytes do not start
   * with one. The caller checks what follows: the token is that address exactly when a separator
   * (or {@code to}) comes next. The same steps as for text, written again rather than shared
   * through a char accessor: they run for every address of every flow record.
   */
  public static long prefix(byte[] b, int from, int to) {
    long out = 0;
    int i = from;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (i >= to || b[i] != '.') {
          return NONE;
        }
        i++;
      }
      int v = i < to ? b[i] - '0' : -1;
      if (v < 0 || v > 9) {
        return NONE;
      }
      i++;
      int d = i < to ? b[i] - '0' : -1;
      if (d >= 0 && d <= 9) {
        if (v == 0) {
          return NONE; // a leading zero
        }
        v = v * 10 + d;
        i++;
        d = i < to ? b[i] - '0' : -1;
        if (d >= 0 && d <= 9) {
          v = v * 10 + d;
          i++;
          if (v > 255) {
            return NONE;
          }
        }
      }
      out = out << 8 | v;
    }
    return (long) (i - from) << 32 | out;
  }
}
