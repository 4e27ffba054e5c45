package dev.minewarden.core.sigma.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value after escape processing: literal text interleaved with the wildcards
 * {@code *} and {@code ?}. Immutable.
 *
 * @param parts each part is a literal {@link String} or a {@link Wild}
 * @param binary whether the literal text stands for bytes (one char per byte) after a UTF-16
 *     modifier, which matters to a following base64 modifier
 */
record SigmaValue(List<Object> parts, boolean binary) {

  /** A wildcard of a Sigma string. */
  enum Wild {
    STAR,
    QMARK
  }

  SigmaValue {
    parts = normalise(parts);
  }

  static SigmaValue literal(String text) {
    return new SigmaValue(List.of(text), false);
  }

  /**
   * Parses a Sigma string: {@code *} and {@code ?} are wildcards, a backslash escapes a wildcard or
   * a backslash, and any other backslash is kept as written.
   */
  static SigmaValue parse(String raw) {
    List<Object> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    boolean escaped = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (escaped) {
        if (c != '*' && c != '?' && c != '\\') {
          lit.append('\\');
        }
        lit.append(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '*' || c == '?') {
        flush(lit, parts);
        parts.add(c == '*' ? Wild.STAR : Wild.QMARK);
      } else {
        lit.append(c);
      }
    }
    if (escaped) {
      lit.append('\\');
    }
    flush(lit, parts);
    return new SigmaValue(parts, false);
  }

  private static void flush(StringBuilder lit, List<Object> parts) {
    if (lit.length() > 0) {
      parts.add(lit.toString());
      lit.setLength(0);
    }
  }

  /** Merges adjacent literals and adjacent stars. */
  private static List<Object> normalise(List<Object> in) {
    List<Object> out = new ArrayList<>(in.size());
    for (Object p : in) {
      Object prev = out.isEmpty() ? null : out.get(out.size() - 1);
      if (p instanceof String s) {
        if (s.isEmpty()) {
          continue;
        }
        if (prev instanceof String ps) {
          out.set(out.size() - 1, ps + s);
          continue;
        }
      } else if (p == Wild.STAR && prev == Wild.STAR) {
        continue;
      }
      out.add(p);
    }
    return List.copyOf(out);
  }

  boolean hasWildcards() {
    for (Object p : parts) {
      if (p instanceof Wild) {
        return true;
      }
    }
    return false;
  }

  /** The literal text; only meaningful when there are no wildcards. */
  String text() {
    StringBuilder b = new StringBuilder();
    for (Object p : parts) {
      if (p instanceof String s) {
        b.append(s);
      }
    }
    return b.toString();
  }

  boolean startsWithStar() {
    return !parts.isEmpty() && parts.get(0) == Wild.STAR;
  }

  boolean endsWithStar() {
    return !parts.isEmpty() && parts.get(parts.size() - 1) == Wild.STAR;
  }

  SigmaValue withStars(boolean before, boolean after) {
    List<Object> p = new ArrayList<>(parts.size() + 2);
    if (before && !startsWithStar()) {
      p.add(Wild.STAR);
    }
    p.addAll(parts);
    if (after && !endsWithStar()) {
      p.add(Wild.STAR);
    }
    return new SigmaValue(p, binary);
  }
}
