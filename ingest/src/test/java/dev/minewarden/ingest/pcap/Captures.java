package dev.minewarden.ingest.pcap;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes test captures: IP/TCP/UDP packets, link-layer framings, classic pcap in either byte
 * order and resolution, and pcapng converted from classic pcap. Written independently of the
 * production readers so that each checks the other.
 */
final class Captures {
  static final int ETHERNET = 1;
  static final int RAW = 101;
  static final int NULL = 0;
  static final int SLL = 113;
  static final int SLL2 = 276;

  private Captures() {}

  /** One record: capture time in ns since the epoch and the frame bytes. */
  record Rec(long nanos, byte[] frame) {}

  static byte[] addr(String ip) {
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** An IPv4 or IPv6 packet (by the addresses' form) carrying a TCP segment. */
  static byte[] tcp(String src, int sport, String dst, int dport, long seq, int flags,
      byte[] payload) {
    ByteBuffer t = ByteBuffer.allocate(20 + payload.length);
    t.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt(0)
        .put((byte) 0x50).put((byte) flags).putShort((short) 64240).putShort((short) 0)
        .putShort((short) 0).put(payload);
    return ip(src, dst, 6, t.array());
  }

  static byte[] udp(String src, int sport, String dst, int dport, byte[] payload) {
    ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
    u.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length))
        .putShort((short) 0).put(payload);
    return ip(src, dst, 17, u.array());
  }

  static byte[] ip(String src, String dst, int proto, byte[] l4) {
    byte[] s = addr(src);
    byte[] d = addr(dst);
    if (s.length == 4) {
      ByteBuffer b = ByteBuffer.allocate(20 + l4.length);
      b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) 1)
          .putShort((short) 0x4000).put((byte) 64).put((byte) proto).putShort((short) 0)
          .put(s).put(d).put(l4);
      return b.array();
    }
    ByteBuffer b = ByteBuffer.allocate(40 + l4.length);
    b.putInt(0x60000000).putShort((short) l4.length).put((byte) proto).put((byte) 64)
        .put(s).put(d).put(l4);
    return b.array();
  }

  /** Ethernet II around an IP packet, with the given 802.1Q tags (VLAN ids) in front. */
  static byte[] ethernet(byte[] ip, int... vlans) {
    ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlans.length + ip.length);
    b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
    for (int v : vlans) {
      b.putShort((short) 0x8100).putShort((short) v);
    }
    b.putShort((short) ((ip[0] >> 4) == 6 ? 0x86DD : 0x0800)).put(ip);
    return b.array();
  }

  static byte[] sll(byte[] ip) {
    ByteBuffer b = ByteBuffer.allocate(16 + ip.length);
    b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(new byte[8])
        .putShort((short) ((ip[0] >> 4) == 6 ? 0x86DD : 0x0800)).put(ip);
    return b.array();
  }

  static byte[] sll2(byte[] ip) {
    ByteBuffer b = ByteBuffer.allocate(20 + ip.length);
    b.putShort((short) ((ip[0] >> 4) == 6 ? 0x86DD : 0x0800)).putShort((short) 0).putInt(2)
        .putShort((short) 1).put((byte) 0).put((byte) 6).put(new byte[8]).put(ip);
    return b.array();
  }

  /** BSD loopback: the address family in the capturing host's (here: little-endian) order. */
  static byte[] nullLink(byte[] ip) {
    ByteBuffer b = ByteBuffer.allocate(4 + ip.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt((ip[0] >> 4) == 6 ? 30 : 2).put(ip);
    return b.array();
  }

  /** A classic pcap file. */
  static byte[] classic(int linkType, boolean little, boolean nanos, List<Rec> recs) {
    ByteOrder order = little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(24).order(order);
    h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0)
        .putInt(0).putInt(262144).putInt(linkType);
    out.writeBytes(h.array());
    for (Rec r : recs) {
      ByteBuffer rh = ByteBuffer.allocate(16).order(order);
      long frac = nanos ? r.nanos() % 1_000_000_000L : r.nanos() % 1_000_000_000L / 1000;
      rh.putInt((int) (r.nanos() / 1_000_000_000L)).putInt((int) frac)
          .putInt(r.frame().length).putInt(r.frame().length);
      out.writeBytes(rh.array());
      out.writeBytes(r.frame());
    }
    return out.toByteArray();
  }

  /** The link type and records of a classic pcap file (a minimal reader for conversions). */
  record Classic(int linkType, List<Rec> recs) {}

  static Classic readClassic(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int magic = b.getInt(0);
    if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
      b.order(ByteOrder.BIG_ENDIAN);
      magic = b.getInt(0);
    }
    boolean nanos = magic == 0xa1b23c4d;
    int linkType = b.getInt(20) & 0xffff;
    List<Rec> recs = new ArrayList<>();
    int p = 24;
    while (p + 16 <= file.length) {
      long sec = b.getInt(p) & 0xffffffffL;
      long frac = b.getInt(p + 4) & 0xffffffffL;
      int len = b.getInt(p + 8);
      byte[] frame = new byte[len];
      System.arraycopy(file, p + 16, frame, 0, len);
      recs.add(new Rec(sec * 1_000_000_000L + (nanos ? frac : frac * 1000), frame));
      p += 16 + len;
    }
    return new Classic(linkType, recs);
  }

  /** How to write a pcapng conversion. */
  record Ng(boolean little, int tsResol, boolean simple, boolean junkBlocks) {}

  /**
   * Converts a classic capture to pcapng: one section, one interface with the given timestamp
   * resolution ({@code if_tsresol}; 6 means the default and writes no option), enhanced or simple
   * packet blocks, and optionally blocks a reader must skip (name resolution, statistics, custom).
   */
  static byte[] toPcapng(byte[] classicFile, Ng ng) {
    Classic c = readClassic(classicFile);
    ByteOrder order = ng.little() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(block(order, 0x0A0D0D0A, shbBody(order)));
    if (ng.junkBlocks()) {
      out.writeBytes(block(order, 0x00000BAD, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    }
    out.writeBytes(block(order, 1, idbBody(order, c.linkType(), ng.simple() ? 0 : 262144,
        ng.tsResol())));
    int n = 0;
    for (Rec r : c.recs()) {
      out.writeBytes(ng.simple() ? spb(order, r) : epb(order, r, ng.tsResol()));
      if (ng.junkBlocks() && ++n % 10 == 0) {
        out.writeBytes(block(order, 4, new byte[] {0, 0, 0, 0})); // empty name resolution
        out.writeBytes(block(order, 5, new byte[20])); // interface statistics
      }
    }
    return out.toByteArray();
  }

  static byte[] shbBody(ByteOrder order) {
    ByteBuffer b = ByteBuffer.allocate(16).order(order);
    b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
    return b.array();
  }

  static byte[] idbBody(ByteOrder order, int linkType, int snapLen, int tsResol) {
    boolean opt = tsResol != 6;
    ByteBuffer b = ByteBuffer.allocate(8 + (opt ? 12 : 0)).order(order);
    b.putShort((short) linkType).putShort((short) 0).putInt(snapLen);
    if (opt) {
      b.putShort((short) 9).putShort((short) 1).put((byte) tsResol).put(new byte[3]);
      b.putShort((short) 0).putShort((short) 0); // opt_endofopt
    }
    return b.array();
  }

  private static byte[] epb(ByteOrder order, Rec r, int tsResol) {
    long ts = units(r.nanos(), tsResol);
    int pad = (4 - r.frame().length % 4) % 4;
    ByteBuffer b = ByteBuffer.allocate(20 + r.frame().length + pad).order(order);
    b.putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(r.frame().length)
        .putInt(r.frame().length).put(r.frame());
    return block(order, 6, b.array());
  }

  private static byte[] spb(ByteOrder order, Rec r) {
    int pad = (4 - r.frame().length % 4) % 4;
    ByteBuffer b = ByteBuffer.allocate(4 + r.frame().length + pad).order(order);
    b.putInt(r.frame().length).put(r.frame());
    return block(order, 3, b.array());
  }

  /** Nanoseconds to units of an {@code if_tsresol} value (decimal or, with the top bit, binary). */
  static long units(long nanos, int tsResol) {
    int e = tsResol & 0x7f;
    if ((tsResol & 0x80) != 0) {
      return java.math.BigInteger.valueOf(nanos).shiftLeft(e)
          .divide(java.math.BigInteger.valueOf(1_000_000_000L)).longValueExact();
    }
    return e >= 9 ? nanos * (long) Math.pow(10, e - 9) : nanos / (long) Math.pow(10, 9 - e);
  }

  static byte[] block(ByteOrder order, int type, byte[] body) {
    int pad = (4 - body.length % 4) % 4;
    int total = 12 + body.length + pad;
    ByteBuffer b = ByteBuffer.allocate(total).order(order);
    b.putInt(type).putInt(total).put(body).put(new byte[pad]).putInt(total);
    return b.array();
  }

  /**
   * A TCP conversation between a client and a server: handshake, then each message as one
   * segment in the direction given, then both FINs. Times advance 1 ms per packet.
   */
  static final class Conversation {
    final String client;
    final int clientPort;
    final String server;
    final int serverPort;
    final List<Rec> recs = new ArrayList<>();
    long clientSeq = 1000;
    long serverSeq = 5000;
    long nanos = 1_700_000_000_000_000_000L;

    Conversation(String client, int clientPort, String server, int serverPort) {
      this.client = client;
      this.clientPort = clientPort;
      this.server = server;
      this.serverPort = serverPort;
    }

    Conversation handshake() {
      add(true, clientSeq++, 0x02, new byte[0]);
      add(false, serverSeq++, 0x12, new byte[0]);
      add(true, clientSeq, 0x10, new byte[0]);
      return this;
    }

    Conversation client(String text) {
      return send(true, utf8(text));
    }

    Conversation server(String text) {
      return send(false, utf8(text));
    }

    Conversation send(boolean fromClient, byte[] data) {
      long seq = fromClient ? clientSeq : serverSeq;
      add(fromClient, seq, 0x18, data);
      if (fromClient) {
        clientSeq += data.length;
      } else {
        serverSeq += data.length;
      }
      return this;
    }

    /** Adds a segment at an explicit sequence number (for reordering and retransmissions). */
    Conversation segment(boolean fromClient, long seq, byte[] data) {
      add(fromClient, seq, 0x18, data);
      return this;
    }

    Conversation close() {
      add(true, clientSeq++, 0x11, new byte[0]);
      add(false, serverSeq++, 0x11, new byte[0]);
      add(true, clientSeq, 0x10, new byte[0]);
      return this;
    }

    private void add(boolean fromClient, long seq, int flags, byte[] data) {
      byte[] ip = fromClient
          ? tcp(client, clientPort, server, serverPort, seq, flags, data)
          : tcp(server, serverPort, client, clientPort, seq, flags, data);
      recs.add(new Rec(nanos, ethernet(ip)));
      nanos += 1_000_000;
    }

    byte[] pcap() {
      return classic(ETHERNET, true, false, recs);
    }
  }
}
