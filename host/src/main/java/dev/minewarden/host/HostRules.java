package dev.minewarden.host;

import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.rules.Severity;
import java.util.List;

/**
 * The sensor's own checks, for what Sigma rules over single events cannot express (state, baselines,
 * cross-checks between {@code /proc} views). Each has a stable id, used as both {@code rule.id}
 * and {@code rule.name}, and ATT&CK tags with both the long-standing and the renumbered ids where
 * ATT&CK changed them.
 */
public final class HostRules {
  private HostRules() {}

  /** A command line with XMRig-style flags or a Stratum URL. */
  public static final RuleInfo MINER_COMMAND_LINE = rule("mw-host-miner-cmdline",
      "Miner command line (Stratum URL or XMRig-style flags)", Severity.HIGH,
      List.of("attack.impact", "attack.t1496", "attack.t1496.001"),
      "sanctioned mining on this host");
  /** A process named like a known miner or a name on the groups' kill lists. */
  public static final RuleInfo MINER_NAME = rule("mw-host-miner-name",
      "Process named like a known miner", Severity.HIGH,
      List.of("attack.impact", "attack.t1496", "attack.t1496.001"), "sanctioned mining");
  /** A connection to a mining-pool port or address. */
  public static final RuleInfo POOL_CONNECTION = rule("mw-host-pool-connection",
      "Connection to a mining pool port or address", Severity.HIGH,
      List.of("attack.impact", "attack.t1496", "attack.command-and-control", "attack.t1571"),
      "services that legitimately use ports such as 3333 or 4444");
  /** Sustained CPU near the core count. */
  public static final RuleInfo HIGH_CPU = rule("mw-host-high-cpu",
      "Process using CPU near the core count", Severity.MEDIUM,
      List.of("attack.impact", "attack.t1496", "attack.t1496.001"),
      "builds, batch jobs, compression");
  /** An executable in /tmp, /var/tmp, /dev/shm or a dot folder. */
  public static final RuleInfo EXEC_FROM_WRITABLE = rule("mw-host-exec-writable-dir",
      "Process running from /tmp, /var/tmp, /dev/shm or a hidden folder", Severity.MEDIUM,
      List.of("attack.execution", "attack.defense-evasion", "attack.t1564.001"),
      "CI jobs and installers that run from /tmp");
  /** A process whose executable was deleted after it started. */
  public static final RuleInfo DELETED_EXE = rule("mw-host-deleted-exe",
      "Process running from a deleted executable", Severity.MEDIUM,
      List.of("attack.defense-evasion", "attack.t1070.004"),
      "daemons not restarted after a package upgrade");
  /** Several miner signals on one process. */
  public static final RuleInfo MINER = rule("mw-host-miner",
      "Cryptominer running (several independent signals)", Severity.CRITICAL,
      List.of("attack.impact", "attack.t1496", "attack.t1496.001"), "sanctioned mining");
  /** A user process named like a kernel thread. */
  public static final RuleInfo FAKE_KTHREAD = rule("mw-host-fake-kthread",
      "User process masquerading as a kernel thread", Severity.HIGH,
      List.of("attack.defense-evasion", "attack.t1036.005"), "none known");
  /** A process that answers when probed but is missing from the /proc listing. */
  public static final RuleInfo HIDDEN_PROCESS = rule("mw-host-hidden-process",
      "Process hidden from the /proc listing", Severity.CRITICAL,
      List.of("attack.defense-evasion", "attack.t1014", "attack.t1574.006"),
      "a process started between the listing and the probe (the sensor re-checks to avoid it)");
  /** A mount over /proc/PID, which hides that process from ps and top. */
  public static final RuleInfo PROC_MOUNT = rule("mw-host-proc-mount",
      "Mount over /proc/<pid> hiding a process", Severity.CRITICAL,
      List.of("attack.defense-evasion", "attack.t1014", "attack.t1564"), "none known");
  /** Host CPU that no visible process accounts for. */
  public static final RuleInfo HIDDEN_CPU = rule("mw-host-unaccounted-cpu",
      "CPU time that no visible process accounts for", Severity.HIGH,
      List.of("attack.defense-evasion", "attack.t1014", "attack.impact", "attack.t1496"),
      "many short-lived processes whose parents exited in the same interval");
  /** A non-empty /etc/ld.so.preload. */
  public static final RuleInfo LD_PRELOAD = rule("mw-host-ld-preload",
      "Libraries preloaded into every process (/etc/ld.so.preload)", Severity.HIGH,
      List.of("attack.persistence", "attack.defense-evasion", "attack.t1574.006", "attack.t1014"),
      "rare performance or monitoring agents that preload a library");
  /** Cron spool or /etc/cron* changed since the baseline. */
  public static final RuleInfo CRON_CHANGE = rule("mw-host-cron-change",
      "Cron job added, changed or removed", Severity.MEDIUM,
      List.of("attack.persistence", "attack.execution", "attack.t1053.003"), "administration");
  /** A systemd unit or timer changed since the baseline. */
  public static final RuleInfo SYSTEMD_CHANGE = rule("mw-host-systemd-change",
      "systemd unit or timer added, changed or removed", Severity.MEDIUM,
      List.of("attack.persistence", "attack.t1543.002", "attack.t1053.006"),
      "package installs and upgrades");
  /** An authorized_keys file changed since the baseline. */
  public static final RuleInfo SSH_KEY_CHANGE = rule("mw-host-ssh-key-change",
      "SSH authorized_keys added, changed or removed", Severity.HIGH,
      List.of("attack.persistence", "attack.t1098.004"), "key rotation");
  /** rc.local or a shell start-up file changed since the baseline. */
  public static final RuleInfo RC_CHANGE = rule("mw-host-rc-change",
      "rc.local or shell start-up file changed", Severity.MEDIUM,
      List.of("attack.persistence", "attack.t1037.004", "attack.t1546.004"), "administration");
  /** /etc/ld.so.preload created or changed since the baseline. */
  public static final RuleInfo PRELOAD_CHANGE = rule("mw-host-preload-change",
      "/etc/ld.so.preload created or changed", Severity.HIGH,
      List.of("attack.persistence", "attack.defense-evasion", "attack.t1574.006"), "none common");
  /** /etc/hosts or /etc/resolv.conf changed since the baseline. */
  public static final RuleInfo DNS_CHANGE = rule("mw-host-dns-change",
      "DNS routing changed (/etc/hosts or /etc/resolv.conf)", Severity.MEDIUM,
      List.of("attack.defense-evasion", "attack.t1562", "attack.t1685"),
      "DHCP clients and network managers rewriting resolv.conf");
  /** sshd_config changed since the baseline. */
  public static final RuleInfo SSHD_CONFIG_CHANGE = rule("mw-host-sshd-config-change",
      "sshd configuration changed", Severity.MEDIUM,
      List.of("attack.persistence", "attack.defense-evasion", "attack.t1098.004", "attack.t1556"),
      "administration");
  /** A watched file carries the immutable or append-only attribute. */
  public static final RuleInfo IMMUTABLE = rule("mw-host-immutable-file",
      "Persistence or DNS file locked with chattr (+i/+a)", Severity.HIGH,
      List.of("attack.defense-evasion", "attack.t1222.002"),
      "administrators who lock resolv.conf against DHCP rewrites");
  /** A cron entry that downloads and pipes into a shell. */
  public static final RuleInfo CRON_DOWNLOAD = rule("mw-host-cron-download-exec",
      "Cron entry downloading and running a script", Severity.HIGH,
      List.of("attack.persistence", "attack.t1053.003", "attack.t1105"), "none common");
  /** A listening port that the baseline did not have. */
  public static final RuleInfo NEW_LISTENER = rule("mw-host-new-listener",
      "New listening port", Severity.MEDIUM,
      List.of("attack.command-and-control", "attack.persistence", "attack.t1571"),
      "new services, ephemeral debugging ports");
  /** Kernel settings as miners set them. */
  public static final RuleInfo KERNEL_TUNING = rule("mw-host-kernel-tuning",
      "Kernel tuned as miners tune it (hugepages, nmi_watchdog, msr)", Severity.LOW,
      List.of("attack.impact", "attack.t1496"),
      "databases using huge pages; virtual machines without an NMI watchdog");
  /** Kernel settings changed toward mining since the baseline. */
  public static final RuleInfo KERNEL_TUNING_CHANGE = rule("mw-host-kernel-tuning-change",
      "Kernel tuned for mining since the baseline", Severity.HIGH,
      List.of("attack.impact", "attack.t1496", "attack.defense-evasion"),
      "database tuning");
  /** Host CPU spend far above its baseline. */
  public static final RuleInfo CPU_COST = rule("mw-host-cpu-cost",
      "Host CPU spend left its baseline", Severity.MEDIUM,
      List.of("attack.impact", "attack.t1496", "attack.t1496.001"), "load peaks, batch jobs");

  /** Every rule of the sensor, for listings and documentation. */
  public static List<RuleInfo> all() {
    return List.of(MINER_COMMAND_LINE, MINER_NAME, POOL_CONNECTION, HIGH_CPU, EXEC_FROM_WRITABLE,
        DELETED_EXE, MINER, FAKE_KTHREAD, HIDDEN_PROCESS, PROC_MOUNT, HIDDEN_CPU, LD_PRELOAD,
        CRON_CHANGE, SYSTEMD_CHANGE, SSH_KEY_CHANGE, RC_CHANGE, PRELOAD_CHANGE, DNS_CHANGE,
        SSHD_CONFIG_CHANGE, IMMUTABLE, CRON_DOWNLOAD, NEW_LISTENER, KERNEL_TUNING,
        KERNEL_TUNING_CHANGE, CPU_COST);
  }

  private static RuleInfo rule(String id, String title, Severity level, List<String> tags,
      String falsePositive) {
    return new RuleInfo(id, id, title, level, tags, List.of(falsePositive), null);
  }
}
