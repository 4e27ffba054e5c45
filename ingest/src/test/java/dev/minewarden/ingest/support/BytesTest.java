package dev.minewarden.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTest {
  /** Bytes that stress the word tricks: the targets, their neighbours, 0x00, 0x80 and 0xFF. */
  private static final byte[] ALPHABET = {
    ' ', '\t', '\n', '\r', '0', '9', '/', ':', 'a', 0x00, 0x01, 0x1F, 0x21, 0x08, 0x0A, 0x0B,
    (byte) 0x80, (byte) 0xA0, (byte) 0xB0, (byte) 0xBA, (byte) 0xFF, '5'
  };

  @Test
  void wordScans_agreeWithByteByByteScansOnRandomInput() {
    Random r = new Random(20261127);
    for (int round = 0; round < 20_000; round++) {
      byte[] b = randomBytes(r, 1 + r.nextInt(40), 33);
      int from = r.nextInt(b.length);
      int to = from + r.nextInt(b.length - from + 1);
      assertThat(Bytes.nextSpaceOrTab(b, from, to)).as("space %s", round).isEqualTo(naiveSpace(b, from, to));
      assertThat(Bytes.indexOfNewline(b, from, to)).as("newline %s", round).isEqualTo(naiveNewline(b, from, to));
      assertThat(Bytes.allDigits(b, from, to)).as("digits %s", round).isEqualTo(naiveDigits(b, from, to));
      long skipped = Bytes.skipLinesStartingWithDigit(b, from, to);
      int start = naiveLineNotStartingWithDigit(b, from, to);
      assertThat((int) skipped).as("line start %s", round).isEqualTo(start);
      assertThat(skipped >>> 32).as("newlines before the line start %s", round)
          .isEqualTo(
              java.util.stream.IntStream.range(from, start).filter(i -> b[i] == '\n').count());
      long end = Bytes.lineEnd(b, from, to);
      int naiveEnd = naiveLineEnd(b, from, to);
      assertThat((int) end).as("line end %s", round).isEqualTo(naiveEnd);
      int scanned = naiveEnd < 0 ? to : naiveEnd;
      boolean notAscii = java.util.stream.IntStream.range(from, scanned).anyMatch(i -> b[i] < 0);
      assertThat((end & Bytes.NOT_ASCII) != 0).as("not ascii before the end %s", round)
          .isEqualTo(notAscii);
      long lineEnds = java.util.stream.IntStream.range(from, to).filter(i -> b[i] == '\n'
          || (b[i] == '\r' && (i + 1 == to || b[i + 1] != '\n'))).count();
      assertThat(Bytes.countLineEnds(b, from, to)).as("line ends %s", round).isEqualTo(lineEnds);
      assertThat(Bytes.countNewlines(b, from, to)).as("newlines %s", round)
          .isEqualTo(java.util.stream.IntStream.range(from, to).filter(i -> b[i] == '\n').count());
    }
  }

  private static int naiveLineEnd(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        return i;
      }
    }
    return -1;
  }

  @Test
  void allDigits_longRunsAndEdges() {
    byte[] digits = "12345678901234567890".getBytes();
    assertThat(Bytes.allDigits(digits, 0, digits.length)).isTrue();
    assertThat(Bytes.allDigits(digits, 3, 3)).isFalse();
    digits[17] = ':';
    assertThat(Bytes.allDigits(digits, 0, digits.length)).isFalse();
    assertThat(Bytes.allDigits(digits, 0, 17)).isTrue();
  }

  @Test
  void numberEnd_andParseDigits_agreeWithByteByByteReadsOnRandomInput() {
    Random r = new Random(20261128);
    for (int round = 0; round < 50_000; round++) {
      // Mostly digits, so numbers of every length up to past the bound come up, and the token
      // often ends at the array's end, where words cannot be read whole.
      byte[] b = randomBytes(r, 1 + r.nextInt(30), 80);
      int from = r.nextInt(b.length);
      int to = from + 1 + r.nextInt(b.length - from);
      int max = 1 + r.nextInt(20);
      int end = naiveSpace(b, from, to);
      boolean number = end - from <= max && naiveDigits(b, from, end);
      assertThat(Bytes.numberEnd(b, from, to, max)).as("round %s", round)
          .isEqualTo(number ? end : -1);
      if (number && end - from <= 18) {
        long expected = Long.parseLong(new String(b, from, end - from, StandardCharsets.US_ASCII));
        assertThat(Bytes.parseDigits(b, from, end)).as("value, round %s", round)
            .isEqualTo(expected);
      }
    }
    byte[] big = "999999999999999999 1795000000 0 18446744".getBytes(StandardCharsets.US_ASCII);
    assertThat(Bytes.parseDigits(big, 0, 18)).isEqualTo(999_999_999_999_999_999L);
    assertThat(Bytes.numberEnd(big, 19, big.length, 18)).isEqualTo(29);
    assertThat(Bytes.parseDigits(big, 19, 29)).isEqualTo(1_795_000_000L);
    assertThat(Bytes.numberEnd(big, 30, big.length, 18)).isEqualTo(31);
    assertThat(Bytes.numberEnd(big, 0, big.length, 17)).isEqualTo(-1);
  }

  /** Random bytes, each a digit with {@code digitPercent} percent chance, else from ALPHABET. */
  private static byte[] randomBytes(Random r, int length, int digitPercent) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = r.nextInt(100) < digitPercent
          ? (byte) ('0' + r.nextInt(10))
          : ALPHABET[r.nextInt(ALPHABET.length)];
    }
    return b;
  }

  private static int naiveLineNotStartingWithDigit(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n' && (i + 1 == to || b[i + 1] < '0' || b[i + 1] > '9')) {
        return i + 1;
      }
    }
    return to;
  }

  private static int naiveSpace(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == ' ' || b[i] == '\t') {
        return i;
      }
    }
    return to;
  }

  private static int naiveNewline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static boolean naiveDigits(byte[] b, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    return true;
  }
}
