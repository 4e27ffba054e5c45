package dev.minewarden.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Generates a fixture AWS estate as the AWS CLI prints it: {@code describe-instances},
 * {@code describe-security-groups}, {@code describe-subnets} and {@code describe-route-tables}.
 * A third of the instances sit in a public subnet with a public address, a third have a public
 * address in a private subnet, a third have none; half allow IMDSv1; some groups open SSH, Docker
 * or Redis to the world. Deterministic for a given seed.
 *
 * <p>Run {@code java -cp ... dev.minewarden.bench.PostureEstateGenerator DIR INSTANCES GROUPS} to
 * write the four files into DIR.
 */
public final class PostureEstateGenerator {
  private static final int[] RISKY = {22, 2375, 6379, 10250, 7001, 8090, 8088, 5432};

  private PostureEstateGenerator() {}

  /** The four export files, by file name. */
  public static Map<String, byte[]> estate(int instances, int groups, long seed) {
    Random rnd = new Random(seed);
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put("describe-security-groups.json", bytes(groups(groups, rnd)));
    out.put("describe-instances.json", bytes(instances(instances, groups, rnd)));
    out.put("describe-subnets.json", bytes("""
        {"Subnets": [{"SubnetId": "subnet-public", "VpcId": "vpc-1", "MapPublicIpOnLaunch": true},
                     {"SubnetId": "subnet-private", "VpcId": "vpc-1", "MapPublicIpOnLaunch": false}]}
        """));
    out.put("describe-route-tables.json", bytes("""
        {"RouteTables": [
          {"RouteTableId": "rtb-public", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-public", "Main": false}],
           "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
                      {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}]},
          {"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"Main": true}],
           "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}]}
        """));
    return out;
  }

  private static String groups(int n, Random rnd) {
    StringBuilder sb = new StringBuilder("{\"SecurityGroups\": [\n");
    for (int g = 0; g < n; g++) {
      int port = RISKY[rnd.nextInt(RISKY.length)];
      boolean world = rnd.nextInt(4) == 0;
      sb.append(g == 0 ? "" : ",\n").append("{\"GroupId\": \"sg-").append(String.format("%08x", g))
          .append("\", \"GroupName\": \"group-").append(g).append("\", \"VpcId\": \"vpc-1\", \"IpPermissions\": [")
          .append("{\"IpProtocol\": \"tcp\", \"FromPort\": 443, \"ToPort\": 443, \"IpRanges\": [{\"CidrIp\": \"0.0.0.0/0\"}]},")
          .append("{\"IpProtocol\": \"tcp\", \"FromPort\": ").append(port).append(", \"ToPort\": ").append(port)
          .append(", \"IpRanges\": [{\"CidrIp\": \"").append(world ? "0.0.0.0/0" : "10.0.0.0/16").append("\"}],")
          .append(" \"Ipv6Ranges\": [], \"PrefixListIds\": [], \"UserIdGroupPairs\": []}]}");
    }
    return sb.append("\n]}\n").toString();
  }

  private static String instances(int n, int groups, Random rnd) {
    StringBuilder sb = new StringBuilder("{\"Reservations\": [\n");
    for (int i = 0; i < n; i++) {
      int kind = i % 3;
      String id = String.format("i-%017x", i);
      String subnet = kind == 0 ? "subnet-public" : "subnet-private";
      String sg1 = String.format("sg-%08x", rnd.nextInt(groups));
      String sg2 = String.format("sg-%08x", rnd.nextInt(groups));
      sb.append(i == 0 ? "" : ",\n").append("{\"ReservationId\": \"r-").append(i).append("\", \"Instances\": [{")
          .append("\"InstanceId\": \"").append(id).append("\", \"InstanceType\": \"m5.large\",")
          .append(" \"State\": {\"Code\": 16, \"Name\": \"running\"}, \"SubnetId\": \"").append(subnet)
          .append("\", \"VpcId\": \"vpc-1\", \"PrivateIpAddress\": \"10.0.").append(i / 250).append('.').append(i % 250 + 1)
          .append('"');
      if (kind != 2) {
        sb.append(", \"PublicIpAddress\": \"198.51.").append(100 + i / 250).append('.').append(i % 250 + 1).append('"');
      }
      sb.append(", \"SecurityGroups\": [{\"GroupId\": \"").append(sg1).append("\"}, {\"GroupId\": \"").append(sg2).append("\"}]")
          .append(", \"IamInstanceProfile\": {\"Arn\": \"arn:aws:iam::123456789012:instance-profile/app-").append(i % 5).append("\"}")
          .append(", \"MetadataOptions\": {\"State\": \"applied\", \"HttpTokens\": \"").append(i % 2 == 0 ? "optional" : "required")
          .append("\", \"HttpPutResponseHopLimit\": ").append(1 + i % 3).append(", \"HttpEndpoint\": \"enabled\"}")
          .append(", \"Tags\": [{\"Key\": \"Name\", \"Value\": \"node-").append(i).append("\"}]}]}");
    }
    return sb.append("\n]}\n").toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes the estate into a folder: {@code DIR [INSTANCES [GROUPS]]}. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "posture-estate");
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int groups = args.length > 2 ? Integer.parseInt(args[2]) : instances;
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> e : estate(instances, groups, 42).entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
  }
}
