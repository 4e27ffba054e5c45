package dev.minewarden.ingest;

import dev.minewarden.ingest.auditd.AuditdFormat;
import dev.minewarden.ingest.aws.CloudTrailFormat;
import dev.minewarden.ingest.aws.Route53ResolverFormat;
import dev.minewarden.ingest.azure.NsgFlowLogFormat;
import dev.minewarden.ingest.docker.DockerEventsFormat;
import dev.minewarden.ingest.k8s.K8sAuditFormat;
import dev.minewarden.ingest.journald.JournaldFormat;
import dev.minewarden.ingest.json.JsonEventsFormat;
import dev.minewarden.ingest.pcap.PcapFormat;
import dev.minewarden.ingest.sshd.SshdSyslogFormat;
import dev.minewarden.ingest.zeek.ZeekFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The input formats Minewarden reads, in the order they are tried when sniffing: specific formats
 * first, the generic JSON events input last, so a CloudTrail file is read as CloudTrail and not as
 * generic JSON.
 */
public final class Formats {
  private final List<LogFormat> formats;

  private Formats(List<LogFormat> formats) {
    this.formats = List.copyOf(formats);
  }

  /** Every built-in format. */
  public static Formats builtin() {
    List<LogFormat> all = new ArrayList<>();
    all.add(new PcapFormat());
    all.add(new SshdSyslogFormat());
    all.add(new JournaldFormat());
    all.add(new AuditdFormat());
    all.add(new ZeekFormat());
    all.add(new dev.minewarden.ingest.aws.VpcFlowLogFormat());
    all.add(new Route53ResolverFormat());
    all.add(new CloudTrailFormat());
    all.add(new dev.minewarden.ingest.gcp.VpcFlowLogFormat());
    all.add(new NsgFlowLogFormat());
    all.add(new DockerEventsFormat());
    all.add(new K8sAuditFormat());
    // Generic JSON goes last: specific JSON formats (CloudTrail, journald...) must claim first.
    all.add(new JsonEventsFormat());
    return new Formats(all);
  }

  /** The formats, in sniffing order. */
  public List<LogFormat> all() {
    return formats;
  }

  /** The first format whose sniff accepts this head, if any. */
  public Optional<LogFormat> detect(byte[] head, int length) {
    for (LogFormat f : formats) {
      if (f.sniff(head, length)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The format with this name (case-insensitive), if any. */
  public Optional<LogFormat> byName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return formats.stream().filter(f -> f.name().equals(n)).findFirst();
  }

  /** The names of all formats, for help and error messages. */
  public List<String> names() {
    return formats.stream().map(LogFormat::name).toList();
  }
}
