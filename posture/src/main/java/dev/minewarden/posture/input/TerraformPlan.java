package dev.minewarden.posture.input;

import static dev.minewarden.posture.input.Nodes.block;
import static dev.minewarden.posture.input.Nodes.integer;
import static dev.minewarden.posture.input.Nodes.list;
import static dev.minewarden.posture.input.Nodes.text;
import static dev.minewarden.posture.input.Nodes.texts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.ImdsOptions;
import dev.minewarden.posture.model.IngressRule;
import dev.minewarden.posture.model.Instance;
import dev.minewarden.posture.model.InstanceRole;
import dev.minewarden.posture.model.SecurityGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Terraform plan JSON ({@code terraform show -json tfplan}) or state JSON: security groups
 * and their rule resources, instances and launch templates (metadata options, public address,
 * security groups, instance profile) and EC2 instance roles with their policies. Links between
 * resources that are unknown until apply are taken from the plan's {@code configuration}
 * references. Assets are named by resource address.
 */
final class TerraformPlan {
  private final String source;
  private final Estate estate;
  private final Map<String, Map<String, List<String>>> refs = new HashMap<>();
  private final Map<String, List<IngressRule>> rulesByGroup = new LinkedHashMap<>();
  private final Map<String, String> groupNames = new HashMap<>();
  private final Map<String, RoleDraft> roles = new LinkedHashMap<>();
  private final Map<String, String> roleAddressByName = new HashMap<>();
  private final Map<String, List<String>> policyGrants = new HashMap<>();
  private final Map<String, String> profileNames = new HashMap<>();
  private final Map<String, String> profileRole = new HashMap<>();

  private TerraformPlan(String source, Estate estate) {
    this.source = source;
    this.estate = estate;
  }

  /** Whether the document looks like Terraform plan or state JSON. */
  static boolean isPlan(JsonNode doc) {
    return doc.isObject() && (doc.has("resource_changes") || doc.has("planned_values")
        || (doc.has("terraform_version") && doc.has("values")));
  }

  /** Reads a plan into the estate. */
  static void read(JsonNode doc, String source, Estate estate) {
    new TerraformPlan(source, estate).run(doc);
  }

  private record Resource(String address, String type, JsonNode values) {}

  private static final class RoleDraft {
    String name;
    boolean trustsEc2;
    final Set<String> grants = new LinkedHashSet<>();
    final List<String> attachments = new ArrayList<>();
  }

  private void run(JsonNode doc) {
    readReferences(doc.path("configuration").path("root_module"), "");
    List<Resource> resources = resources(doc);
    // Two passes: names first (roles, policies, profiles), then everything that refers to them.
    for (Resource r : resources) {
      switch (r.type()) {
        case "aws_security_group" -> securityGroup(r);
        case "aws_iam_role" -> role(r);
        case "aws_iam_policy" -> policyGrants.put(r.address(), IamPolicies.broadGrants(r.values().get("policy")));
        case "aws_iam_instance_profile" -> profile(r);
        default -> { }
      }
    }
    for (Resource r : resources) {
      switch (r.type()) {
        case "aws_security_group_rule" -> {
          if (text(r.values(), "type").equals("ingress")) {
            rule(r, text(r.values(), "protocol"), r.values().path("cidr_blocks"), r.values().path("ipv6_cidr_blocks"));
          }
        }
        case "aws_vpc_security_group_ingress_rule" -> rule(r, text(r.values(), "ip_protocol"),
            r.values().path("cidr_ipv4"), r.values().path("cidr_ipv6"));
        case "aws_instance", "aws_launch_template" -> instance(r);
        case "aws_iam_role_policy" -> inlinePolicy(r);
        case "aws_iam_role_policy_attachment" -> attachment(r);
        default -> { }
      }
    }
    rulesByGroup.forEach((id, rules) ->
        estate.add(new SecurityGroup(id, groupNames.getOrDefault(id, ""), "", rules, source, true)));
    emitRoles();
  }

  private List<Resource> resources(JsonNode doc) {
    List<Resource> out = new ArrayList<>();
    for (JsonNode rc : list(doc, "resource_changes")) {
      List<String> actions = texts(rc.path("change"), "actions");
      JsonNode after = rc.path("change").get("after");
      if (actions.equals(List.of("delete")) || after == null || !after.isObject()) {
        continue;
      }
      out.add(new Resource(text(rc, "address"), text(rc, "type"), after));
    }
    if (out.isEmpty()) {
      JsonNode values = doc.has("planned_values") ? doc.get("planned_values") : doc.path("values");
      walkModule(values.path("root_module"), out, 0);
    }
    return out;
  }

  private void walkModule(JsonNode module, List<Resource> out, int depth) {
    if (depth > 32) {
      return;
    }
    for (JsonNode r : list(module, "resources")) {
      if (!text(r, "mode").equals("data")) {
        out.add(new Resource(text(r, "address"), text(r, "type"), r.path("values")));
      }
    }
    list(module, "child_modules").forEach(m -> walkModule(m, out, depth + 1));
  }

  private void readReferences(JsonNode module, String prefix) {
    for (JsonNode r : list(module, "resources")) {
      Map<String, List<String>> byAttr = new HashMap<>();
      r.path("expressions").properties().forEach(e -> {
        List<String> targets = new ArrayList<>();
        for (String ref : texts(e.getValue(), "references")) {
          targets.add(prefix + stripAttribute(ref));
        }
        byAttr.put(e.getKey(), targets);
      });
      refs.put(prefix + text(r, "address"), byAttr);
    }
    if (prefix.length() < 512) {
      module.path("module_calls").properties().forEach(c ->
          readReferences(c.getValue().path("module"), prefix + "module." + c.getKey() + "."));
    }
  }

  // "aws_security_group.web.id" -> "aws_security_group.web"; keeps "aws_security_group.web".
  private static String stripAttribute(String ref) {
    String[] parts = ref.split("\\.");
    int keep = parts.length > 0 && parts[0].equals("module") ? Math.min(parts.length, 4) : Math.min(parts.length, 2);
    return String.join(".", java.util.Arrays.copyOf(parts, keep));
  }

  private List<String> referenced(String address, String attribute) {
    return refs.getOrDefault(address, Map.of()).getOrDefault(attribute, List.of());
  }

  private void securityGroup(Resource r) {
    List<IngressRule> rules = rulesByGroup.computeIfAbsent(r.address(), k -> new ArrayList<>());
    groupNames.put(r.address(), text(r.values(), "name"));
    for (JsonNode in : list(r.values(), "ingress")) {
      List<String> cidrs = new ArrayList<>(texts(in, "cidr_blocks"));
      cidrs.addAll(texts(in, "ipv6_cidr_blocks"));
      rules.add(new IngressRule(text(in, "protocol"), integer(in, "from_port", 0), integer(in, "to_port", 65535), cidrs));
    }
  }

  private void rule(Resource r, String protocol, JsonNode v4, JsonNode v6) {
    String target = text(r.values(), "security_group_id");
    List<String> refd = referenced(r.address(), "security_group_id");
    if (!refd.isEmpty()) {
      target = refd.get(0);
    }
    if (target.isEmpty()) {
      target = r.address();
    }
    List<String> cidrs = new ArrayList<>();
    for (JsonNode n : List.of(v4, v6)) {
      if (n.isArray()) {
        n.forEach(c -> cidrs.add(c.asText()));
      } else if (n.isTextual()) {
        cidrs.add(n.asText());
      }
    }
    rulesByGroup.computeIfAbsent(target, k -> new ArrayList<>()).add(new IngressRule(protocol,
        integer(r.values(), "from_port", 0), integer(r.values(), "to_port", 65535), cidrs));
  }

  private void instance(Resource r) {
    JsonNode v = r.values();
    Set<String> groups = new LinkedHashSet<>(texts(v, "vpc_security_group_ids"));
    groups.addAll(texts(v, "security_groups"));
    groups.addAll(referenced(r.address(), "vpc_security_group_ids"));
    groups.addAll(referenced(r.address(), "security_groups"));
    JsonNode md = block(v, "metadata_options");
    ImdsOptions imds = md == null ? new ImdsOptions("", "", 1)
        : new ImdsOptions(text(md, "http_endpoint"), text(md, "http_tokens"),
            integer(md, "http_put_response_hop_limit", 1));
    boolean publicIp = Boolean.TRUE.equals(Nodes.bool(v, "associate_public_ip_address"));
    estate.add(new Instance(r.address(), text(v.path("tags"), "Name"), "planned",
        publicIp ? "(planned public address)" : "", text(v, "subnet_id"), "", List.copyOf(groups),
        List.of(), instanceProfile(r), imds, source, true));
  }

  private String instanceProfile(Resource r) {
    JsonNode v = r.values();
    String name = v.path("iam_instance_profile").isTextual() ? v.get("iam_instance_profile").asText() : "";
    JsonNode lt = block(v, "iam_instance_profile");
    if (name.isEmpty() && lt != null) {
      name = !text(lt, "name").isEmpty() ? text(lt, "name") : text(lt, "arn");
    }
    if (name.isEmpty()) {
      List<String> refd = referenced(r.address(), "iam_instance_profile");
      name = refd.isEmpty() ? "" : profileNames.getOrDefault(refd.get(0), refd.get(0));
    }
    return name.isEmpty() ? "" : "instance-profile/" + name.substring(name.lastIndexOf('/') + 1);
  }

  private void role(Resource r) {
    RoleDraft d = roles.computeIfAbsent(r.address(), k -> new RoleDraft());
    d.name = text(r.values(), "name").isEmpty() ? r.address() : text(r.values(), "name");
    d.trustsEc2 = IamPolicies.trustsEc2(r.values().get("assume_role_policy"));
    roleAddressByName.put(d.name, r.address());
    for (JsonNode p : list(r.values(), "inline_policy")) {
      IamPolicies.broadGrants(p.get("policy"))
          .forEach(g -> d.grants.add("inline policy " + text(p, "name") + ": " + g));
    }
    for (String arn : texts(r.values(), "managed_policy_arns")) {
      String managed = IamPolicies.broadManaged(arn);
      if (managed != null) {
        d.grants.add(managed);
      }
    }
  }

  private void profile(Resource r) {
    String name = text(r.values(), "name").isEmpty() ? r.address() : text(r.values(), "name");
    profileNames.put(r.address(), name);
    String role = text(r.values(), "role");
    List<String> refd = referenced(r.address(), "role");
    profileRole.put(name, !refd.isEmpty() ? refd.get(0) : role);
  }

  private RoleDraft roleFor(Resource r) {
    List<String> refd = referenced(r.address(), "role");
    String address = !refd.isEmpty() ? refd.get(0)
        : roleAddressByName.getOrDefault(text(r.values(), "role"), text(r.values(), "role"));
    if (address.isEmpty()) {
      return null;
    }
    RoleDraft d = roles.computeIfAbsent(address, k -> new RoleDraft());
    if (d.name == null) {
      d.name = text(r.values(), "role").isEmpty() ? address : text(r.values(), "role");
    }
    return d;
  }

  private void inlinePolicy(Resource r) {
    RoleDraft d = roleFor(r);
    if (d != null) {
      IamPolicies.broadGrants(r.values().get("policy"))
          .forEach(g -> d.grants.add("inline policy " + text(r.values(), "name") + ": " + g));
    }
  }

  private void attachment(Resource r) {
    RoleDraft d = roleFor(r);
    if (d == null) {
      return;
    }
    String arn = text(r.values(), "policy_arn");
    String managed = arn.isEmpty() ? null : IamPolicies.broadManaged(arn);
    if (managed != null) {
      d.grants.add(managed);
    }
    for (String policy : referenced(r.address(), "policy_arn")) {
      policyGrants.getOrDefault(policy, List.of()).forEach(g -> d.grants.add("policy " + policy + ": " + g));
    }
  }

  private void emitRoles() {
    roles.forEach((address, d) -> {
      List<String> profiles = new ArrayList<>();
      profileRole.forEach((profile, role) -> {
        if (role.equals(address) || role.equals(d.name)) {
          profiles.add("instance-profile/" + profile);
        }
      });
      if (d.trustsEc2 || !profiles.isEmpty()) {
        estate.add(new InstanceRole(d.name, profiles, List.copyOf(d.grants), source, true));
      }
    });
  }
}
