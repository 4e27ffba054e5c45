package dev.minewarden.core.intel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of the STIX 2.1 patterning language an indicator set can hold: observation
 * expressions joined by {@code OR}, each a comparison or an {@code OR} of comparisons of a
 * supported object path with {@code =} or {@code IN}. Everything else (AND, FOLLOWEDBY, WITHIN
 * and other qualifiers, LIKE, MATCHES, other paths) is refused with the reason, so an import can
 * report it. A hand-written scanner: no regular expressions on the pattern. Pure.
 */
final class StixPattern {
  /** One comparison that became an indicator value. */
  record Term(IndicatorType type, String value) {}

  /** A valid pattern using what Minewarden does not match on. */
  static final class Unsupported extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message);
    }
  }

  private final String s;
  private int pos;

  private StixPattern(String s) {
    this.s = s;
  }

  /**
   * The indicator terms of a pattern.
   *
   * @throws IllegalArgumentException naming what is unsupported or malformed
   */
  static List<Term> parse(String pattern) {
    if (pattern.length() > 65_536) {
      throw new IllegalArgumentException("pattern longer than 64 KiB");
    }
    StixPattern p = new StixPattern(pattern);
    List<Term> out = new ArrayList<>();
    p.observation(out);
    while (true) {
      p.skip();
      if (!p.more()) {
        break;
      }
      String op = p.word();
      if (!op.equals("OR")) {
        throw op.isEmpty() ? new IllegalArgumentException("unexpected text at " + p.pos)
            : new Unsupported("'" + op + "' between observations is not supported (only OR)");
      }
      p.observation(out);
    }
    return out;
  }

  private void observation(List<Term> out) {
    skip();
    if (peek() == '(') {
      pos++;
      observation(out);
      while (true) {
        skip();
        if (peek() == ')') {
          pos++;
          break;
        }
        String op = word();
        if (!op.equals("OR")) {
          throw new Unsupported("'" + op + "' between observations is not supported (only OR)");
        }
        observation(out);
      }
      return;
    }
    expect('[');
    comparison(out);
    while (true) {
      skip();
      if (peek() == ']') {
        pos++;
        break;
      }
      String op = word();
      if (!op.equals("OR")) {
        throw op.isEmpty() ? new IllegalArgumentException("unexpected text at " + pos)
            : new Unsupported("'" + op + "' inside an observation is not supported: an indicator here matches one value");
      }
      comparison(out);
    }
    skip();
    if (more() && Character.isLetter(peek())) {
      int save = pos;
      String q = word();
      if (q.equals("WITHIN") || q.equals("REPEATS") || q.equals("START") || q.equals("STOP")) {
        throw new Unsupported("qualifier " + q + " is not supported");
      }
      pos = save;
    }
  }

  private void comparison(List<Term> out) {
    skip();
    boolean not = false;
    int save = pos;
    if (word().equals("NOT")) {
      not = true;
    } else {
      pos = save;
    }
    String path = path();
    skip();
    String op;
    if (peek() == '=') {
      pos++;
      op = "=";
    } else if (peek() == '!' || peek() == '<' || peek() == '>') {
      throw new Unsupported("comparison other than = or IN on " + path + " is not supported");
    } else {
      op = word();
    }
    if (not) {
      throw new Unsupported("NOT comparisons are not supported");
    }
    IndicatorType type = type(path);
    if (op.equals("=")) {
      out.add(term(type, path, value()));
    } else if (op.equals("IN")) {
      skip();
      expect('(');
      do {
        out.add(term(type, path, value()));
        skip();
      } while (consume(','));
      expect(')');
    } else {
      throw new Unsupported("operator '" + op + "' on " + path + " is not supported (only = and IN)");
    }
  }

  private static Term term(IndicatorType type, String path, String raw) {
    IndicatorType t = type;
    if ((path.startsWith("ipv4-addr:") || path.startsWith("ipv6-addr:")) && raw.indexOf('/') >= 0) {
      t = IndicatorType.CIDR;
    }
    return new Term(t, Indicators.normalise(t, raw));
  }

  private static IndicatorType type(String path) {
    String p = path.toLowerCase(Locale.ROOT).replace("\"", "'");
    return switch (p) {
      case "domain-name:value" -> IndicatorType.DOMAIN;
      case "ipv4-addr:value", "ipv6-addr:value" -> IndicatorType.IP;
      case "url:value" -> IndicatorType.URL;
      case "file:name" -> IndicatorType.FILE_NAME;
      case "directory:path" -> IndicatorType.FILE_PATH;
      case "process:command_line" -> IndicatorType.COMMAND_LINE;
      case "process:image_ref.name" -> IndicatorType.PROCESS_NAME;
      case "network-traffic:dst_port" -> IndicatorType.PORT;
      case "file:hashes.'sha-256'", "file:hashes.sha256", "file:hashes.'sha-1'", "file:hashes.sha1",
          "file:hashes.md5", "file:hashes.'md5'" -> IndicatorType.HASH;
      default -> throw new Unsupported("object path " + path + " is outside Minewarden's scope");
    };
  }

  private String path() {
    skip();
    int start = pos;
    while (more()) {
      char c = peek();
      if (c == '\'') {
        int end = s.indexOf('\'', pos + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quote in object path");
        }
        pos = end + 1;
      } else if (Character.isLetterOrDigit(c) || c == ':' || c == '-' || c == '_' || c == '.'
          || c == '[' && s.startsWith("[*]", pos)) {
        pos += c == '[' ? 3 : 1;
      } else {
        break;
      }
    }
    if (pos == start || s.indexOf(':', start) < 0 || s.indexOf(':', start) >= pos) {
      throw new IllegalArgumentException("expected an object path at " + start);
    }
    return s.substring(start, pos);
  }

  private String value() {
    skip();
    if (peek() == '\'') {
      pos++;
      StringBuilder b = new StringBuilder();
      while (more()) {
        char c = s.charAt(pos++);
        if (c == '\\' && more()) {
          b.append(s.charAt(pos++));
        } else if (c == '\'') {
          return b.toString();
        } else {
          b.append(c);
        }
      }
      throw new IllegalArgumentException("unterminated string");
    }
    int start = pos;
    while (more() && (Character.isDigit(peek()) || peek() == '-')) {
      pos++;
    }
    if (pos == start) {
      throw new IllegalArgumentException("expected a string or integer value at " + start);
    }
    return s.substring(start, pos);
  }

  private String word() {
    skip();
    int start = pos;
    while (more() && Character.isLetter(peek())) {
      pos++;
    }
    return s.substring(start, pos).toUpperCase(Locale.ROOT);
  }

  private void expect(char c) {
    skip();
    if (!consume(c)) {
      throw new IllegalArgumentException("expected '" + c + "' at " + pos);
    }
  }

  private boolean consume(char c) {
    skip();
    if (more() && peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void skip() {
    while (more() && Character.isWhitespace(peek())) {
      pos++;
    }
  }

  private boolean more() {
    return pos < s.length();
  }

  private char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }
}
