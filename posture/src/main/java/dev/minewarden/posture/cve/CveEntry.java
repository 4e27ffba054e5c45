package dev.minewarden.posture.cve;

import java.util.List;
import java.util.Objects;

/**
 * One row of the bundled CVE table.
 *
 * @param cve the CVE id
 * @param product the product key ({@code confluence}, {@code glibc}...)
 * @param productName the product's display name
 * @param title a short name of the weakness
 * @param remote true when exploitable over the network (initial access), false for local
 *     privilege escalation
 * @param affected upstream version ranges
 * @param deb ranges in dpkg order for Debian packages, or {@code null} to use {@code affected}
 * @param rpm ranges for RPM packages, or {@code null} to use {@code affected}
 * @param fix what fixes it
 * @param gangs the gangs reported to exploit it
 * @param attribution {@code verified} or {@code reported}
 */
public record CveEntry(
    String cve,
    String product,
    String productName,
    String title,
    boolean remote,
    List<Range> affected,
    List<Range> deb,
    List<Range> rpm,
    String fix,
    List<String> gangs,
    String attribution) {

  /** Checks the parts and copies the lists. */
  public CveEntry {
    Objects.requireNonNull(cve, "cve");
    affected = List.copyOf(affected);
    deb = deb == null ? null : List.copyOf(deb);
    rpm = rpm == null ? null : List.copyOf(rpm);
    gangs = List.copyOf(gangs);
  }

  /**
   * Whether {@code version} of a package or image of the given ecosystem is affected.
   *
   * @param ecosystem {@code deb}, {@code rpm} or {@code image}
   */
  public boolean affects(String version, String ecosystem) {
    if (ecosystem.equals("deb") && deb != null) {
      return deb.stream().anyMatch(r -> r.containsDpkg(version));
    }
    boolean debian = ecosystem.equals("deb");
    List<Range> ranges = ecosystem.equals("rpm") && rpm != null ? rpm : affected;
    String v = Versions.upstream(ecosystem.equals("rpm") ? rpmVersion(version) : version, debian);
    return !v.isEmpty() && ranges.stream().anyMatch(r -> r.contains(v));
  }

  private static String rpmVersion(String v) {
    int dash = v.lastIndexOf('-');
    return dash > 0 ? v.substring(0, dash) : v;
  }

  /**
   * A version range: {@code from} inclusive, {@code fixed} exclusive.
   *
   * @param from the first affected version
   * @param fixed the first fixed version
   */
  public record Range(String from, String fixed) {
    /** Upstream order. */
    public boolean contains(String v) {
      return Versions.compare(v, from) >= 0 && Versions.compare(v, fixed) < 0;
    }

    /** dpkg order. */
    public boolean containsDpkg(String v) {
      return Versions.compareDpkg(v, from) >= 0 && Versions.compareDpkg(v, fixed) < 0;
    }
  }
}
