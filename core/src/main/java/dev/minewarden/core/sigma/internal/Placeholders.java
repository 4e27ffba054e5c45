package dev.minewarden.core.sigma.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expands {@code %name%} placeholders of values with the {@code expand} modifier from a
 * configuration map. A backslash before {@code %} keeps it literal. Each placeholder value is itself
 * a Sigma string (it may hold wildcards, e.g. {@code srv*}); several placeholders in one value
 * expand to every combination.
 */
final class Placeholders {
  /** Expansion bound: a rule value may not turn into more values than this. */
  private static final int MAX_VALUES = 10_000;

  private Placeholders() {}

  /**
   * Expands a raw value.
   *
   * @throws InvalidRuleException when a placeholder has no configured value, or the expansion is
   *     too large
   */
  static List<SigmaValue> expand(String raw, Map<String, List<String>> config)
      throws InvalidRuleException {
    List<String> prefixes = new ArrayList<>(List.of(""));
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == '%') {
        lit.append('%');
        i += 2;
        continue;
      }
      int close = c == '%' ? raw.indexOf('%', i + 1) : -1;
      if (close > i + 1) {
        String name = raw.substring(i + 1, close);
        List<String> values = config.get(name);
        if (values == null || values.isEmpty()) {
          throw new InvalidRuleException("no value configured for placeholder %" + name + "%");
        }
        prefixes = combine(prefixes, lit.toString(), values);
        lit.setLength(0);
        i = close + 1;
        continue;
      }
      lit.append(c); // kept raw: the whole value is parsed as one Sigma string below
      i++;
    }
    List<SigmaValue> out = new ArrayList<>(prefixes.size());
    for (String p : prefixes) {
      out.add(SigmaValue.parse(p + lit));
    }
    return out;
  }

  private static List<String> combine(List<String> prefixes, String lit, List<String> values)
      throws InvalidRuleException {
    if ((long) prefixes.size() * values.size() > MAX_VALUES) {
      throw new InvalidRuleException("placeholders expand to more than " + MAX_VALUES + " values");
    }
    List<String> out = new ArrayList<>();
    for (String p : prefixes) {
      for (String v : values) {
        out.add(p + lit + v);
      }
    }
    return out;
  }
}
