package dev.minewarden.posture.check;

import dev.minewarden.core.rules.Severity;
import dev.minewarden.posture.Check;
import dev.minewarden.posture.Finding;
import dev.minewarden.posture.Reachability;
import dev.minewarden.posture.Remediation;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.ImdsOptions;
import dev.minewarden.posture.model.Instance;
import dev.minewarden.posture.model.InstanceRole;
import java.util.ArrayList;
import java.util.List;

/**
 * Instance checks: IMDSv1 allowed (MW-IMDS-V1) and broad instance roles (MW-IAM-BROAD). Both are
 * graded by the instance's reachability; IMDSv1 is worse with an instance profile (there are
 * credentials to steal) and with a hop limit above 1 (containers can reach it), and a broad role
 * is worse on an instance that still allows IMDSv1: that is the whole credential-theft path.
 */
final class CloudChecks {
  private CloudChecks() {}

  static void run(Estate estate, Topology topo, List<Finding> out) {
    for (Instance i : estate.instances().values()) {
      if (!i.state().equals("terminated") && i.imds() != null && i.imds().allowsV1()) {
        imds(i, topo.reachOf(i.id()), out);
      }
    }
    for (InstanceRole r : estate.roles().values()) {
      if (!r.broadGrants().isEmpty()) {
        role(r, estate, topo, out);
      }
    }
  }

  private static void imds(Instance i, Reachability reach, List<Finding> out) {
    ImdsOptions md = i.imds();
    Severity sev = reach.grade(Check.IMDS_V1.baseSeverity());
    List<String> why = new ArrayList<>();
    why.add(md.httpTokens().isEmpty() ? "HttpTokens not set (IMDSv1 allowed by default)" : "HttpTokens " + md.httpTokens());
    if (!i.instanceProfileArn().isEmpty()) {
      sev = Severities.raise(sev);
      why.add("instance profile " + i.instanceProfileArn() + " attached");
    }
    if (md.hopLimit() > 1) {
      sev = Severities.raise(sev);
      why.add("hop limit " + md.hopLimit() + " lets containers reach it");
    }
    why.add("reachability: " + reach.label());
    String type = i.id().startsWith("aws_launch_template") ? "terraform-launch-template"
        : i.terraform() ? "terraform-instance" : "aws-ec2-instance";
    out.add(new Finding(Check.IMDS_V1, sev, "IMDSv1 allowed on " + i.id(), i.id(), type, List.of(), reach,
        String.join("; ", why), i.source(), 0, Check.IMDS_V1.gangs(), List.of(), false,
        new Remediation("Require IMDSv2 session tokens; keep the hop limit at 1, or 2 where containers"
            + " on the instance need the metadata service.",
            i.terraform() ? "" : "aws ec2 modify-instance-metadata-options --instance-id=" + Shell.quote(i.id())
                + " --http-tokens required --http-endpoint enabled --http-put-response-hop-limit "
                + (md.hopLimit() > 1 ? "2" : "1"),
            (i.terraform() ? i.id() : "aws_instance") + ".metadata_options { http_tokens = \"required\""
                + ", http_put_response_hop_limit = " + (md.hopLimit() > 1 ? "2" : "1") + " }",
            "")));
  }

  private static void role(InstanceRole r, Estate estate, Topology topo, List<Finding> out) {
    List<String> users = new ArrayList<>();
    boolean v1 = false;
    for (Instance i : estate.instances().values()) {
      if (!i.instanceProfileArn().isEmpty() && r.instanceProfileArns().stream()
          .anyMatch(p -> lastSegment(p).equals(lastSegment(i.instanceProfileArn())))) {
        users.add(i.id());
        v1 |= i.imds() != null && i.imds().allowsV1();
      }
    }
    Reachability reach = topo.reachOfAll(users);
    Severity sev = reach.grade(Check.IAM_BROAD.baseSeverity());
    if (v1) {
      sev = Severities.raise(sev);
    }
    String evidence = String.join("; ", r.broadGrants())
        + (users.isEmpty() ? "; no instance in the inputs uses it" : "; used by " + String.join(", ", users))
        + (v1 ? "; reachable through IMDSv1" : "") + "; reachability: " + reach.label();
    out.add(new Finding(Check.IAM_BROAD, sev, "Instance role " + r.name() + " has broad permissions", r.name(),
        r.terraform() ? "terraform-iam-role" : "aws-iam-role", users, reach, evidence, r.source(), 0,
        Check.IAM_BROAD.gangs(), List.of(), false,
        new Remediation("Give the role only the actions and resources the workload uses; never * or admin"
            + " managed policies on an instance role.",
            r.broadGrants().stream().anyMatch(g -> g.startsWith("managed policy "))
                ? "aws iam detach-role-policy --role-name=" + Shell.quote(r.name())
                    + " --policy-arn=" + Shell.quote("arn:aws:iam::aws:policy/" + managedName(r.broadGrants()))
                : "aws iam list-role-policies --role-name=" + Shell.quote(r.name())
                    + "  # then replace each with a scoped policy",
            "aws_iam_role_policy.policy: list explicit actions and resource ARNs (no \"Action\": \"*\", no \"Resource\": \"*\")",
            "")));
  }

  private static String managedName(List<String> grants) {
    for (String g : grants) {
      if (g.startsWith("managed policy ")) {
        return g.substring("managed policy ".length());
      }
    }
    return "";
  }

  private static String lastSegment(String arnOrName) {
    return arnOrName.substring(arnOrName.lastIndexOf('/') + 1);
  }
}
