package dev.minewarden.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MW-NET-*: security group rules open to the world, graded by where the instances sit. */
class ExposureChecksTest {

  private static String group(String id, String protocol, int from, int to, String cidr) {
    String range = cidr.contains(":") ? "\"Ipv6Ranges\": [{\"CidrIpv6\": \"" + cidr + "\"}]"
        : "\"IpRanges\": [{\"CidrIp\": \"" + cidr + "\"}]";
    return "{\"SecurityGroups\": [{\"GroupId\": \"" + id + "\", \"GroupName\": \"g\", \"VpcId\": \"vpc-1\","
        + " \"IpPermissions\": [{\"IpProtocol\": \"" + protocol + "\", \"FromPort\": " + from + ", \"ToPort\": " + to
        + ", " + range + "}]}]}";
  }

  private static String instance(String id, String sg, String publicIp, String subnet) {
    return "{\"Reservations\": [{\"Instances\": [{\"InstanceId\": \"" + id + "\", \"SubnetId\": \"" + subnet
        + "\", \"VpcId\": \"vpc-1\", \"State\": {\"Name\": \"running\"}"
        + (publicIp.isEmpty() ? "" : ", \"PublicIpAddress\": \"" + publicIp + "\"")
        + ", \"SecurityGroups\": [{\"GroupId\": \"" + sg + "\"}],"
        + " \"MetadataOptions\": {\"HttpTokens\": \"required\", \"HttpEndpoint\": \"enabled\", \"HttpPutResponseHopLimit\": 2}}]}]}";
  }

  private static final String ROUTES = """
      {"RouteTables": [
        {"RouteTableId": "rtb-pub", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-pub", "Main": false}],
         "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}]},
        {"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"Main": true}],
         "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                    {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}]}]}
      """;

  @ParameterizedTest
  @CsvSource({
      "22, NET_SSH", "2375, NET_DOCKER", "2376, NET_DOCKER", "6379, NET_REDIS", "10250, NET_KUBE",
      "10255, NET_KUBE", "2379, NET_KUBE", "7001, NET_APP", "8090, NET_APP", "8088, NET_APP", "8080, NET_APP",
      "8983, NET_APP", "61616, NET_APP", "5432, NET_DB", "3306, NET_DB", "27017, NET_DB"})
  void exposure_worldOpenPortIsFound(int port, Check check) {
    Assessment a = Scans.of("g.json", group("sg-1", "tcp", port, port, "0.0.0.0/0"));
    assertThat(Scans.of(a, check)).singleElement().satisfies(f -> {
      assertThat(f.assetId()).isEqualTo("sg-1");
      assertThat(f.title()).contains(String.valueOf(port));
      assertThat(f.gangs()).isNotEmpty();
    });
  }

  @ParameterizedTest
  @CsvSource({"22, NET_SSH", "2375, NET_DOCKER", "6379, NET_REDIS", "10250, NET_KUBE", "7001, NET_APP", "5432, NET_DB"})
  void exposure_singleAddressIsNotFound(int port, Check check) {
    Assessment a = Scans.of("g.json", group("sg-1", "tcp", port, port, "198.51.100.7/32"));
    assertThat(Scans.of(a, check)).isEmpty();
  }

  @Test
  void exposure_udpRuleIsNotTcpExposure() {
    assertThat(Scans.of("g.json", group("sg-1", "udp", 0, 65535, "0.0.0.0/0")).findings()).isEmpty();
  }

  @Test
  void exposure_ipv6WorldCounts() {
    Assessment a = Scans.of("g.json", group("sg-1", "6", 2375, 2375, "::/0"));
    assertThat(Scans.of(a, Check.NET_DOCKER)).singleElement()
        .satisfies(f -> assertThat(f.remediation().command()).contains("CidrIpv6=::/0"));
  }

  @Test
  void exposure_allProtocolsHitsEveryCheck() {
    Assessment a = Scans.of("g.json", group("sg-1", "-1", 0, 0, "0.0.0.0/0"));
    assertThat(a.findings()).extracting(Finding::check).contains(
        Check.NET_SSH, Check.NET_DOCKER, Check.NET_REDIS, Check.NET_KUBE, Check.NET_APP, Check.NET_DB);
  }

  @Test
  void grade_publicSubnetIsCritical() {
    Assessment a = Scans.of("g.json", group("sg-1", "tcp", 22, 22, "0.0.0.0/0"),
        "i.json", instance("i-1", "sg-1", "203.0.113.10", "subnet-pub"), "r.json", ROUTES);
    Finding f = Scans.of(a, Check.NET_SSH).get(0);
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.reachability()).isEqualTo(Reachability.INTERNET);
    assertThat(f.affected()).containsExactly("i-1");
    assertThat(a.assets()).extracting(AssetRisk::assetId).contains("i-1", "sg-1");
  }

  @Test
  void grade_publicAddressInPrivateSubnetIsHigh() {
    Assessment a = Scans.of("g.json", group("sg-1", "tcp", 22, 22, "0.0.0.0/0"),
        "i.json", instance("i-1", "sg-1", "203.0.113.10", "subnet-priv"), "r.json", ROUTES);
    assertThat(Scans.of(a, Check.NET_SSH).get(0).severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void grade_noPublicAddressIsMedium() {
    Assessment a = Scans.of("g.json", group("sg-1", "tcp", 22, 22, "0.0.0.0/0"),
        "i.json", instance("i-1", "sg-1", "", "subnet-pub"), "r.json", ROUTES);
    assertThat(Scans.of(a, Check.NET_SSH).get(0).severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void grade_publicInterfaceAddressFromDescribeNetworkInterfaces() {
    String enis = """
        {"NetworkInterfaces": [{"NetworkInterfaceId": "eni-9", "SubnetId": "subnet-pub",
          "Association": {"PublicIp": "198.51.100.20"}, "Attachment": {"InstanceId": "i-2"},
          "Groups": [{"GroupId": "sg-2"}]}]}
        """;
    String inst = """
        {"Reservations": [{"Instances": [{"InstanceId": "i-2", "SubnetId": "subnet-pub", "VpcId": "vpc-1",
          "SecurityGroups": [{"GroupId": "sg-2"}],
          "NetworkInterfaces": [{"NetworkInterfaceId": "eni-9", "SubnetId": "subnet-pub",
             "Association": {"PublicIp": "198.51.100.20"}, "Groups": [{"GroupId": "sg-2"}]}]}]}]}
        """;
    Assessment a = Scans.of("g.json", group("sg-2", "tcp", 6379, 6379, "0.0.0.0/0"), "e.json", enis,
        "i.json", inst, "r.json", ROUTES);
    assertThat(Scans.of(a, Check.NET_REDIS)).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
  }

  /** A group used only by interfaces whose instance is not in the inputs (load balancer, NAT, Lambda). */
  @Test
  void grade_unownedInterfaceFromDescribeNetworkInterfacesOnly() {
    String enis = """
        {"NetworkInterfaces": [
          {"NetworkInterfaceId": "eni-lb", "SubnetId": "subnet-pub", "InterfaceType": "network_load_balancer",
           "Association": {"PublicIp": "198.51.100.30"}, "Groups": [{"GroupId": "sg-3"}]},
          {"NetworkInterfaceId": "eni-priv", "SubnetId": "subnet-priv", "Groups": [{"GroupId": "sg-4"}]}]}
        """;
    Assessment a = Scans.of("g3.json", group("sg-3", "tcp", 22, 22, "0.0.0.0/0"),
        "g4.json", group("sg-4", "tcp", 22, 22, "0.0.0.0/0"), "e.json", enis, "r.json", ROUTES);
    assertThat(Scans.of(a, Check.NET_SSH)).filteredOn(f -> f.assetId().equals("sg-3")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.affected()).containsExactly("eni-lb");
    });
    assertThat(Scans.of(a, Check.NET_SSH)).filteredOn(f -> f.assetId().equals("sg-4")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
    assertThat(a.assets()).filteredOn(r -> r.assetId().equals("eni-lb")).singleElement()
        .satisfies(r -> assertThat(r.assetType()).isEqualTo("aws-network-interface"));
  }

  /** Prowler's rule: a subnet without its own route table uses the VPC's main table. */
  @Test
  void grade_mainRouteTableWithInternetGatewayMakesUnassociatedSubnetPublic() {
    String routes = """
        {"RouteTables": [{"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"Main": true}],
          "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}]},
          {"RouteTableId": "rtb-dead", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-dead"}],
          "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-old", "State": "blackhole"}]},
          {"RouteTableId": "rtb-v6", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-v6"}],
          "Routes": [{"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"}]}]}
        """;
    for (String[] c : new String[][] {{"subnet-any", "CRITICAL"}, {"subnet-dead", "HIGH"}, {"subnet-v6", "HIGH"}}) {
      Assessment a = Scans.of("g.json", group("sg-1", "tcp", 22, 22, "0.0.0.0/0"),
          "i.json", instance("i-1", "sg-1", "203.0.113.10", c[0]), "r.json", routes);
      assertThat(Scans.of(a, Check.NET_SSH).get(0).severity()).as(c[0]).isEqualTo(Severity.valueOf(c[1]));
    }
    // Without route tables a public address is never taken for a public subnet.
    Assessment noRoutes = Scans.of("g.json", group("sg-1", "tcp", 22, 22, "0.0.0.0/0"),
        "i.json", instance("i-1", "sg-1", "203.0.113.10", "subnet-pub"));
    assertThat(Scans.of(noRoutes, Check.NET_SSH).get(0).reachability()).isEqualTo(Reachability.PUBLIC_ADDRESS);
  }

  @Test
  void fixFirst_criticalBeforeMedium() {
    Assessment a = Scans.of("g1.json", group("sg-a", "tcp", 22, 22, "0.0.0.0/0"),
        "g2.json", group("sg-b", "tcp", 2375, 2375, "0.0.0.0/0"),
        "i.json", instance("i-1", "sg-b", "203.0.113.10", "subnet-pub"), "r.json", ROUTES);
    List<Finding> f = a.findings();
    assertThat(f.get(0).assetId()).isEqualTo("sg-b");
    assertThat(f.get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.get(f.size() - 1).severity()).isEqualTo(Severity.MEDIUM);
    assertThat(a.estateScore()).isBetween(60, 100);
  }
}
