package dev.minewarden.posture.input;

import static dev.minewarden.posture.input.Nodes.integer;
import static dev.minewarden.posture.input.Nodes.list;
import static dev.minewarden.posture.input.Nodes.text;
import static dev.minewarden.posture.input.Nodes.texts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minewarden.posture.InputProblem;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.ImdsOptions;
import dev.minewarden.posture.model.IngressRule;
import dev.minewarden.posture.model.Instance;
import dev.minewarden.posture.model.InstanceRole;
import dev.minewarden.posture.model.NetworkInterface;
import dev.minewarden.posture.model.RouteTable;
import dev.minewarden.posture.model.SecurityGroup;
import dev.minewarden.posture.model.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads AWS CLI JSON exports ({@code aws ec2 describe-instances}, {@code describe-security-groups},
 * {@code describe-network-interfaces}, {@code describe-subnets}, {@code describe-route-tables},
 * {@code aws iam get-account-authorization-details}), with or without the recorded-response
 * wrapper {@code {"status_code", "data"}}. Records without an id are reported and skipped.
 */
final class AwsExports {
  private AwsExports() {}

  /** Which export a document is, or {@code null} when it is none of them. */
  static String kindOf(JsonNode doc) {
    for (String key : List.of("Reservations", "SecurityGroups", "NetworkInterfaces", "Subnets",
        "RouteTables", "RoleDetailList")) {
      if (doc.isObject() && doc.has(key) && doc.get(key).isArray()) {
        return key;
      }
    }
    if (doc.isArray() && doc.size() > 0) {
      JsonNode first = doc.get(0);
      if (first.has("InstanceId")) {
        return "Instances";
      }
      if (first.has("GroupId") && first.has("IpPermissions")) {
        return "SecurityGroupList";
      }
    }
    return null;
  }

  /** Reads the document of the given kind into the estate. */
  static void read(String kind, JsonNode doc, String source, Estate estate) {
    switch (kind) {
      case "Reservations" -> list(doc, "Reservations")
          .forEach(r -> list(r, "Instances").forEach(i -> instance(i, source, estate)));
      case "Instances" -> doc.forEach(i -> instance(i, source, estate));
      case "SecurityGroups" -> list(doc, "SecurityGroups").forEach(g -> group(g, source, estate));
      case "SecurityGroupList" -> doc.forEach(g -> group(g, source, estate));
      case "NetworkInterfaces" -> list(doc, "NetworkInterfaces")
          .forEach(n -> networkInterface(n, text(n.path("Attachment"), "InstanceId"), source, estate));
      case "Subnets" -> list(doc, "Subnets").forEach(s -> subnet(s, source, estate));
      case "RouteTables" -> list(doc, "RouteTables").forEach(t -> routeTable(t, source, estate));
      case "RoleDetailList" -> IamPolicies.readAuthorizationDetails(doc, source, estate);
      default -> throw new IllegalArgumentException("unknown AWS export kind " + kind);
    }
  }

  private static void instance(JsonNode i, String source, Estate estate) {
    String id = text(i, "InstanceId");
    if (id.isEmpty()) {
      estate.problem(new InputProblem(source, 0, "an instance without InstanceId was skipped", false));
      return;
    }
    Set<String> groups = new LinkedHashSet<>(texts(i, "SecurityGroups", "GroupId"));
    List<String> enis = new ArrayList<>();
    String publicIp = text(i, "PublicIpAddress");
    for (JsonNode n : list(i, "NetworkInterfaces")) {
      NetworkInterface eni = networkInterface(n, id, source, estate);
      if (eni != null) {
        enis.add(eni.id());
        groups.addAll(eni.securityGroupIds());
        if (publicIp.isEmpty() && !eni.publicIp().isEmpty()) {
          publicIp = eni.publicIp();
        }
      }
    }
    JsonNode md = i.get("MetadataOptions");
    ImdsOptions imds = md == null || !md.isObject() ? null
        : new ImdsOptions(text(md, "HttpEndpoint"), text(md, "HttpTokens"),
            integer(md, "HttpPutResponseHopLimit", 1));
    estate.add(new Instance(id, tag(i, "Name"), text(i.path("State"), "Name"), publicIp,
        text(i, "SubnetId"), text(i, "VpcId"), List.copyOf(groups), enis,
        text(i.path("IamInstanceProfile"), "Arn"), imds, source, false));
  }

  private static NetworkInterface networkInterface(
      JsonNode n, String instanceId, String source, Estate estate) {
    String id = text(n, "NetworkInterfaceId");
    if (id.isEmpty()) {
      estate.problem(new InputProblem(source, 0, "a network interface without an id was skipped", false));
      return null;
    }
    NetworkInterface eni = new NetworkInterface(id, text(n, "SubnetId"),
        text(n.path("Association"), "PublicIp"), instanceId, texts(n, "Groups", "GroupId"), source);
    estate.add(eni);
    return eni;
  }

  private static void group(JsonNode g, String source, Estate estate) {
    String id = text(g, "GroupId");
    if (id.isEmpty()) {
      estate.problem(new InputProblem(source, 0, "a security group without GroupId was skipped", false));
      return;
    }
    List<IngressRule> rules = new ArrayList<>();
    for (JsonNode p : list(g, "IpPermissions")) {
      List<String> cidrs = new ArrayList<>(texts(p, "IpRanges", "CidrIp"));
      cidrs.addAll(texts(p, "Ipv6Ranges", "CidrIpv6"));
      rules.add(new IngressRule(text(p, "IpProtocol"), integer(p, "FromPort", 0),
          integer(p, "ToPort", 65535), cidrs));
    }
    estate.add(new SecurityGroup(id, text(g, "GroupName"), text(g, "VpcId"), rules, source, false));
  }

  private static void subnet(JsonNode s, String source, Estate estate) {
    String id = text(s, "SubnetId");
    if (id.isEmpty()) {
      estate.problem(new InputProblem(source, 0, "a subnet without SubnetId was skipped", false));
      return;
    }
    estate.add(new Subnet(id, text(s, "VpcId"), Boolean.TRUE.equals(Nodes.bool(s, "MapPublicIpOnLaunch"))));
  }

  private static void routeTable(JsonNode t, String source, Estate estate) {
    String id = text(t, "RouteTableId");
    if (id.isEmpty()) {
      estate.problem(new InputProblem(source, 0, "a route table without RouteTableId was skipped", false));
      return;
    }
    boolean main = false;
    List<String> subnets = new ArrayList<>();
    for (JsonNode a : list(t, "Associations")) {
      main |= Boolean.TRUE.equals(Nodes.bool(a, "Main"));
      if (!text(a, "SubnetId").isEmpty()) {
        subnets.add(text(a, "SubnetId"));
      }
    }
    boolean igw = false;
    for (JsonNode r : list(t, "Routes")) {
      boolean defaultRoute = text(r, "DestinationCidrBlock").equals("0.0.0.0/0")
          || text(r, "DestinationIpv6CidrBlock").equals("::/0");
      igw |= defaultRoute && text(r, "GatewayId").startsWith("igw-")
          && !text(r, "State").equalsIgnoreCase("blackhole");
    }
    estate.add(new RouteTable(id, text(t, "VpcId"), subnets, main, igw));
  }

  private static String tag(JsonNode resource, String key) {
    for (JsonNode t : list(resource, "Tags")) {
      if (text(t, "Key").equals(key)) {
        return text(t, "Value");
      }
    }
    return "";
  }
}
