package dev.minewarden.host.response;

import java.util.Locale;

/**
 * The response actions, declared in the order a plan runs them: freeze the whole tree first, then
 * remove persistence and its locks (and restore tampered files, quarantine the binaries while the
 * tree cannot run), then kill the frozen tree, then block egress, ban sources, and last say which
 * credentials to rotate. A re-infection loop never gets a chance to run in between.
 */
public enum ActionKind {
  /** SIGSTOP every process of a tree, re-listing until nothing new appears. */
  FREEZE("freeze"),
  /** Remove cron lines, systemd units and timers, authorized_keys lines; clear chattr locks first. */
  REMOVE_PERSISTENCE("remove-persistence"),
  /** Put back ld.so.preload, /etc/hosts or /etc/resolv.conf from the baseline. */
  RESTORE_FILE("restore-files"),
  /** Move an executable or script to the quarantine folder, not executable, with its hash. */
  QUARANTINE("quarantine"),
  /** SIGKILL the frozen tree and check it stays gone. */
  KILL("kill-tree"),
  /** Block pool addresses (nftables or iptables with ipset) and names (hosts file, RPZ). */
  BLOCK_EGRESS("block-egress"),
  /** Ban a brute-force source, for progressively longer, or hand it to fail2ban or CrowdSec. */
  BAN_SOURCE("ban-source"),
  /** Say which credentials to rotate. */
  ROTATE_CREDENTIALS("rotate-credentials");

  private final String label;

  ActionKind(String label) {
    this.label = label;
  }

  /** The name used in policies, plans and the audit log ({@code kill-tree}). */
  public String label() {
    return label;
  }

  /**
   * The action of a policy name; {@code kill-tree} also brings {@code freeze}, which is not
   * named on its own.
   *
   * @throws IllegalArgumentException naming the value when it is no action
   */
  public static ActionKind fromLabel(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (ActionKind k : values()) {
      if (k.label.equals(n)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown action '" + name + "' (expected kill-tree, quarantine,"
        + " remove-persistence, restore-files, block-egress, ban-source or rotate-credentials)");
  }
}
