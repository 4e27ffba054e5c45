package dev.minewarden.posture.check;

import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.AssetRisk;
import dev.minewarden.posture.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores and orders findings. Each finding has a weight, read as the chance that this way in is
 * used: critical 0.6, high 0.35, medium 0.15, low 0.05, informational 0, plus 0.1 when CISA lists
 * the CVE as exploited. An asset's score is 100 × (1 − Π(1 − w)) over the findings that name it
 * or list it as affected; the estate's is the same product over all findings. Fix-first order:
 * severity, then known-exploited, then reachability, then how many gangs use it, then how many
 * assets it exposes.
 */
public final class RiskScorer {
  private RiskScorer() {}

  /** The weight of a finding, 0..0.7. */
  public static double weight(Finding f) {
    double w = switch (f.severity()) {
      case CRITICAL -> 0.6;
      case HIGH -> 0.35;
      case MEDIUM -> 0.15;
      case LOW -> 0.05;
      case INFORMATIONAL -> 0.0;
    };
    return f.knownExploited() && w > 0 ? w + 0.1 : w;
  }

  /** The fix-first order. */
  public static final Comparator<Finding> FIX_FIRST = Comparator
      .comparing(Finding::severity, Comparator.reverseOrder())
      .thenComparing(Finding::knownExploited, Comparator.reverseOrder())
      .thenComparing(Finding::reachability)
      .thenComparing(f -> f.gangs().size(), Comparator.reverseOrder())
      .thenComparing(f -> f.affected().size(), Comparator.reverseOrder())
      .thenComparing(Finding::check)
      .thenComparing(Finding::assetId)
      .thenComparing(Finding::title);

  /** Findings sorted fix-first, duplicates (same key) dropped. */
  public static List<Finding> order(List<Finding> findings) {
    Map<String, Finding> unique = new LinkedHashMap<>();
    findings.forEach(f -> unique.merge(f.key(), f, (a, b) -> FIX_FIRST.compare(a, b) <= 0 ? a : b));
    List<Finding> out = new ArrayList<>(unique.values());
    out.sort(FIX_FIRST);
    return out;
  }

  /** Asset scores, riskiest first. */
  public static List<AssetRisk> assets(List<Finding> findings, Map<String, String> typeOf) {
    Map<String, double[]> keep = new LinkedHashMap<>();
    Map<String, Severity> worst = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    Map<String, String> types = new HashMap<>(typeOf);
    for (Finding f : findings) {
      types.putIfAbsent(f.assetId(), f.assetType());
      List<String> ids = new ArrayList<>();
      ids.add(f.assetId());
      f.affected().stream().filter(a -> !ids.contains(a)).forEach(ids::add);
      for (String id : ids) {
        keep.computeIfAbsent(id, k -> new double[] {1.0})[0] *= 1 - weight(f);
        worst.merge(id, f.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        count.merge(id, 1, Integer::sum);
      }
    }
    List<AssetRisk> out = new ArrayList<>();
    keep.forEach((id, k) -> out.add(new AssetRisk(id, types.getOrDefault(id, "asset"),
        score(k[0]), worst.get(id), count.get(id))));
    out.sort(Comparator.comparingInt(AssetRisk::score).reversed().thenComparing(AssetRisk::assetId));
    return out;
  }

  /** The estate score over all findings. */
  public static int estate(List<Finding> findings) {
    double keep = 1.0;
    for (Finding f : findings) {
      keep *= 1 - weight(f);
    }
    return score(keep);
  }

  private static int score(double keep) {
    return (int) Math.round(100 * (1 - keep));
  }
}
