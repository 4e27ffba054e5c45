package dev.minewarden.host;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The sensor's settings, fixed when it is built (see {@link HostSensor.Builder} for each one).
 *
 * @param root the host root ({@code /}, or a fixture tree)
 * @param hostName the host name alerts and events carry, nullable
 * @param clockTicks the kernel's {@code USER_HZ}, ticks per second
 * @param usdPerVcpuHour the price of one busy vCPU for one hour, US dollars
 * @param poolPorts remote TCP ports that count as mining-pool ports
 * @param poolAddresses remote addresses that count as pools
 * @param highCpuFraction a process is "hot" at this fraction of all cores
 * @param highCpuMinCores ... and at no fewer than this many cores
 * @param sustainSamples consecutive hot samples before CPU findings fire
 * @param fullProbeEvery every how many samples all pids are probed (the first sample always is)
 * @param stateDir where the baseline is kept between runs, nullable for none
 * @param fileCheckEvery every how many samples the watched files are checked
 * @param checkAttributes whether to run {@code lsattr} on watched files
 * @param attributeCheckEvery every how many samples the attributes are read
 * @param costBaselineSamples samples of host CPU cost needed before its baseline is trusted
 * @param costFactor host spend above this multiple of its baseline raises an alert
 * @param unaccountedMinCores unaccounted CPU below this many cores is noise
 * @param clock the wall clock, epoch ms
 * @param listingFilter applied to the {@code /proc} listing; identity except in tests that act
 *     out a rootkit's readdir filter on a fixture tree
 */
record SensorConfig(
    Path root,
    String hostName,
    int clockTicks,
    double usdPerVcpuHour,
    Set<Integer> poolPorts,
    Set<String> poolAddresses,
    double highCpuFraction,
    double highCpuMinCores,
    int sustainSamples,
    int fullProbeEvery,
    Path stateDir,
    int fileCheckEvery,
    boolean checkAttributes,
    int attributeCheckEvery,
    int costBaselineSamples,
    double costFactor,
    double unaccountedMinCores,
    java.util.function.LongSupplier clock,
    UnaryOperator<TreeSet<Integer>> listingFilter) {

  SensorConfig {
    poolPorts = Set.copyOf(poolPorts);
    poolAddresses = Set.copyOf(poolAddresses);
  }
}
