package dev.minewarden.core.intel;

import com.google.common.net.InternetDomainName;
import java.util.Locale;

/**
 * Domain-name checks for intel entries, on the Public Suffix List that Guava's {@link
 * InternetDomainName} bundles. Used when intel is loaded, never per event. Thread-safe.
 */
public final class Domains {
  private Domains() {}

  /** Lower-cased, without a trailing dot; {@code null} for {@code null}. */
  public static String normalise(String s) {
    if (s == null) {
      return null;
    }
    String d = s.trim().toLowerCase(Locale.ROOT);
    while (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    return d;
  }

  /**
   * Why a (normalised) domain cannot be an intel entry, or {@code null} when it can. An entry must
   * be a valid name at or under a registrable domain: a public suffix itself ({@code com}, or a
   * shared-hosting suffix such as {@code ddns.net}) would flag every name under it.
   */
  public static String problem(String domain) {
    if (domain.isEmpty()) {
      return "empty domain";
    }
    if (!InternetDomainName.isValid(domain)) {
      return "not a valid domain name";
    }
    InternetDomainName n = InternetDomainName.from(domain);
    if (n.isPublicSuffix()) {
      return "a public suffix: matching it would flag every name under it";
    }
    if (!n.isUnderPublicSuffix()) {
      return "not under a known public suffix";
    }
    return null;
  }

  /** The registrable domain ({@code nanopool.org} for {@code xmr-eu1.nanopool.org}), or the name itself. */
  public static String registrable(String domain) {
    try {
      InternetDomainName n = InternetDomainName.from(domain);
      return n.isUnderPublicSuffix() ? n.topPrivateDomain().toString() : domain;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return domain;
    }
  }
}
