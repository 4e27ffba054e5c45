package dev.minewarden.posture;

import dev.minewarden.core.rules.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One failed check on one asset. Every string that came from input (ids, names, versions,
 * evidence) is untrusted and must be escaped by whatever prints it.
 *
 * @param check the check that failed
 * @param severity the graded severity (base severity adjusted for reachability and context)
 * @param title the specific title, for example naming the port or CVE
 * @param assetId the resource to change (security group, instance, host, file, workload)
 * @param assetType the kind of that resource
 * @param affected other assets put at risk by it (instances behind a security group), may be empty
 * @param reachability how reachable the weakness is
 * @param evidence what was seen, for example the rule or configuration line
 * @param source the input file or host path it was seen in
 * @param line the 1-based line in {@code source}, or 0 when not known
 * @param gangs the gangs known to exploit this, possibly narrower than the check's list
 * @param cves CVE ids, for version findings; empty otherwise
 * @param knownExploited true when CISA's KEV catalog lists one of {@code cves}
 * @param remediation what to change
 */
public record Finding(
    Check check,
    Severity severity,
    String title,
    String assetId,
    String assetType,
    List<String> affected,
    Reachability reachability,
    String evidence,
    String source,
    int line,
    List<String> gangs,
    List<String> cves,
    boolean knownExploited,
    Remediation remediation) {

  /** Checks the parts and copies the lists. */
  public Finding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(assetType, "assetType");
    Objects.requireNonNull(reachability, "reachability");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(remediation, "remediation");
    affected = List.copyOf(affected);
    gangs = List.copyOf(gangs);
    cves = List.copyOf(cves);
  }

  /** A stable key for the finding: check, asset and title, for de-duplication and fingerprints. */
  public String key() {
    return check.id() + "|" + assetId + "|" + title;
  }
}
