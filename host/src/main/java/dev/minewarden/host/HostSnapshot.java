package dev.minewarden.host;

import dev.minewarden.host.proc.CpuStat;
import dev.minewarden.host.proc.Mount;
import dev.minewarden.host.proc.NetSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one sample read from {@code /proc} and {@code /etc}. Immutable.
 *
 * @param timeMillis when the sample was taken, epoch ms
 * @param processes the visible processes by pid
 * @param sockets the TCP and UDP sockets of every network namespace the sensor could reach
 * @param socketOwners the pid owning each socket inode (the first one found)
 * @param mounts the mounts of {@code /proc/mounts}
 * @param modules the loaded kernel modules, or {@code null} when {@code /proc/modules} is absent
 * @param sysctls kernel settings miners touch, by dotted name ({@code vm.nr_hugepages}); absent
 *     when unreadable
 * @param cpu the host CPU counters, or {@code null} when unreadable
 * @param hostCpuCores host CPU busy since the previous sample in cores, {@code NaN} on the first
 * @param unaccountedCores host user+system CPU since the previous sample that no visible process
 *     accounts for, in cores ({@code NaN} on the first sample)
 * @param lastPid the kernel's last allocated pid ({@code ns_last_pid}), or -1
 * @param denied refused reads by kind
 */
public record HostSnapshot(
    long timeMillis,
    Map<Integer, ProcessInfo> processes,
    List<NetSocket> sockets,
    Map<Long, Integer> socketOwners,
    List<Mount> mounts,
    Set<String> modules,
    Map<String, String> sysctls,
    CpuStat cpu,
    double hostCpuCores,
    double unaccountedCores,
    int lastPid,
    Map<String, Long> denied) {

  /** The number of online CPUs (at least 1). */
  public int cpuCount() {
    return cpu == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : cpu.cpus();
  }

  /** The process owning a socket, or {@code null}. */
  public ProcessInfo ownerOf(NetSocket s) {
    Integer pid = socketOwners.get(s.inode());
    return pid == null ? null : processes.get(pid);
  }
}
