package dev.minewarden.ingest.pcap;

/**
 * The transport-layer view of one frame: addresses, ports and payload, filled in by {@link
 * PacketDecoder}. Mutable and reused; the payload points into the frame's buffer. Not thread-safe.
 */
final class Packet {
  static final int TCP = 6;
  static final int UDP = 17;
  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int ACK = 0x10;

  /** Address length in bytes: 4 for IPv4, 16 for IPv6. */
  int addressLength;
  final byte[] source = new byte[16];
  final byte[] destination = new byte[16];
  /** {@link #TCP} or {@link #UDP}. */
  int protocol;
  int sourcePort;
  int destinationPort;
  /** TCP sequence number (unsigned 32 bits) and flags. */
  long sequence;
  int tcpFlags;
  byte[] data;
  int payloadOffset;
  /** Payload bytes present in the capture. */
  int payloadLength;
  /** Payload bytes on the wire but cut off by the snapshot length. */
  int payloadMissing;

  /** The source endpoint as a flow-table key part. */
  Endpoint sourceEndpoint() {
    return Endpoint.of(source, addressLength, sourcePort);
  }

  /** The destination endpoint as a flow-table key part. */
  Endpoint destinationEndpoint() {
    return Endpoint.of(destination, addressLength, destinationPort);
  }
}
