package dev.minewarden.ingest.aws;

import java.util.HashMap;
import java.util.Map;

/**
 * The VPC flow log fields this parser knows (versions 2 to 5), with the event field each one fills
 * and how its text is read. Fields not listed here are kept as text under their own name.
 */
enum VpcFlowField {
  VERSION("version", "version", Kind.NUMBER),
  ACCOUNT_ID("account-id", "account-id", Kind.TEXT),
  INTERFACE_ID("interface-id", "interface-id", Kind.TEXT),
  SRCADDR("srcaddr", "SourceIp", Kind.TEXT),
  DSTADDR("dstaddr", "DestinationIp", Kind.TEXT),
  SRCPORT("srcport", "SourcePort", Kind.PORT),
  DSTPORT("dstport", "DestinationPort", Kind.PORT),
  PROTOCOL("protocol", "protocol", Kind.PROTOCOL),
  PACKETS("packets", "Packets", Kind.NUMBER),
  BYTES("bytes", "BytesSent", Kind.NUMBER),
  START("start", "start", Kind.NUMBER),
  END("end", "end", Kind.NUMBER),
  ACTION("action", "Action", Kind.TEXT),
  LOG_STATUS("log-status", "log-status", Kind.TEXT),
  VPC_ID("vpc-id", "vpc-id", Kind.TEXT),
  SUBNET_ID("subnet-id", "subnet-id", Kind.TEXT),
  INSTANCE_ID("instance-id", "instance-id", Kind.TEXT),
  TCP_FLAGS("tcp-flags", "tcp-flags", Kind.NUMBER),
  TYPE("type", "type", Kind.TEXT),
  PKT_SRCADDR("pkt-srcaddr", "pkt-srcaddr", Kind.TEXT),
  PKT_DSTADDR("pkt-dstaddr", "pkt-dstaddr", Kind.TEXT),
  REGION("region", "region", Kind.TEXT),
  AZ_ID("az-id", "az-id", Kind.TEXT),
  SUBLOCATION_TYPE("sublocation-type", "sublocation-type", Kind.TEXT),
  SUBLOCATION_ID("sublocation-id", "sublocation-id", Kind.TEXT),
  PKT_SRC_AWS_SERVICE("pkt-src-aws-service", "pkt-src-aws-service", Kind.TEXT),
  PKT_DST_AWS_SERVICE("pkt-dst-aws-service", "pkt-dst-aws-service", Kind.TEXT),
  FLOW_DIRECTION("flow-direction", "flow-direction", Kind.TEXT),
  TRAFFIC_PATH("traffic-path", "traffic-path", Kind.NUMBER),
  /** Any field this parser does not know: kept as text under its own name. */
  OTHER(null, null, Kind.TEXT);

  /** How a field's text becomes a value. */
  enum Kind {
    TEXT,
    NUMBER,
    PORT,
    PROTOCOL
  }

  /** The default (version 2) format, used when a file has no header line. */
  static final String DEFAULT_FORMAT =
      "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes"
          + " start end action log-status";

  private static final Map<String, VpcFlowField> BY_NAME = new HashMap<>();

  static {
    for (VpcFlowField f : values()) {
      if (f.awsName != null) {
        BY_NAME.put(f.awsName, f);
      }
    }
  }

  final String awsName;
  final String eventName;
  final Kind kind;

  VpcFlowField(String awsName, String eventName, Kind kind) {
    this.awsName = awsName;
    this.eventName = eventName;
    this.kind = kind;
  }

  /** The field of an AWS name, or {@link #OTHER}. */
  static VpcFlowField of(String awsName) {
    return BY_NAME.getOrDefault(awsName, OTHER);
  }

  /** Whether {@code name} is a field name AWS documents. */
  static boolean isKnown(String name) {
    return BY_NAME.containsKey(name);
  }
}
