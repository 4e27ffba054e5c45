package dev.minewarden.ingest.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.CollectingSink;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudTrailFormatTest {
  private final CloudTrailFormat format = new CloudTrailFormat();

  @Test
  void parse_recordsFile() {
    var p = CollectingSink.parseResource(format, "samples/aws-cloudtrail-route53-records.json");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).extracting(e -> e.get("eventName")).containsExactly("ListHostedZones",
        "CreateHealthCheck", "ChangeResourceRecordSets", "DeleteHostedZone",
        "updateDomainContact", "CreateResolverEndpoint");
    Event list = p.events.get(0);
    assertThat(list.logSource()).isEqualTo(LogSource.exact("aws", null, "cloudtrail"));
    assertThat(list.sourceLine()).isEqualTo(3);
    assertThat(list.timestampMillis()).isEqualTo(Instant.parse("2015-01-16T00:41:48Z")
        .toEpochMilli());
    assertThat(list.get("userIdentity.arn")).isEqualTo("arn:aws:iam::111122223333:user/smithj");
    assertThat(list.has("requestParameters")).isTrue();
    assertThat(list.get("requestParameters")).isNull();
    Event health = p.events.get(1);
    assertThat(health.get("requestParameters.healthCheckConfig.port")).isEqualTo(80L);
    assertThat(health.getString("requestParameters")).contains("\"iPAddress\":\"192.0.2.249\"");
    Event change = p.events.get(2);
    assertThat(change.get("requestParameters.changeBatch.changes.action")).isInstanceOf(List.class);
  }

  @Test
  void parse_runInstancesSingleRecord() {
    var p = CollectingSink.parseResource(format, "samples/aws-cloudtrail-runinstances.event.json");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(1);
    Event e = p.events.get(0);
    assertThat(e.sourceLine()).isEqualTo(1);
    assertThat(e.get("eventName")).isEqualTo("RunInstances");
    assertThat(e.get("requestParameters.instanceType")).isEqualTo("t2.micro");
    assertThat(e.get("InstanceCount")).isEqualTo(2L);
    assertThat(e.get("requestParameters.instancesSet.items.maxCount")).isEqualTo(List.of(2L));
    assertThat(e.get("requestParameters.instancesSet.items.imageId"))
        .isEqualTo(List.of("ami-06116566"));
    assertThat(e.get("userIdentity.invokedBy")).isEqualTo("autoscaling.amazonaws.com");
  }

  @Test
  void parse_eventBridgeEnvelopeExposesIngressCidrsAndPorts() {
    var p = CollectingSink.parseResource(format, "fixtures/cloudtrail-sg-ingress.eventbridge.json");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(1);
    Event e = p.events.get(0);
    assertThat(e.get("eventName")).isEqualTo("AuthorizeSecurityGroupIngress");
    assertThat(e.timestampMillis()).isEqualTo(Instant.parse("2024-05-02T10:29:58Z")
        .toEpochMilli());
    assertThat(e.get("requestParameters.groupId")).isEqualTo("sg-0123456789abcdef0");
    assertThat(e.get("requestParameters.ipPermissions.items.ipRanges.items.cidrIp"))
        .isEqualTo(List.of("0.0.0.0/0", "0.0.0.0/0"));
    assertThat(e.get("requestParameters.ipPermissions.items.fromPort")).isEqualTo(List.of(22L, 2375L));
    assertThat(e.get("requestParameters.ipPermissions.items.toPort")).isEqualTo(List.of(22L, 2376L));
    assertThat(e.get("requestParameters.ipPermissions.items.ipv6Ranges.items.cidrIpv6"))
        .isEqualTo(List.of("::/0"));
    assertThat(e.get("responseElements.securityGroupRuleSet.items.groupId"))
        .isEqualTo(List.of("sg-0123456789abcdef0"));
    assertThat(e.has("detail-type")).isFalse();
  }

  @Test
  void parse_oneRecordPerLine() {
    var p = CollectingSink.parseResource(format, "samples/aws-cloudtrail-crowdsec.ndjson");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(2);
    Event login = p.events.get(0);
    assertThat(login.get("eventName")).isEqualTo("ConsoleLogin");
    assertThat(login.get("responseElements.ConsoleLogin")).isEqualTo("Failure");
    assertThat(login.get("additionalEventData.MFAUsed")).isEqualTo("Yes");
    assertThat(login.get("readOnly")).isEqualTo(false);
    assertThat(login.has("errorCode")).isFalse();
    Event who = p.events.get(1);
    assertThat(who.sourceLine()).isEqualTo(2);
    assertThat(who.get("userIdentity.sessionContext.sessionIssuer.type")).isEqualTo("Role");
    assertThat(who.has("userIdentity.sessionContext.webIdFederationData")).isFalse();
  }

  @Test
  void parse_truncatedRecordsFileReportsAndKeepsWhatCameBefore() {
    byte[] whole = CollectingSink.resourceBytes("samples/aws-cloudtrail-route53-records.json");
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
    CollectingSink p = CollectingSink.parse(format, "cut.json", cut);

    assertThat(p.events).isNotEmpty().hasSizeLessThan(6);
    assertThat(p.malformed).hasSize(1);
    assertThat(p.malformed.get(0).reason()).startsWith("invalid JSON");
    assertThat(p.malformed.get(0).line()).isGreaterThan(1);
  }

  @Test
  void parse_foreignJsonRecordIsReported() {
    var p = CollectingSink.parse(format, "{\"Records\":[{\"eventName\":\"X\",\"eventSource\":\"s\"},"
        + "{\"foo\":1},42]}");

    assertThat(p.events).hasSize(1);
    assertThat(p.malformed).extracting(CollectingSink.Malformed::reason)
        .containsExactly("not a CloudTrail record", "not a CloudTrail record");
  }
}
