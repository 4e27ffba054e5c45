package dev.minewarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuntCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<JsonNode> alerts(CliRun run) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  static List<String> titles(List<JsonNode> alerts) {
    return alerts.stream().map(a -> a.path("rule").path("name").asText()).toList();
  }

  @Test
  void hunt_exampleEstateShowsTheIntrusion() throws IOException {
    Path examples = CliRun.repo().resolve("examples");
    CliRun run = CliRun.of("hunt", "--format", "ndjson", "--no-progress", examples.toString());
    List<JsonNode> alerts = alerts(run);
    assertThat(titles(alerts)).contains(
        "SSH Login After Brute Force",
        "Crypto Miner Command Line",
        "Stratum Port Connection After A Mining Pool Lookup",
        "Cron Job That Downloads And Runs A Script",
        "AWS Security Group Opened To The Internet On A Risky Port");
    JsonNode miner = alerts.stream()
        .filter(a -> a.path("rule").path("name").asText().equals("Crypto Miner Command Line"))
        .findFirst().orElseThrow();
    assertThat(miner.path("log").path("file").path("path").asText()).endsWith("audit.log");
    assertThat(miner.path("log").path("file").path("line").asLong()).isPositive();
    assertThat(miner.path("process").path("command_line").asText()).contains("stratum+tcp://");
    assertThat(miner.path("event").path("kind").asText()).isEqualTo("alert");
    assertThat(miner.path("threat").path("technique").path("id").toString()).contains("T1496");
    assertThat(run.err()).contains("sshd-syslog", "auditd", "zeek", "aws-vpcflow", "aws-cloudtrail");
  }

  @Test
  void hunt_passiveDnsTiesAFlowToThePoolNameResolvedInAnotherFile() throws IOException {
    // The flow log only has the address; Zeek's DNS log (read in any order) says which name it was.
    Path flows = CliRun.repo().resolve("examples/cloud/vpc-flow.log");
    Path dns = CliRun.repo().resolve("examples/network/dns.log");
    for (List<String> order : List.of(List.of(flows.toString(), dns.toString()),
        List.of(dns.toString(), flows.toString()))) {
      List<String> args = new ArrayList<>(List.of("hunt", "--quiet", "--format", "ndjson"));
      args.addAll(order);
      JsonNode pool = alerts(CliRun.of(args.toArray(String[]::new))).stream()
          .filter(a -> a.path("log").path("file").path("path").asText().endsWith("vpc-flow.log"))
          .filter(a -> a.path("rule").path("name").asText().equals("Network Connection To A Mining Pool Host"))
          .findFirst().orElseThrow();
      assertThat(pool.path("destination").path("domain").asText()).isEqualTo("pool.supportxmr.com");
      assertThat(pool.path("destination").path("ip").asText()).isEqualTo("198.51.100.23");
    }
  }

  @Test
  void hunt_failOnSetsTheExitCode() {
    Path auth = CliRun.repo().resolve("examples/web-1/auth.log");
    assertThat(CliRun.of("hunt", "--quiet", "--fail-on", "high", auth.toString()).exit()).isEqualTo(1);
    assertThat(CliRun.of("hunt", "--quiet", "--fail-on", "critical", auth.toString()).exit()).isZero();
  }

  @Test
  void hunt_resultsDoNotDependOnFileOrderOrThreads() {
    Path web = CliRun.repo().resolve("examples/web-1");
    Path net = CliRun.repo().resolve("examples/network");
    String a = CliRun.of("hunt", "--quiet", "--format", "ndjson", "--threads", "1",
        web.toString(), net.toString()).out();
    String b = CliRun.of("hunt", "--quiet", "--format", "ndjson", "--threads", "2",
        net.toString(), web.toString()).out();
    assertThat(a).isNotBlank().isEqualTo(b);
  }

  @Test
  void hunt_flowLogInPiecesGivesTheAlertsOfOneSequentialRead(@TempDir Path dir) throws IOException {
    Path rule = dir.resolve("pool.yml");
    Files.writeString(rule, """
        title: Flow With A Test Pool Address
        id: 0b7f3c4e-5d1a-4f7e-9a61-2f2d7c0e9b11
        status: test
        logsource:
            product: aws
            service: vpcflowlogs
        detection:
            dst:
                DestinationIp|cidr: '203.0.113.0/24'
            src:
                SourceIp|cidr: '203.0.113.0/24'
            condition: 1 of them
        level: high
        """);
    // Several megabytes, so the reader cuts pieces; halfway a second header swaps the address
    // columns, so a piece read with the wrong layout would report other lines.
    StringBuilder log = new StringBuilder("version account-id interface-id srcaddr dstaddr srcport"
        + " dstport protocol packets bytes start end action log-status\n");
    int pools = 0;
    for (int i = 0; i < 60_000; i++) {
      if (i == 30_000) {
        log.append("version account-id interface-id dstaddr srcaddr srcport dstport protocol"
            + " packets bytes start end action log-status\n");
      }
      String other = (i % 97 == 0) ? "203.0.113." + (i % 250) : "198.51.100." + (i % 250);
      pools += i % 97 == 0 ? 1 : 0;
      log.append("2 123456789010 eni-0a1b2c3d4e5f6").append(i % 400).append(" 10.0.")
          .append(i % 200).append(".7 ").append(other).append(' ').append(40000 + i % 20000)
          .append(" 443 6 12 5400 ").append(1795144580 + i).append(' ').append(1795144640 + i)
          .append(" ACCEPT OK\n");
    }
    Path flows = dir.resolve("flows.log");
    Files.writeString(flows, log);
    assertThat(Files.size(flows)).isGreaterThan(4L << 20);

    List<String> runs = new ArrayList<>();
    for (String threads : List.of("1", "2", "3")) {
      runs.add(CliRun.of("hunt", "--quiet", "--no-builtin", "--no-intel", "--rules", rule.toString(),
          "--fold-window", "PT0S", "--format", "ndjson", "--threads", threads, flows.toString()).out());
    }
    assertThat(runs.get(0).lines()).hasSize(pools);
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
    assertThat(runs.get(2)).isEqualTo(runs.get(0));
    // Record 30,070 is line 30,073 (two header lines before it), read with the second header.
    JsonNode late = alerts(CliRun.of("hunt", "--quiet", "--no-builtin", "--no-intel", "--rules",
        rule.toString(), "--fold-window", "PT0S", "--format", "ndjson", flows.toString())).stream()
        .filter(a -> a.path("log").path("file").path("line").asLong() == 30_073)
        .findFirst().orElseThrow();
    assertThat(late.path("source").path("ip").asText()).isEqualTo("203.0.113.70");
  }

  @Test
  void hunt_badInputIsReportedAndTheRunIsPartial(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("auth.log");
    Files.copy(CliRun.repo().resolve("examples/web-1/auth.log"), good);
    Files.write(dir.resolve("garbage.bin"), new byte[] {0, 1, 2, (byte) 0xff, 0x7f, 0x1b, 'x'});
    byte[] gz = gzip(Files.readAllBytes(good));
    Files.write(dir.resolve("truncated.log.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
    Files.writeString(dir.resolve("events.ndjson"),
        "{\"CommandLine\": \"xmrig --donate-level 1\"}\n{not json\n{\"a\": 1}\n");
    java.io.ByteArrayOutputStream ssh = new java.io.ByteArrayOutputStream();
    ssh.writeBytes("Nov 20 03:10:04 web-1 sshd[1]: Failed password for root from 203.0.113.9 port 1 ssh2\n"
        .getBytes(StandardCharsets.UTF_8));
    ssh.writeBytes(("Nov 20 03:10:05 web-1 sshd[2]: Invalid user " + "x".repeat(10 * 1024 * 1024) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    ssh.writeBytes("Nov 20 03:10:06 web-1 sshd[3]: Invalid user b".getBytes(StandardCharsets.UTF_8));
    ssh.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
    ssh.writeBytes(" from 203.0.113.9 port 2\n".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("hostile-auth.log"), ssh.toByteArray());
    CliRun run = CliRun.of("hunt", "--format", "ndjson", dir.toString());
    assertThat(run.exit()).isEqualTo(Cli.EXIT_PARTIAL);
    assertThat(run.err()).contains("events.ndjson:2", "garbage.bin", "truncated.log.gz",
        "hostile-auth.log:2: line longer than", "hostile-auth.log:3: invalid UTF-8");
    assertThat(titles(alertsQuietly(run))).contains("SSH Login After Brute Force");
  }

  @Test
  void hunt_gzipAndStdinNamesAreReported(@TempDir Path dir) throws IOException {
    Path gz = dir.resolve("auth.log.gz");
    Files.write(gz, gzip(Files.readAllBytes(CliRun.repo().resolve("examples/web-1/auth.log"))));
    CliRun run = CliRun.of("hunt", "--quiet", "--format", "ndjson", gz.toString());
    assertThat(alerts(run)).isNotEmpty()
        .allSatisfy(a -> assertThat(a.path("log").path("file").path("path").asText()).isEqualTo(gz.toString()));
  }

  @Test
  void hunt_exceptionsFolderSilencesARule(@TempDir Path dir) throws IOException {
    Path auth = CliRun.repo().resolve("examples/web-1/auth.log");
    Path exceptions = Files.createDirectories(dir.resolve("exceptions"));
    Files.writeString(exceptions.resolve("office.yml"), """
        title: The office bastion logs in after failed attempts by design
        filter:
          rules:
            - mw_ssh_login_after_bruteforce_accepted
          selection:
            SourceIp: 203.0.113.50
          condition: selection
        logsource:
          product: linux
          service: sshd
        """);
    List<String> before = titles(alerts(CliRun.of("hunt", "--quiet", "--format", "ndjson", auth.toString())));
    assertThat(before).contains("SSH Login After Brute Force");
    CliRun run = CliRun.of("hunt", "--quiet", "--format", "ndjson", "--exceptions", exceptions.toString(),
        auth.toString());
    assertThat(run.err()).isEmpty();
    assertThat(titles(alerts(run))).doesNotContain("SSH Login After Brute Force");
  }

  @Test
  void hunt_tableEscapesHostileText(@TempDir Path dir) throws IOException {
    Path events = dir.resolve("evil.ndjson");
    Files.writeString(events, "{\"CommandLine\": \"xmrig --donate-level 1 \\u001b[2J\\u001b]0;owned\\u0007\\nFAKE ROW\","
        + " \"Image\": \"/tmp/xmrig\", \"logsource\": {\"product\": \"linux\", \"category\": \"process_creation\"}}\n");
    CliRun run = CliRun.of("hunt", "--quiet", events.toString());
    assertThat(run.out()).contains("Crypto Miner Command Line").doesNotContain("\u001b", "\u0007")
        .contains("\\x1b[2J");
    assertThat(run.out().lines().filter(l -> l.startsWith("FAKE ROW"))).isEmpty();
  }

  @Test
  void hunt_ndjsonEscapesC1AndBidiControls(@TempDir Path dir) throws IOException {
    Path events = dir.resolve("evil.ndjson");
    Files.writeString(events, "{\"CommandLine\": \"xmrig --donate-level 1 \\u009b2J \\u202egnp.exe\","
        + " \"Image\": \"/tmp/xmrig\", \"logsource\": {\"product\": \"linux\", \"category\": \"process_creation\"}}\n");
    CliRun run = CliRun.of("hunt", "--quiet", "--format", "ndjson", events.toString());
    assertThat(run.out()).contains("Crypto Miner Command Line", "\\u009b2J", "\\u202egnp")
        .doesNotContain("\u009b", "\u202e");
  }

  private static List<JsonNode> alertsQuietly(CliRun run) throws IOException {
    return alerts(run);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unused")
  private static String text(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
