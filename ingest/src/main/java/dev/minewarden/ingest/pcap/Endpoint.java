package dev.minewarden.ingest.pcap;

import dev.minewarden.core.net.IpText;

/**
 * An IP address and port, comparable and usable as a map key. IPv4 addresses keep {@code high} at
 * zero and are marked by {@code v6 == false}. Immutable.
 */
record Endpoint(long high, long low, boolean v6, int port) implements Comparable<Endpoint> {

  static Endpoint of(byte[] address, int length, int port) {
    if (length == 4) {
      return new Endpoint(0, ByteInput.u32(address, 0, false), false, port);
    }
    return new Endpoint(
        ByteInput.u64(address, 0, false), ByteInput.u64(address, 8, false), true, port);
  }

  /** The address as text: dotted quad, or RFC 5952 compressed IPv6. */
  String address() {
    return v6 ? IpText.ipv6(high, low) : IpText.ipv4((int) low);
  }

  @Override
  public int compareTo(Endpoint o) {
    int c = Boolean.compare(v6, o.v6);
    if (c == 0) {
      c = Long.compareUnsigned(high, o.high);
    }
    if (c == 0) {
      c = Long.compareUnsigned(low, o.low);
    }
    return c != 0 ? c : Integer.compare(port, o.port);
  }

  @Override
  public String toString() {
    return (v6 ? "[" + address() + "]" : address()) + ":" + port;
  }
}
