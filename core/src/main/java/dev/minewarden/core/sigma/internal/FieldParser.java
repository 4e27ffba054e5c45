package dev.minewarden.core.sigma.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one {@code field|modifier|...: values} entry of a search identifier into an {@link Expr},
 * applying the value modifiers of the Sigma modifiers appendix.
 */
final class FieldParser {
  private final Map<String, List<String>> placeholders;

  FieldParser(Map<String, List<String>> placeholders) {
    this.placeholders = placeholders;
  }

  /** The modifiers of one entry, in the order written. */
  private static final class Mods {
    final List<String> transforms = new ArrayList<>();
    boolean contains;
    boolean startswith;
    boolean endswith;
    boolean all;
    boolean cased;
    boolean re;
    int reFlags;
    boolean cidr;
    boolean exists;
    boolean fieldref;
    boolean neq;
    boolean expand;
    NumPred.Op cmp;
    TimePred.Unit time;
  }

  /**
   * Parses an entry.
   *
   * @param key the key as written, e.g. {@code CommandLine|contains|all}; an empty field part (as
   *     in {@code '|all'}) makes a keyword search
   * @param value a scalar, {@code null} or a list of them
   */
  Expr parse(String key, Object value) throws InvalidRuleException {
    String[] parts = key.split("\\|", -1);
    // Interned so event field lookups mostly succeed on the identity test.
    String field = parts[0].isEmpty() ? null : parts[0].intern();
    Mods m = modifiers(parts);
    if (field == null && !m.startswith && !m.endswith) {
      m.contains = true; // keywords are found anywhere in a value, '|all' ones too
    }
    List<Object> values = value instanceof List<?> l ? new ArrayList<>(l) : listOf(value);
    if (values.isEmpty()) {
      throw new InvalidRuleException("field '" + key + "' has an empty list of values");
    }
    Expr e = build(field, key, m, values);
    return m.neq ? new Expr.Not(e) : e;
  }

  private static List<Object> listOf(Object v) {
    List<Object> l = new ArrayList<>(1);
    l.add(v);
    return l;
  }

  private static Mods modifiers(String[] parts) throws InvalidRuleException {
    Mods m = new Mods();
    for (int i = 1; i < parts.length; i++) {
      String mod = parts[i].trim().toLowerCase(Locale.ROOT);
      if (m.re && mod.length() == 1 && "ims".contains(mod)) {
        m.reFlags |= mod.equals("i") ? Pattern.CASE_INSENSITIVE
            : mod.equals("m") ? Pattern.MULTILINE : Pattern.DOTALL;
        continue;
      }
      modifier(m, mod);
    }
    return m;
  }

  private static void modifier(Mods m, String mod) throws InvalidRuleException {
    switch (mod) {
      case "contains" -> m.contains = true;
      case "startswith" -> m.startswith = true;
      case "endswith" -> m.endswith = true;
      case "all" -> m.all = true;
      case "cased" -> m.cased = true;
      case "re" -> m.re = true;
      case "cidr" -> m.cidr = true;
      case "exists" -> m.exists = true;
      case "fieldref" -> m.fieldref = true;
      case "neq" -> m.neq = true;
      case "expand" -> m.expand = true;
      case "lt" -> m.cmp = NumPred.Op.LT;
      case "lte" -> m.cmp = NumPred.Op.LTE;
      case "gt" -> m.cmp = NumPred.Op.GT;
      case "gte" -> m.cmp = NumPred.Op.GTE;
      case "minute", "hour", "day", "week", "month", "year" ->
          m.time = TimePred.Unit.valueOf(mod.toUpperCase(Locale.ROOT));
      case "base64", "base64offset", "utf16le", "utf16be", "utf16", "wide", "windash" ->
          m.transforms.add(mod);
      default -> throw new InvalidRuleException("unknown value modifier '" + mod + "'");
    }
  }

  private Expr build(String field, String key, Mods m, List<Object> values)
      throws InvalidRuleException {
    if (m.exists) {
      return exists(field, key, values);
    }
    List<Expr> nulls = new ArrayList<>();
    List<List<Pred>> groups = new ArrayList<>();
    for (Object v : values) {
      if (v == null) {
        if (field == null) {
          throw new InvalidRuleException("a keyword search cannot look for null");
        }
        nulls.add(new Expr.NullTest(field));
      } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
        throw new InvalidRuleException("field '" + key + "' has a nested map or list as a value");
      } else {
        groups.add(preds(key, m, v));
      }
    }
    List<Expr> any = new ArrayList<>(nulls);
    if (!groups.isEmpty()) {
      any.add(new Expr.ValueTest(field, groups, m.all));
    }
    return m.all && !nulls.isEmpty() ? Expr.and(any) : Expr.or(any);
  }

  private static Expr exists(String field, String key, List<Object> values)
      throws InvalidRuleException {
    if (field == null || values.size() != 1 || !(values.get(0) instanceof Boolean b)) {
      throw new InvalidRuleException("'" + key + "' needs a field and the value true or false");
    }
    return new Expr.ExistsTest(field, b);
  }

  private List<Pred> preds(String key, Mods m, Object v) throws InvalidRuleException {
    if (m.re) {
      return List.of(regex(key, m, v));
    }
    if (m.cidr) {
      try {
        return List.of(CidrPred.parse(String.valueOf(v)));
      } catch (IllegalArgumentException e) {
        throw new InvalidRuleException(key + ": " + e.getMessage());
      }
    }
    if (m.time != null || m.cmp != null) {
      double bound = number(key, v);
      NumPred.Op op = m.cmp == null ? NumPred.Op.EQ : m.cmp;
      return List.of(m.time != null ? new TimePred(m.time, op, bound) : new NumPred(op, bound));
    }
    if (m.fieldref) {
      return List.of(new FieldRefPred(String.valueOf(v), kind(m), m.cased));
    }
    return strings(m, v);
  }

  private static StrPred.Kind kind(Mods m) {
    if (m.contains || (m.startswith && m.endswith)) {
      return StrPred.Kind.CONTAINS;
    }
    return m.startswith ? StrPred.Kind.PREFIX : m.endswith ? StrPred.Kind.SUFFIX : StrPred.Kind.EQUALS;
  }

  private static RegexPred regex(String key, Mods m, Object v) throws InvalidRuleException {
    if (!(v instanceof String s)) {
      throw new InvalidRuleException(key + ": a regular expression must be a string, got " + v);
    }
    try {
      return new RegexPred(Pattern.compile(s, m.reFlags));
    } catch (PatternSyntaxException e) {
      throw new InvalidRuleException(
          key + ": regular expression not supported by RE2 (" + e.getDescription() + "): " + s);
    }
  }

  private static double number(String key, Object v) throws InvalidRuleException {
    double d = v instanceof Number n ? n.doubleValue() : NumPred.parse(String.valueOf(v).trim());
    if (Double.isNaN(d)) {
      throw new InvalidRuleException(key + ": needs a number, got '" + v + "'");
    }
    return d;
  }

  private List<Pred> strings(Mods m, Object v) throws InvalidRuleException {
    String raw = String.valueOf(v);
    List<SigmaValue> vals = m.expand ? Placeholders.expand(raw, placeholders) : List.of(SigmaValue.parse(raw));
    for (String t : m.transforms) {
      List<SigmaValue> next = new ArrayList<>();
      for (SigmaValue sv : vals) {
        next.addAll(ValueEncodings.apply(t, sv));
      }
      vals = next;
    }
    List<Pred> out = new ArrayList<>(vals.size());
    for (SigmaValue sv : vals) {
      SigmaValue w = sv.withStars(m.contains || m.endswith, m.contains || m.startswith);
      out.add(classify(w, m.cased));
    }
    return out;
  }

  /** The cheapest predicate for a wildcard pattern. */
  static Pred classify(SigmaValue v, boolean cased) {
    List<Object> p = v.parts();
    int n = p.size();
    boolean star0 = v.startsWithStar();
    boolean starN = v.endsWithStar();
    long wilds = p.stream().filter(x -> x instanceof SigmaValue.Wild).count();
    if (wilds == 0) {
      return str(StrPred.Kind.EQUALS, v.text(), cased);
    }
    if (n == 2 && wilds == 1 && starN) {
      return str(StrPred.Kind.PREFIX, v.text(), cased);
    }
    if (n == 2 && wilds == 1 && star0) {
      return str(StrPred.Kind.SUFFIX, v.text(), cased);
    }
    if (n == 3 && wilds == 2 && star0 && starN) {
      return str(StrPred.Kind.CONTAINS, v.text(), cased);
    }
    return new GlobPred(v, cased);
  }

  private static StrPred str(StrPred.Kind kind, String text, boolean cased) {
    return new StrPred(kind, cased ? text : Fold.fold(text), cased);
  }
}
