package dev.minewarden.cli;

import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.Assessment;
import dev.minewarden.posture.InputProblem;
import dev.minewarden.posture.PostureScan;
import dev.minewarden.posture.report.ReportFormat;
import dev.minewarden.posture.report.Text;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code minewarden posture}: maps the attack surface the mining gangs look for, scores it and
 * prints the protection plan. Exit code 0 when no finding is at or above {@code --fail-on}, 1 when
 * one is, 2 on bad usage or an input that could not be used.
 */
@Command(
    name = "posture",
    mixinStandardHelpOptions = true,
    version = "minewarden posture 0.1.0",
    sortOptions = false,
    description = {
      "Assesses cloud inventory exports and configuration (and with --local this host) for what"
          + " cryptomining gangs exploit, scores the risk and prints what to fix first.",
      "",
      "Inputs, recognised by content: AWS CLI JSON (describe-instances, describe-security-groups,"
          + " describe-network-interfaces, describe-subnets, describe-route-tables,"
          + " iam get-account-authorization-details), Terraform plan JSON (terraform show -json),"
          + " Kubernetes manifests and kubectl -o json/yaml lists, KubeletConfiguration, Docker"
          + " daemon.json, sshd_config or sshd -T output, redis.conf, the dpkg status file and"
          + " rpm -qa --qf '%%{NAME}\\t%%{EPOCH}:%%{VERSION}-%%{RELEASE}\\n' lists. Folders are read recursively.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no finding at or above --fail-on",
      "1:at least one finding at or above --fail-on",
      "2:bad usage, or an input that could not be read or recognised"
    })
public final class PostureCommand implements Callable<Integer> {

  @Option(names = "--local", description = "Also assess this host: listening sockets and their processes, sshd,"
      + " Docker, Redis, kubelet and etcd settings, installed packages. Works unprivileged; says what it could not see.")
  boolean local;

  @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
      description = "Root directory the local collector reads host paths under (default: ${DEFAULT-VALUE}).")
  Path root;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json, sarif (SARIF 2.1.0), ocsf (OCSF Detection Findings) or html (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "low",
      description = "Exit 1 when a finding is at or above this level: informational, low, medium, high,"
          + " critical (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to assess.")
  List<Path> paths = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (paths.isEmpty() && !local) {
      err.println("posture: give at least one PATH, or --local");
      spec.commandLine().usage(err);
      return 2;
    }
    ReportFormat fmt;
    Severity threshold;
    try {
      fmt = ReportFormat.valueOf(format.trim().toUpperCase(Locale.ROOT));
      threshold = Severity.fromName(failOn);
    } catch (IllegalArgumentException e) {
      err.println("posture: " + Text.terminal(e.getMessage().startsWith("No enum") ? "unknown format '" + format
          + "' (expected table, json, sarif, ocsf or html)" : e.getMessage()));
      return 2;
    }
    PostureScan.Builder scan = PostureScan.builder();
    paths.forEach(scan::path);
    if (local) {
      scan.local(root);
    }
    Assessment a = scan.build().run();
    report(a, err);
    try {
      write(a, fmt);
    } catch (IOException e) {
      err.println("posture: cannot write " + Text.terminal(String.valueOf(output)) + ": " + Text.terminal(e.getMessage()));
      return 2;
    }
    if (a.hasFatalProblems()) {
      return 2;
    }
    return a.hasFindingsAtOrAbove(threshold) ? 1 : 0;
  }

  private void write(Assessment a, ReportFormat fmt) throws IOException {
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      fmt.write(a, out);
      out.flush();
      return;
    }
    try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      fmt.write(a, w);
    }
  }

  private static void report(Assessment a, PrintWriter err) {
    for (InputProblem p : a.problems()) {
      err.println("posture: " + (p.fatal() ? "error: " : "warning: ") + Text.terminal(p.source())
          + (p.line() > 0 ? ":" + p.line() : "") + ": " + Text.terminal(p.reason()));
    }
    err.println("posture: " + a.inputs().size() + " input(s), " + a.findings().size() + " finding(s), estate risk "
        + a.estateScore() + "/100");
    err.flush();
  }
}
