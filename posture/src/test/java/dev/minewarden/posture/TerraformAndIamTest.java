package dev.minewarden.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.rules.Severity;
import org.junit.jupiter.api.Test;

/** Terraform plan JSON (terraform show -json) and IAM role breadth. */
class TerraformAndIamTest {
  private static final String BAD_PLAN = """
      {"format_version": "1.2", "terraform_version": "1.9.0",
       "resource_changes": [
        {"address": "aws_security_group.docker", "type": "aws_security_group",
         "change": {"actions": ["create"], "after": {"name": "docker-api",
           "ingress": [{"from_port": 2375, "to_port": 2375, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []}]}}},
        {"address": "aws_vpc_security_group_ingress_rule.yarn", "type": "aws_vpc_security_group_ingress_rule",
         "change": {"actions": ["create"], "after": {"from_port": 8088, "to_port": 8088, "ip_protocol": "tcp", "cidr_ipv4": "0.0.0.0/0"}}},
        {"address": "aws_instance.worker", "type": "aws_instance",
         "change": {"actions": ["create"], "after": {"associate_public_ip_address": true,
           "metadata_options": [{"http_endpoint": "enabled", "http_tokens": "optional", "http_put_response_hop_limit": 2}]}}},
        {"address": "aws_iam_role.worker", "type": "aws_iam_role",
         "change": {"actions": ["create"], "after": {"name": "worker-role",
           "assume_role_policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"Service\\":\\"ec2.amazonaws.com\\"},\\"Action\\":\\"sts:AssumeRole\\"}]}"}}},
        {"address": "aws_iam_role_policy_attachment.admin", "type": "aws_iam_role_policy_attachment",
         "change": {"actions": ["create"], "after": {"role": "worker-role", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}}},
        {"address": "aws_iam_instance_profile.worker", "type": "aws_iam_instance_profile",
         "change": {"actions": ["create"], "after": {"name": "worker-profile", "role": "worker-role"}}},
        {"address": "aws_instance.gone", "type": "aws_instance",
         "change": {"actions": ["delete"], "before": {}, "after": null}}
       ],
       "configuration": {"root_module": {"resources": [
        {"address": "aws_instance.worker", "expressions": {
           "vpc_security_group_ids": {"references": ["aws_security_group.docker.id", "aws_security_group.docker"]},
           "iam_instance_profile": {"references": ["aws_iam_instance_profile.worker.name", "aws_iam_instance_profile.worker"]}}},
        {"address": "aws_vpc_security_group_ingress_rule.yarn", "expressions": {
           "security_group_id": {"references": ["aws_security_group.docker.id", "aws_security_group.docker"]}}}
       ]}}}
      """;

  private static final String GOOD_PLAN = """
      {"format_version": "1.2", "terraform_version": "1.9.0",
       "resource_changes": [
        {"address": "aws_security_group.admin", "type": "aws_security_group",
         "change": {"actions": ["create"], "after": {"name": "admin",
           "ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["198.51.100.7/32"]}]}}},
        {"address": "aws_instance.worker", "type": "aws_instance",
         "change": {"actions": ["create"], "after": {"associate_public_ip_address": false,
           "metadata_options": [{"http_endpoint": "enabled", "http_tokens": "required", "http_put_response_hop_limit": 2}]}}},
        {"address": "aws_iam_role.worker", "type": "aws_iam_role",
         "change": {"actions": ["create"], "after": {"name": "worker-role",
           "assume_role_policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"Service\\":\\"ec2.amazonaws.com\\"},\\"Action\\":\\"sts:AssumeRole\\"}]}",
           "inline_policy": [{"name": "read-bucket", "policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":[\\"s3:GetObject\\"],\\"Resource\\":\\"arn:aws:s3:::b/*\\"}]}"}]}}}
       ]}
      """;

  @Test
  void plan_exposedDockerAndYarnAttachedToPublicInstance() {
    Assessment a = Scans.of("plan.json", BAD_PLAN);
    assertThat(a.problems()).isEmpty();
    assertThat(Scans.of(a, Check.NET_DOCKER)).singleElement().satisfies(f -> {
      assertThat(f.assetId()).isEqualTo("aws_security_group.docker");
      assertThat(f.affected()).containsExactly("aws_instance.worker");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.remediation().terraform()).contains("cidr_blocks");
    });
    assertThat(Scans.of(a, Check.NET_APP)).singleElement()
        .satisfies(f -> assertThat(f.title()).contains("YARN").contains("8088"));
  }

  @Test
  void plan_imdsV1WithProfileAndHopLimitIsRaised() {
    Assessment a = Scans.of("plan.json", BAD_PLAN);
    assertThat(Scans.of(a, Check.IMDS_V1)).singleElement().satisfies(f -> {
      assertThat(f.assetId()).isEqualTo("aws_instance.worker");
      // public address (medium) + instance profile + hop limit 2: two steps up.
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.remediation().terraform()).contains("http_tokens = \"required\"");
    });
  }

  @Test
  void plan_adminInstanceRoleIsBroad() {
    Assessment a = Scans.of("plan.json", BAD_PLAN);
    assertThat(Scans.of(a, Check.IAM_BROAD)).singleElement().satisfies(f -> {
      assertThat(f.assetId()).isEqualTo("worker-role");
      assertThat(f.affected()).containsExactly("aws_instance.worker");
      assertThat(f.evidence()).contains("AdministratorAccess").contains("IMDSv1");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
    });
  }

  @Test
  void plan_restrictedRulesTokensAndNarrowRoleAreClean() {
    Assessment a = Scans.of("plan.json", GOOD_PLAN);
    assertThat(a.problems()).isEmpty();
    assertThat(a.inventory()).containsEntry("instances", 1).containsEntry("instanceRoles", 1);
    assertThat(a.findings()).isEmpty();
  }

  @Test
  void authorizationDetails_wildcardInlinePolicyIsBroad() {
    String details = """
        {"RoleDetailList": [
          {"RoleName": "app", "InstanceProfileList": [{"Arn": "arn:aws:iam::1:instance-profile/app"}],
           "RolePolicyList": [{"PolicyName": "all", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
           "AttachedManagedPolicies": []},
          {"RoleName": "narrow", "InstanceProfileList": [{"Arn": "arn:aws:iam::1:instance-profile/narrow"}],
           "RolePolicyList": [{"PolicyName": "logs", "PolicyDocument": "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22logs%3APutLogEvents%22%2C%22Resource%22%3A%22*%22%7D%5D%7D"}],
           "AttachedManagedPolicies": [{"PolicyArn": "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"}]}],
         "Policies": []}
        """;
    String inst = """
        [{"InstanceId": "i-7", "IamInstanceProfile": {"Arn": "arn:aws:iam::1:instance-profile/app"},
          "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled", "HttpPutResponseHopLimit": 1}}]
        """;
    Assessment a = Scans.of("iam.json", details, "i.json", inst);
    assertThat(Scans.of(a, Check.IAM_BROAD)).singleElement().satisfies(f -> {
      assertThat(f.assetId()).isEqualTo("app");
      assertThat(f.affected()).containsExactly("i-7");
      assertThat(f.severity()).isEqualTo(Severity.LOW);
    });
  }
}
