package dev.minewarden.host;

import java.util.List;
import java.util.Set;

/** Names that kernel threads have and that miners borrow ({@code kworker/0:2}, {@code kswapd0}). */
final class KernelThreadNames {
  private static final List<String> PREFIXES = List.of("kworker", "ksoftirqd", "migration/",
      "rcu_", "kswapd", "kthreadd", "khugepaged", "kcompactd", "kauditd", "kblockd", "jbd2/",
      "watchdog/", "cpuhp/", "irq/", "scsi_eh", "scsi_tmf", "ext4-", "xfs", "kdevtmpfs", "oom_reaper",
      "writeback", "kintegrityd", "ksmd", "kstrp", "kthrotld", "ipv6_addrconf", "kpsmoused",
      "netns", "khungtaskd", "kswap", "kthread", "ksgxd", "hwrng", "zswap", "mm_percpu",
      "pool_workqueue", "idle_inject", "card0-crtc", "nvme-", "md", "edac-poller", "devfreq_wq",
      "crypto", "kaluad", "acpi_thermal_pm", "inet_frag_wq", "tpm_dev_wq", "blkcg_punt_bio");
  /** Short prefixes above that also start ordinary program names; these need an exact match. */
  private static final Set<String> EXACT = Set.of("md", "crypto", "xfs", "netns", "kthread");

  private KernelThreadNames() {}

  /**
   * Whether a name looks like a kernel thread's: in brackets ({@code [anything]}, as {@code ps}
   * shows kernel threads), or starting like a known kernel thread's name.
   */
  static boolean looksLikeKernelThread(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    if (name.length() > 2 && name.startsWith("[") && name.endsWith("]")) {
      return true;
    }
    for (String p : PREFIXES) {
      if (EXACT.contains(p) ? name.equals(p) : name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
