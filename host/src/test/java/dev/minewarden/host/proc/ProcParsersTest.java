package dev.minewarden.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parsers, on text recorded from a Linux 6.x host and on hostile variants. */
class ProcParsersTest {
  @Test
  void parseStat_recordedLine() {
    PidStat s = PidStat.parse("22286 (cat) R 22281 22281 5943 0 -1 4194304 130 0 0 0 7 3 11 2 20 0 1 0 "
        + "131753 3133440 382 18446744073709551615 93998310866944 93998310886825 140728405389760 0 0 0 0 "
        + "0 0 0 0 0 17 1 0 0 0 0 0\n");

    assertThat(s).isEqualTo(new PidStat(22286, "cat", 'R', 22281, 4194304, 7, 3, 11, 2, 1, 131753, 382));
    assertThat(s.isKernelThread()).isFalse();
  }

  @Test
  void parseStatBytes_sameAsTextOnEveryLiveProcessAndHostileNames() throws Exception {
    List<String> lines = new java.util.ArrayList<>(List.of(
        "22286 (cat) R 22281 22281 5943 0 -1 4194304 130 0 0 0 7 3 11 2 20 0 1 0 131753 3133440 382 1 2 3\n",
        "42 (a) (b)\n\u001b[2J) S 1 42 42 0 -1 4194560 0 0 0 0 100 50 0 0 20 0 3 0 99 0 10 0\n",
        "7 (\u00e9\ufffd) S 1 7 7 0 -1 0 0 0 0 0 1 1 0 0 20 -5 1 0 5 0 1 0",
        "garbage", "1 (x) S 1 2 3", ""));
    try (var dir = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
      dir.filter(p -> ParseUtil.isDigits(p.getFileName().toString())).limit(200).forEach(p -> {
        try {
          lines.add(java.nio.file.Files.readString(p.resolve("stat"), StandardCharsets.UTF_8));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
          // The process ended: nothing to compare.
        }
      });
    }
    assertThat(lines).hasSizeGreaterThan(7);
    for (String line : lines) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      byte[] padded = java.util.Arrays.copyOf(b, b.length + 64);
      assertThat(PidStat.parse(padded, b.length)).as(line).isEqualTo(PidStat.parse(line));
    }
    assertThat(PidStat.parse("42 (a) (b)\n\u001b[2J) S 1 42 42 0 -1 4194560 0 0 0 0 100 50 0 0 20 0 3 0 99 0 10 0"
        .getBytes(StandardCharsets.UTF_8), 70)).as("cut short").isNull();
  }

  @Test
  void parseStatus_onlyTheFieldsUsedWithoutRegex() {
    PidStatus st = PidStatus.parse("Name:\tbash\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t4242\n"
        + "Ngid:\t0\nPid:\t4243\nPPid:\t1\nUid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n"
        + "VmRSS:\t    5120 kB\nThreads:\t3\nUidx:\t7\n");

    assertThat(st).isEqualTo(new PidStatus(4242, 1, 1000, 0, 3, 5120));
    assertThat(PidStatus.parse("Uid:\t99999999999\t0\nTgid:\t1\n")).isEqualTo(new PidStatus(1, -1, -1, 0, 0, 0));
    assertThat(PidStatus.parse("Tgid:\n")).isNull();
  }

  @Test
  void parseStat_kernelThreadFlag() {
    PidStat s = PidStat.parse("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 3 0 0 "
        + "18446744073709551615 0 0 0 0 0 0 0 2147483647 0 0 0 0 17 0 0 0 0 0 0");

    assertThat(s.isKernelThread()).isTrue();
    assertThat(s.ppid()).isZero();
  }

  @Test
  void parseStat_commWithParensSpacesAndNewline() {
    PidStat s = PidStat.parse("77 (a) b\n(c) ) S 1 77 77 0 -1 4194560 0 0 0 0 5 6 0 0 20 0 3 0 999 0 10 0");

    assertThat(s.comm()).isEqualTo("a) b\n(c) ");
    assertThat(s.threads()).isEqualTo(3);
    assertThat(s.startTicks()).isEqualTo(999);
  }

  @Test
  void parseStat_garbageGivesNull() {
    assertThat(PidStat.parse("")).isNull();
    assertThat(PidStat.parse("12 (x")).isNull();
    assertThat(PidStat.parse("x (y) S 1")).isNull();
    assertThat(PidStat.parse(null)).isNull();
  }

  @Test
  void parseStatus_threadHasOtherTgid() {
    PidStatus s = PidStatus.parse("Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t4000\n"
        + "Pid:\t4012\nPPid:\t1\nUid:\t1000\t0\t0\t0\nThreads:\t21\nVmRSS:\t  123456 kB\n");

    assertThat(s).isEqualTo(new PidStatus(4000, 1, 1000, 0, 21, 123456));
  }

  @Test
  void parseCpuStat_aggregateAndBootTime() {
    CpuStat c = CpuStat.parse("cpu  100 5 50 1000 20 1 2 3 7 0\ncpu0 50 2 25 500 10 0 1 1 0 0\n"
        + "cpu1 50 3 25 500 10 1 1 2 0 0\nintr 1 2\nctxt 9\nbtime 1700000000\n");

    assertThat(c).isEqualTo(new CpuStat(105, 50, 1020, 6, 2, 1_700_000_000L));
    assertThat(c.busyTicks()).isEqualTo(161);
  }

  @Test
  void parseNetSocket_ipv4AndMappedAndIpv6() {
    List<NetSocket> tcp = NetSocket.parse("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
        + "   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1587 1 0 100 0 0 10 0\n"
        + "   1: 0100007F:9C40 0100007F:0D05 01 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0 20 4 30 10 -1\n", "tcp");
    List<NetSocket> tcp6 = NetSocket.parse(
        "   0: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 5 1 0\n"
        + "   1: B80D01200000000000000000010000000:0016 00000000000000000000000000000000:0000 0A 0:0 0:0 0 0 0 6\n"
        + "   2: B80D0120000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 0:0 0:0 0 0 0 7\n", "tcp");

    assertThat(tcp).containsExactly(
        new NetSocket("tcp", "0.0.0.0", 2024, "0.0.0.0", 0, 10, 0, 1587),
        new NetSocket("tcp", "127.0.0.1", 40000, "127.0.0.1", 3333, 1, 1000, 4242));
    assertThat(tcp.get(0).isListening()).isTrue();
    assertThat(tcp.get(1).isConnected()).isTrue();
    assertThat(tcp6).extracting(NetSocket::localIp).containsExactly("127.0.0.1", "2001:db8::1");
  }

  @Test
  void parseNetSocket_ipv6Forms() {
    NetSocket s = NetSocket.parseLine("0: 00000000000000000000000001000000:0016 "
        + "B80D0120000000000100000000000000:D431 01 0:0 0:0 0 0 0 9", "tcp");
    assertThat(s.localIp()).isEqualTo("::1");
    assertThat(s.remoteIp()).isEqualTo("2001:db8::1:0:0");
    assertThat(NetSocket.parseLine("0: 00000000000000000000000000000000:0016 "
        + "0000000000000000FFFF00000A00000A:D431 01 0:0 0:0 0 0 0 9", "tcp"))
        .extracting(NetSocket::localIp, NetSocket::remoteIp)
        .containsExactly("::", "10.0.0.10");
  }

  @Test
  void parseMounts_octalEscapes() {
    List<Mount> m = Mount.parse("proc /proc proc rw,nosuid,hidepid=2 0 0\n/dev/sda1 /mnt/my\\040disk ext4 rw 0 0\nshort\n");

    assertThat(m).hasSize(2);
    assertThat(m.get(0).hasOption("hidepid")).isTrue();
    assertThat(m.get(1).mountPoint()).isEqualTo("/mnt/my disk");
  }

  @Test
  void containerId_dockerSystemdAndKubepods() {
    String id = "3f4a".repeat(16);
    assertThat(Cgroups.containerId("0::/system.slice/docker-" + id + ".scope\n")).isEqualTo(id);
    assertThat(Cgroups.containerId("12:memory:/kubepods/burstable/pod1234/" + id + "\n")).isEqualTo(id);
    assertThat(Cgroups.containerId("0::/user.slice/user-1000.slice/session-2.scope\n")).isNull();
    assertThat(Cgroups.containerId("0::/x/" + id + "0\n")).as("65 hex digits are no id").isNull();
    assertThat(Cgroups.path("4:memory:/a\n0::/b\n")).isEqualTo("/b");
  }

  @Test
  void parsePasswdModulesLsattr() {
    assertThat(Passwd.parse("root:x:0:0:root:/root:/bin/bash\n# c\nbad\nbob:x:1001:1001::/home/bob:/bin/sh\n"))
        .containsExactly(new Passwd.Account("root", 0, "/root", "/bin/bash"),
            new Passwd.Account("bob", 1001, "/home/bob", "/bin/sh"));
    assertThat(Modules.parse("msr 16384 0 - Live 0x0\nkvm 1 0 - Live 0x0\n")).containsExactly("kvm", "msr");
    assertThat(Lsattr.parse("----i---------e------- /etc/resolv.conf\nlsattr: Operation not supported While reading flags on /x\n"
        + "--------------e------- /etc/my hosts\n"))
        .containsEntry("/etc/resolv.conf", "----i---------e-------")
        .containsEntry("/etc/my hosts", "--------------e-------").hasSize(2);
    assertThat(Lsattr.isLocked("-----a--------e-------")).isTrue();
    assertThat(Lsattr.isLocked("--------------e-------")).isFalse();
  }

  @Test
  void splitNul_invalidUtf8AndTrailingNul() {
    byte[] b = {'a', 0, (byte) 0xff, 'b', 0x1b, 0};
    assertThat(Text.splitNul(b, b.length)).containsExactly("a", "\ufffdb\u001b");
    byte[] big = ("x".repeat(1 << 20) + "\0y").getBytes(StandardCharsets.UTF_8);
    assertThat(Text.splitNul(big, big.length)).hasSize(2);
  }

  @Test
  void parseLong_tolerant() {
    assertThat(ParseUtil.parseLong("123", -1)).isEqualTo(123);
    assertThat(ParseUtil.parseLong("-5", 0)).isEqualTo(-5);
    assertThat(ParseUtil.parseLong("99999999999999999999", -1)).isEqualTo(-1);
    assertThat(ParseUtil.parseLong("1a", -1)).isEqualTo(-1);
    assertThat(ParseUtil.parseHex("0D05", -1)).isEqualTo(3333);
    assertThat(ParseUtil.isDigits("123")).isTrue();
    assertThat(ParseUtil.isDigits("self")).isFalse();
  }
}
