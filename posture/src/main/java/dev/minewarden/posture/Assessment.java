package dev.minewarden.posture;

import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.model.ListeningSocket;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a posture run: findings in fix-first order, a risk score per asset and for the
 * estate, the host's listening services (for {@code --local}), and what was read, what was wrong
 * with the inputs and what could not be seen. Immutable and thread-safe.
 */
public final class Assessment {
  private final Instant generatedAt;
  private final List<Finding> findings;
  private final List<AssetRisk> assets;
  private final int estateScore;
  private final List<ListeningSocket> listeners;
  private final List<String> inputs;
  private final List<InputProblem> problems;
  private final List<String> blindSpots;
  private final Map<String, Integer> inventory;
  private final String cveTableDate;
  private final String kevCatalogVersion;

  /**
   * Creates an assessment; the lists are copied, findings must already be in fix-first order.
   *
   * @param inventory counts of what was read ({@code instances}, {@code securityGroups}...)
   */
  public Assessment(
      Instant generatedAt,
      List<Finding> findings,
      List<AssetRisk> assets,
      int estateScore,
      List<ListeningSocket> listeners,
      List<String> inputs,
      List<InputProblem> problems,
      List<String> blindSpots,
      Map<String, Integer> inventory,
      String cveTableDate,
      String kevCatalogVersion) {
    this.generatedAt = Objects.requireNonNull(generatedAt, "generatedAt");
    this.findings = List.copyOf(findings);
    this.assets = List.copyOf(assets);
    this.estateScore = estateScore;
    this.listeners = List.copyOf(listeners);
    this.inputs = List.copyOf(inputs);
    this.problems = List.copyOf(problems);
    this.blindSpots = List.copyOf(blindSpots);
    // Keep the caller's order (Map.copyOf would shuffle it per JVM, and reports print it).
    this.inventory = Collections.unmodifiableMap(new LinkedHashMap<>(inventory));
    this.cveTableDate = Objects.requireNonNull(cveTableDate, "cveTableDate");
    this.kevCatalogVersion = Objects.requireNonNull(kevCatalogVersion, "kevCatalogVersion");
  }

  /** When the assessment was made. */
  public Instant generatedAt() {
    return generatedAt;
  }

  /** Findings, most urgent first; the index + 1 is the fix priority. */
  public List<Finding> findings() {
    return findings;
  }

  /** Assets with at least one finding, riskiest first. */
  public List<AssetRisk> assets() {
    return assets;
  }

  /**
   * The estate's risk, 0..100: the chance, on the findings' weights, that at least one way in
   * works (see docs). 0 when nothing was found.
   */
  public int estateScore() {
    return estateScore;
  }

  /** Listening sockets of the local host, empty unless the local collector ran. */
  public List<ListeningSocket> listeners() {
    return listeners;
  }

  /** The inputs read, each with its detected kind. */
  public List<String> inputs() {
    return inputs;
  }

  /** Problems met while reading inputs. */
  public List<InputProblem> problems() {
    return problems;
  }

  /** What could not be seen (permissions, files not present, settings not evaluated). */
  public List<String> blindSpots() {
    return blindSpots;
  }

  /** Counts of what was read, by kind, in the order the assessor lists them. */
  public Map<String, Integer> inventory() {
    return inventory;
  }

  /** The date of the bundled CVE table. */
  public String cveTableDate() {
    return cveTableDate;
  }

  /** The CISA KEV catalog version behind the known-exploited flags. */
  public String kevCatalogVersion() {
    return kevCatalogVersion;
  }

  /** Findings per severity, every severity present (zero when none). */
  public Map<Severity, Integer> countBySeverity() {
    Map<Severity, Integer> out = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      out.put(s, 0);
    }
    findings.forEach(f -> out.merge(f.severity(), 1, Integer::sum));
    return out;
  }

  /** Whether any finding is at or above {@code threshold}. */
  public boolean hasFindingsAtOrAbove(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
  }

  /** Whether an input could not be used at all. */
  public boolean hasFatalProblems() {
    return problems.stream().anyMatch(InputProblem::fatal);
  }
}
