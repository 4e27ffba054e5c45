package dev.minewarden.ingest.pcap;

/**
 * Decodes a frame down to its TCP or UDP payload: link layers Ethernet (with 802.1Q/802.1ad
 * tags), Linux cooked capture v1 and v2, raw IP and BSD loopback/null; IPv4 and IPv6 (with
 * extension headers). IP fragments are skipped rather than reassembled: mining and DNS traffic is
 * not fragmented in practice, and reassembly would be a memory lever for hostile input. Pure and
 * allocation-free; not thread-safe only because it fills the caller's {@link Packet}.
 */
final class PacketDecoder {
  /** Returned for frames that are well-formed but carry nothing we read (ARP, ICMP, fragments). */
  static final String SKIP = "skip";
  /** Returned for frames of a link type this decoder does not read. */
  static final String UNSUPPORTED = "unsupported link type";

  static final int LINK_NULL = 0;
  static final int LINK_ETHERNET = 1;
  static final int LINK_RAW_BSD = 12;
  static final int LINK_RAW_OPENBSD = 14;
  static final int LINK_RAW = 101;
  static final int LINK_LOOP = 108;
  static final int LINK_SLL = 113;
  static final int LINK_IPV4 = 228;
  static final int LINK_IPV6 = 229;
  static final int LINK_SLL2 = 276;

  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86DD;
  private static final int MAX_VLAN_TAGS = 4;
  private static final int MAX_IPV6_EXTENSIONS = 8;

  private PacketDecoder() {}

  /**
   * Decodes {@code frame} into {@code p}.
   *
   * @return null when {@code p} now holds a TCP or UDP packet; {@link #SKIP}; {@link #UNSUPPORTED};
   *     or the reason the frame is malformed
   */
  static String decode(Frame frame, Packet p) {
    byte[] b = frame.data;
    int off = frame.offset;
    int end = frame.offset + frame.length;
    switch (frame.linkType) {
      case LINK_ETHERNET:
        return ethernet(b, off, end, p);
      case LINK_SLL:
        return end - off < 16 ? "frame shorter than its cooked header"
            : etherType(b, ByteInput.u16(b, off + 14, false), off + 16, end, p);
      case LINK_SLL2:
        return end - off < 20 ? "frame shorter than its cooked v2 header"
            : etherType(b, ByteInput.u16(b, off, false), off + 20, end, p);
      case LINK_NULL:
      case LINK_LOOP:
        // The family is in the capturing host's byte order (NULL) or big-endian (LOOP), and its
        // IPv6 value differs between systems: the IP version nibble is the reliable part.
        return end - off < 4 ? "frame shorter than its loopback header" : ip(b, off + 4, end, p);
      case LINK_RAW:
      case LINK_RAW_BSD:
      case LINK_RAW_OPENBSD:
      case LINK_IPV4:
      case LINK_IPV6:
        return ip(b, off, end, p);
      default:
        return UNSUPPORTED;
    }
  }

  private static String ethernet(byte[] b, int off, int end, Packet p) {
    if (end - off < 14) {
      return "frame shorter than an Ethernet header";
    }
    int type = ByteInput.u16(b, off + 12, false);
    int pos = off + 14;
    for (int tags = 0; isVlan(type); tags++) {
      if (tags == MAX_VLAN_TAGS || end - pos < 4) {
        return "truncated or excessive VLAN tags";
      }
      type = ByteInput.u16(b, pos + 2, false);
      pos += 4;
    }
    return etherType(b, type, pos, end, p);
  }

  private static boolean isVlan(int type) {
    return type == 0x8100 || type == 0x88A8 || type == 0x9100;
  }

  private static String etherType(byte[] b, int type, int pos, int end, Packet p) {
    if (type == ETHERTYPE_IPV4 || type == ETHERTYPE_IPV6) {
      return ip(b, pos, end, p);
    }
    return SKIP;
  }

  private static String ip(byte[] b, int pos, int end, Packet p) {
    if (end - pos < 1) {
      return "frame without an IP header";
    }
    int version = (b[pos] & 0xff) >>> 4;
    if (version == 4) {
      return ipv4(b, pos, end, p);
    }
    if (version == 6) {
      return ipv6(b, pos, end, p);
    }
    return "IP version " + version;
  }

  private static String ipv4(byte[] b, int pos, int end, Packet p) {
    if (end - pos < 20) {
      return "truncated IPv4 header";
    }
    int ihl = (b[pos] & 0x0f) * 4;
    int total = ByteInput.u16(b, pos + 2, false);
    if (ihl < 20 || end - pos < ihl) {
      return "bad IPv4 header length " + ihl;
    }
    // A total length of 0 is what TCP segmentation offload leaves in host captures.
    if (total == 0) {
      total = end - pos;
    } else if (total < ihl) {
      return "IPv4 total length " + total + " shorter than its header";
    }
    int fragment = ByteInput.u16(b, pos + 6, false);
    if ((fragment & 0x3fff) != 0) {
      return SKIP;
    }
    p.addressLength = 4;
    System.arraycopy(b, pos + 12, p.source, 0, 4);
    System.arraycopy(b, pos + 16, p.destination, 0, 4);
    return transport(b, b[pos + 9] & 0xff, pos + ihl, pos + total, end, p);
  }

  private static String ipv6(byte[] b, int pos, int end, Packet p) {
    if (end - pos < 40) {
      return "truncated IPv6 header";
    }
    int payload = ByteInput.u16(b, pos + 4, false);
    int next = b[pos + 6] & 0xff;
    p.addressLength = 16;
    System.arraycopy(b, pos + 8, p.source, 0, 16);
    System.arraycopy(b, pos + 24, p.destination, 0, 16);
    int wireEnd = payload == 0 ? end : pos + 40 + payload;
    int q = pos + 40;
    for (int i = 0; i <= MAX_IPV6_EXTENSIONS; i++) {
      if (next == Packet.TCP || next == Packet.UDP) {
        return transport(b, next, q, wireEnd, end, p);
      }
      if (next != 0 && next != 43 && next != 44 && next != 60) {
        return SKIP;
      }
      if (end - q < 8) {
        return "truncated IPv6 extension header";
      }
      if (next == 44 && (ByteInput.u16(b, q + 2, false) & 0xfff9) != 0) {
        return SKIP; // a real fragment: offset or more-fragments set
      }
      int len = next == 44 ? 8 : ((b[q + 1] & 0xff) + 1) * 8;
      next = b[q] & 0xff;
      q += len;
    }
    return SKIP;
  }

  /**
   * @param pos start of the transport header
   * @param wireEnd where the IP payload ends on the wire
   * @param end where the captured bytes end
   */
  private static String transport(byte[] b, int proto, int pos, int wireEnd, int end, Packet p) {
    int capEnd = Math.min(end, wireEnd);
    if (proto == Packet.TCP) {
      return tcp(b, pos, wireEnd, capEnd, p);
    }
    if (proto == Packet.UDP) {
      return udp(b, pos, capEnd, p);
    }
    return SKIP;
  }

  private static String tcp(byte[] b, int pos, int wireEnd, int capEnd, Packet p) {
    if (capEnd - pos < 20) {
      return "truncated TCP header";
    }
    int dataOff = ((b[pos + 12] & 0xff) >>> 4) * 4;
    if (dataOff < 20 || capEnd - pos < dataOff) {
      return "bad TCP header length " + dataOff;
    }
    p.protocol = Packet.TCP;
    p.sourcePort = ByteInput.u16(b, pos, false);
    p.destinationPort = ByteInput.u16(b, pos + 2, false);
    p.sequence = ByteInput.u32(b, pos + 4, false);
    p.tcpFlags = b[pos + 13] & 0x3f;
    p.data = b;
    p.payloadOffset = pos + dataOff;
    p.payloadLength = capEnd - pos - dataOff;
    p.payloadMissing = Math.max(0, wireEnd - Math.max(capEnd, pos + dataOff));
    return null;
  }

  private static String udp(byte[] b, int pos, int capEnd, Packet p) {
    if (capEnd - pos < 8) {
      return "truncated UDP header";
    }
    int len = ByteInput.u16(b, pos + 4, false);
    if (len != 0 && len < 8) {
      return "UDP length " + len + " shorter than its header";
    }
    p.protocol = Packet.UDP;
    p.sourcePort = ByteInput.u16(b, pos, false);
    p.destinationPort = ByteInput.u16(b, pos + 2, false);
    p.sequence = 0;
    p.tcpFlags = 0;
    p.data = b;
    p.payloadOffset = pos + 8;
    int wireLen = len == 0 ? capEnd - pos - 8 : len - 8;
    p.payloadLength = Math.min(wireLen, capEnd - pos - 8);
    p.payloadMissing = wireLen - p.payloadLength;
    return null;
  }
}
