package dev.minewarden.host.response;

import dev.minewarden.host.proc.PidStat;
import dev.minewarden.host.proc.ProcFs;
import java.nio.file.Path;

/**
 * Where the responder acts: the root every host path goes through, whether that root's {@code
 * /proc} is this machine's live one (only then may processes be signalled), the runners for local
 * tools and for firewall tools, and the response folder with its quarantine, backups and audit
 * log. Immutable.
 *
 * @param fs the root
 * @param liveProc whether {@code /proc} under the root is the live proc of this machine
 * @param hostRoot whether the root is {@code /} itself (only then are systemd and the host
 *     firewall touched, unless a network namespace is named)
 * @param local runs chattr, lsattr, kill, systemctl
 * @param firewall runs nft, iptables, ipset (in the policy's network namespace when one is set)
 * @param firewallAllowed whether firewall tools may run: the root is {@code /} or a network
 *     namespace is named (never the host's own tables for a fixture root)
 * @param dir the response folder (baseline, bans)
 * @param quarantine the quarantine folder
 * @param backups the backups folder
 * @param audit the audit log file
 * @param rpz the RPZ zone file
 */
record Host(ProcFs fs, boolean liveProc, boolean hostRoot, CommandRunner local, CommandRunner firewall,
    boolean firewallAllowed, Path dir, Path quarantine, Path backups, Path audit, Path rpz) {

  /** Whether the root's {@code /proc/self} is this JVM, which a fixture tree can never be. */
  static boolean isLiveProc(ProcFs fs) {
    PidStat self = PidStat.parse(fs.readText(fs.path("/proc/self/stat"), 4096, "stat"));
    return self != null && self.pid() == ProcessHandle.current().pid();
  }

  /**
   * The file a path reported by the live {@code /proc} (an exe link, a script argument) names.
   * Those paths are in this machine's namespace: under {@code /} they are used as they are; under
   * another root a path already inside the root is taken as it is, any other goes through the root.
   */
  Path procReported(String path) {
    Path p = Path.of(path);
    if (hostRoot || p.normalize().startsWith(fs.root())) {
      return p;
    }
    return fs.path(path);
  }
}
