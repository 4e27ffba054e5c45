package dev.minewarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.ingest.aws.CloudTrailFormat;
import dev.minewarden.ingest.aws.Route53ResolverFormat;
import dev.minewarden.ingest.aws.VpcFlowLogFormat;
import dev.minewarden.ingest.azure.NsgFlowLogFormat;
import dev.minewarden.ingest.docker.DockerEventsFormat;
import dev.minewarden.ingest.k8s.K8sAuditFormat;
import dev.minewarden.ingest.zeek.ZeekFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each sample is claimed by exactly its own format, and foreign samples by none. */
class CloudFormatsSniffTest {
  static final List<LogFormat> FORMATS = List.of(new ZeekFormat(), new VpcFlowLogFormat(),
      new Route53ResolverFormat(), new CloudTrailFormat(),
      new dev.minewarden.ingest.gcp.VpcFlowLogFormat(), new NsgFlowLogFormat(),
      new DockerEventsFormat(), new K8sAuditFormat());

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "samples/zeek-conn.tsv.log, zeek",
    "samples/zeek-dns.tsv.log, zeek",
    "samples/zeek-ssh.tsv.log, zeek",
    "samples/zeek-conn.json.log, zeek",
    "samples/zeek-dns.json.log, zeek",
    "fixtures/zeek-http.tsv.log, zeek",
    "fixtures/zeek-ssl.json.log, zeek",
    "samples/aws-vpc-flow-v2-default.log, aws-vpcflow",
    "samples/aws-vpc-flow-v3-custom-tcpflags.log, aws-vpcflow",
    "samples/aws-vpc-flow-v5-custom.log, aws-vpcflow",
    "samples/aws-route53-resolver-query.ndjson, aws-route53resolver",
    "samples/aws-cloudtrail-crowdsec.ndjson, aws-cloudtrail",
    "samples/aws-cloudtrail-route53-records.json, aws-cloudtrail",
    "samples/aws-cloudtrail-runinstances.event.json, aws-cloudtrail",
    "fixtures/cloudtrail-sg-ingress.eventbridge.json, aws-cloudtrail",
    "fixtures/gcp-vpc-flows.ndjson, gcp-vpcflow",
    "samples/azure-nsg-flow-v2.json, azure-nsgflow",
    "fixtures/docker-events.ndjson, docker-events",
    "fixtures/k8s-audit.ndjson, k8s-audit",
    "samples/sshd-accepted.log, ",
    "samples/auditd-execve-records.log, ",
    "samples/aws-ec2-describe-security-groups.placebo.json, ",
    "samples/zeek-conn.tsv.log.source.txt, ",
  })
  void sniff_picksOnlyTheOwnFormat(String resource, String expected) {
    List<String> claimed = FORMATS.stream()
        .filter(f -> CollectingSink.sniffs(f, resource))
        .map(LogFormat::name)
        .toList();

    assertThat(claimed).isEqualTo(expected == null ? List.of() : List.of(expected));
  }
}
