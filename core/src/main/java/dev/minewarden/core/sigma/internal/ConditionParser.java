package dev.minewarden.core.sigma.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a Sigma condition: {@code and}, {@code or}, {@code not}, parentheses, {@code 1 of x*},
 * {@code all of x*}, {@code 1 of them}, {@code all of them}. Precedence from loosest to tightest:
 * or, and, not, "x of", parentheses. Identifiers resolve to their parsed search identifiers.
 */
final class ConditionParser {
  private final List<String> tokens;
  private final Map<String, Expr> ids;
  private int pos;

  private ConditionParser(List<String> tokens, Map<String, Expr> ids) {
    this.tokens = tokens;
    this.ids = ids;
  }

  /**
   * Parses one condition.
   *
   * @param condition the condition text
   * @param ids the search identifiers of the detection, in order of definition
   */
  static Expr parse(String condition, Map<String, Expr> ids) throws InvalidRuleException {
    if (condition.indexOf('|') >= 0) {
      throw new InvalidRuleException(
          "aggregation in condition is not supported (use a correlation rule): " + condition);
    }
    ConditionParser p = new ConditionParser(tokenize(condition), ids);
    if (p.tokens.isEmpty()) {
      throw new InvalidRuleException("condition is empty");
    }
    Expr e = p.or();
    if (p.pos < p.tokens.size()) {
      throw new InvalidRuleException(
          "unexpected '" + p.tokens.get(p.pos) + "' in condition: " + condition);
    }
    return e;
  }

  private static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == ')' || Character.isWhitespace(c)) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        if (!Character.isWhitespace(c)) {
          out.add(String.valueOf(c));
        }
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  private String peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  private boolean accept(String keyword) {
    String t = peek();
    if (t != null && t.toLowerCase(Locale.ROOT).equals(keyword)) {
      pos++;
      return true;
    }
    return false;
  }

  private Expr or() throws InvalidRuleException {
    List<Expr> items = new ArrayList<>(List.of(and()));
    while (accept("or")) {
      items.add(and());
    }
    return Expr.or(items);
  }

  private Expr and() throws InvalidRuleException {
    List<Expr> items = new ArrayList<>(List.of(not()));
    while (accept("and")) {
      items.add(not());
    }
    return Expr.and(items);
  }

  private Expr not() throws InvalidRuleException {
    return accept("not") ? new Expr.Not(not()) : primary();
  }

  private Expr primary() throws InvalidRuleException {
    String t = peek();
    if (t == null) {
      throw new InvalidRuleException("condition ends too early");
    }
    if (accept("(")) {
      Expr e = or();
      if (!accept(")")) {
        throw new InvalidRuleException("missing ')' in condition");
      }
      return e;
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if ((lower.equals("1") || lower.equals("all") || lower.equals("any"))
        && pos + 1 < tokens.size()
        && tokens.get(pos + 1).equalsIgnoreCase("of")) {
      pos += 2;
      return quantified(!lower.equals("all"));
    }
    if (t.equals(")") || isKeyword(lower)) {
      throw new InvalidRuleException("unexpected '" + t + "' in condition");
    }
    pos++;
    Expr e = ids.get(t);
    if (e == null) {
      throw new InvalidRuleException("condition names unknown search identifier '" + t + "'");
    }
    return e;
  }

  private static boolean isKeyword(String t) {
    return t.equals("and") || t.equals("or") || t.equals("not") || t.equals("of");
  }

  private Expr quantified(boolean any) throws InvalidRuleException {
    String target = peek();
    if (target == null || target.equals("(") || target.equals(")")) {
      throw new InvalidRuleException("'of' must be followed by 'them' or an identifier pattern");
    }
    pos++;
    boolean them = target.equalsIgnoreCase("them");
    List<Expr> items = new ArrayList<>();
    for (Map.Entry<String, Expr> e : ids.entrySet()) {
      boolean hit = them ? !e.getKey().startsWith("_") : wildcardMatch(target, e.getKey());
      if (hit) {
        items.add(e.getValue());
      }
    }
    if (items.isEmpty()) {
      throw new InvalidRuleException("no search identifier matches '" + target + "'");
    }
    return any ? Expr.or(items) : Expr.and(items);
  }

  /** Matches an identifier pattern whose only wildcard is {@code *}. */
  static boolean wildcardMatch(String pattern, String id) {
    return new GlobPred(SigmaValue.parse(pattern.replace("?", "\\?")), true).matches(id);
  }
}
