package dev.minewarden.posture;

import dev.minewarden.core.rules.Severity;

/**
 * How far an exposed thing can be reached from the internet, graded the way Prowler grades an
 * open security group ({@code get_instance_public_status}): open but with no public address,
 * a public address in a private subnet, a public address in a public subnet. A check's base
 * severity applies at {@link #INTERNET}; each step less reachable lowers it by one level.
 */
public enum Reachability {
  /** Reachable from the internet: public address in a public subnet, an internet load balancer. */
  INTERNET(0, "internet-facing"),
  /** A public address whose subnet is private or whose routes were not supplied. */
  PUBLIC_ADDRESS(1, "public address, subnet not public or routes not supplied"),
  /** A host service bound to every interface; whether the internet reaches it is not known. */
  ALL_INTERFACES(1, "listening on all interfaces"),
  /** Open, but nothing attached has a public address (or nothing known is attached). */
  NO_PUBLIC_ADDRESS(2, "no public address"),
  /** Bound to loopback or a Unix socket only. */
  LOCAL_ONLY(3, "loopback only");

  private final int steps;
  private final String label;

  Reachability(int steps, String label) {
    this.steps = steps;
    this.label = label;
  }

  /** A short human description, for reports. */
  public String label() {
    return label;
  }

  /**
   * The severity a finding gets at this reachability when its check's severity at {@link
   * #INTERNET} is {@code base}; never below {@link Severity#LOW} unless base itself is lower.
   */
  public Severity grade(Severity base) {
    int floor = Math.min(base.ordinal(), Severity.LOW.ordinal());
    return Severity.values()[Math.max(floor, base.ordinal() - steps)];
  }

  /** The more reachable of the two. */
  public Reachability max(Reachability other) {
    return steps <= other.steps ? this : other;
  }
}
