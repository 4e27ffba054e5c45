package dev.minewarden.posture.input;

import static dev.minewarden.posture.input.Nodes.list;
import static dev.minewarden.posture.input.Nodes.text;
import static dev.minewarden.posture.input.Nodes.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.posture.InputProblem;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.InstanceRole;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether IAM policies are broad, and reads roles from {@code aws iam
 * get-account-authorization-details}. Broad means: an Allow of every action, or of a whole
 * sensitive service, or of a privilege-escalation action, on every resource; or an AWS managed
 * policy that amounts to the same.
 */
public final class IamPolicies {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> BROAD_SERVICES =
      Set.of("*", "*:*", "iam:*", "ec2:*", "sts:*", "lambda:*", "s3:*", "organizations:*", "ssm:*");
  private static final Set<String> ESCALATION = Set.of("iam:passrole", "iam:createaccesskey",
      "iam:attachrolepolicy", "iam:putrolepolicy", "iam:createuser", "iam:attachuserpolicy",
      "iam:createpolicyversion", "iam:updateassumerolepolicy");
  private static final Set<String> BROAD_MANAGED = Set.of("AdministratorAccess", "PowerUserAccess",
      "IAMFullAccess", "AmazonEC2FullAccess");

  private IamPolicies() {}

  /**
   * The broad grants of one policy document, described in words; empty when narrow.
   *
   * @param document the policy as a JSON tree, a JSON string, or a URL-encoded JSON string
   */
  public static List<String> broadGrants(JsonNode document) {
    JsonNode doc = asDocument(document);
    List<String> out = new ArrayList<>();
    if (doc == null) {
      return out;
    }
    for (JsonNode st : list(doc, "Statement")) {
      if (!text(st, "Effect").equalsIgnoreCase("Allow") || !texts(st, "Resource").contains("*")) {
        continue;
      }
      if (st.has("NotAction")) {
        out.add("Allow NotAction " + texts(st, "NotAction") + " on Resource *");
        continue;
      }
      for (String action : texts(st, "Action")) {
        String a = action.toLowerCase(Locale.ROOT);
        if (BROAD_SERVICES.contains(a) || ESCALATION.contains(a)) {
          out.add("Allow " + action + " on Resource *");
        }
      }
    }
    return out;
  }

  /** Whether an AWS managed policy ARN or name is one that grants admin-like power. */
  public static String broadManaged(String policyArnOrName) {
    String name = policyArnOrName.substring(policyArnOrName.lastIndexOf('/') + 1);
    return BROAD_MANAGED.contains(name) ? "managed policy " + name : null;
  }

  /** Whether a trust policy lets EC2 assume the role. */
  public static boolean trustsEc2(JsonNode trustPolicy) {
    JsonNode doc = asDocument(trustPolicy);
    if (doc == null) {
      return false;
    }
    for (JsonNode st : list(doc, "Statement")) {
      if (texts(st.path("Principal"), "Service").contains("ec2.amazonaws.com")) {
        return true;
      }
    }
    return false;
  }

  static void readAuthorizationDetails(JsonNode doc, String source, Estate estate) {
    Map<String, List<String>> customerPolicies = new HashMap<>();
    for (JsonNode p : list(doc, "Policies")) {
      String defaultVersion = text(p, "DefaultVersionId");
      for (JsonNode v : list(p, "PolicyVersionList")) {
        if (text(v, "VersionId").equals(defaultVersion) || Boolean.TRUE.equals(Nodes.bool(v, "IsDefaultVersion"))) {
          customerPolicies.put(text(p, "Arn"), broadGrants(v.get("Document")));
        }
      }
    }
    for (JsonNode r : list(doc, "RoleDetailList")) {
      String name = text(r, "RoleName");
      List<String> profiles = texts(r, "InstanceProfileList", "Arn");
      if (name.isEmpty()) {
        estate.problem(new InputProblem(source, 0, "a role without RoleName was skipped", false));
        continue;
      }
      if (profiles.isEmpty() && !trustsEc2(r.get("AssumeRolePolicyDocument"))) {
        continue;
      }
      Set<String> grants = new LinkedHashSet<>();
      for (JsonNode p : list(r, "RolePolicyList")) {
        broadGrants(p.get("PolicyDocument"))
            .forEach(g -> grants.add("inline policy " + text(p, "PolicyName") + ": " + g));
      }
      for (String arn : texts(r, "AttachedManagedPolicies", "PolicyArn")) {
        String managed = arn.startsWith("arn:aws:iam::aws:policy/") ? broadManaged(arn) : null;
        if (managed != null) {
          grants.add(managed);
        }
        customerPolicies.getOrDefault(arn, List.of())
            .forEach(g -> grants.add("policy " + arn.substring(arn.lastIndexOf('/') + 1) + ": " + g));
      }
      estate.add(new InstanceRole(name, profiles, List.copyOf(grants), source, false));
    }
  }

  private static JsonNode asDocument(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isObject()) {
      return n;
    }
    if (!n.isTextual()) {
      return null;
    }
    String s = n.asText().trim();
    try {
      if (s.startsWith("%7B") || s.startsWith("%7b")) {
        s = URLDecoder.decode(s, StandardCharsets.UTF_8);
      }
      JsonNode parsed = JSON.readTree(s);
      return parsed != null && parsed.isObject() ? parsed : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
