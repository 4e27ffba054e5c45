package dev.minewarden.core.sigma.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The transformation modifiers that turn one Sigma value into one or more others. */
final class ValueEncodings {
  private static final String DASHES = "-/\u2013\u2014\u2015";
  /** Above this many dash positions, windash varies all dashes together instead of permuting. */
  private static final int MAX_PERMUTED_DASHES = 4;
  private static final int[] B64_START = {0, 2, 3};
  private static final int[] B64_END_TRIM = {0, 3, 2};

  private ValueEncodings() {}

  static List<SigmaValue> apply(String modifier, SigmaValue v) throws InvalidRuleException {
    return switch (modifier) {
      case "windash" -> windash(v);
      case "base64" -> List.of(SigmaValue.literal(base64(bytes(v, modifier))));
      case "base64offset" -> base64Offset(bytes(v, modifier));
      case "utf16le", "wide" -> List.of(binary(text(v, modifier), StandardCharsets.UTF_16LE, false));
      case "utf16be" -> List.of(binary(text(v, modifier), StandardCharsets.UTF_16BE, false));
      case "utf16" -> List.of(binary(text(v, modifier), StandardCharsets.UTF_16LE, true));
      default -> throw new IllegalStateException(modifier);
    };
  }

  private static String text(SigmaValue v, String modifier) throws InvalidRuleException {
    if (v.hasWildcards()) {
      throw new InvalidRuleException(
          "modifier '" + modifier + "' cannot encode a value with wildcards: " + v.parts());
    }
    return v.text();
  }

  private static byte[] bytes(SigmaValue v, String modifier) throws InvalidRuleException {
    String t = text(v, modifier);
    return t.getBytes(v.binary() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  private static String base64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  /**
   * The three encodings of a value at byte offsets 0, 1 and 2 of a base64 stream, cut to the part
   * that does not depend on the surrounding bytes (as pySigma does).
   */
  private static List<SigmaValue> base64Offset(byte[] value) {
    List<SigmaValue> out = new ArrayList<>(3);
    for (int i = 0; i < 3; i++) {
      byte[] shifted = new byte[value.length + i];
      java.util.Arrays.fill(shifted, 0, i, (byte) ' ');
      System.arraycopy(value, 0, shifted, i, value.length);
      String enc = base64(shifted);
      int end = enc.length() - B64_END_TRIM[(value.length + i) % 3];
      if (end > B64_START[i]) {
        out.add(SigmaValue.literal(enc.substring(B64_START[i], end)));
      }
    }
    return out;
  }

  private static SigmaValue binary(String text, java.nio.charset.Charset cs, boolean bom) {
    byte[] b = text.getBytes(cs);
    String s = new String(b, StandardCharsets.ISO_8859_1);
    return new SigmaValue(List.of(bom ? "\u00FF\u00FE" + s : s), true);
  }

  private static List<SigmaValue> windash(SigmaValue v) {
    int count = 0;
    for (Object p : v.parts()) {
      if (p instanceof String s) {
        for (int i = 0; i < s.length(); i++) {
          count += DASHES.indexOf(s.charAt(i)) >= 0 ? 1 : 0;
        }
      }
    }
    List<SigmaValue> out = new ArrayList<>();
    if (count == 0) {
      return List.of(v);
    }
    if (count > MAX_PERMUTED_DASHES) {
      for (int d = 0; d < DASHES.length(); d++) {
        out.add(replaceDashes(v, new int[] {d}, true));
      }
      return out;
    }
    int total = (int) Math.pow(DASHES.length(), count);
    for (int combo = 0; combo < total; combo++) {
      int[] choice = new int[count];
      int c = combo;
      for (int i = 0; i < count; i++) {
        choice[i] = c % DASHES.length();
        c /= DASHES.length();
      }
      out.add(replaceDashes(v, choice, false));
    }
    return out;
  }

  private static SigmaValue replaceDashes(SigmaValue v, int[] choice, boolean uniform) {
    List<Object> parts = new ArrayList<>();
    int k = 0;
    for (Object p : v.parts()) {
      if (p instanceof String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
          char ch = s.charAt(i);
          if (DASHES.indexOf(ch) >= 0) {
            ch = DASHES.charAt(choice[uniform ? 0 : k++]);
          }
          b.append(ch);
        }
        parts.add(b.toString());
      } else {
        parts.add(p);
      }
    }
    return new SigmaValue(parts, v.binary());
  }
}
