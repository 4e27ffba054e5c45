package dev.minewarden.ingest.pcap;

/**
 * Reads DNS over TCP (RFC 1035 section 4.2.2: each message after a two-byte length) from one
 * direction of a flow. Lost bytes end the stream, since the framing cannot be found again. Not
 * thread-safe.
 */
final class DnsTcpStream implements StreamConsumer {
  private final DnsTracker dns;
  private final PcapFormat.Problems problems;
  private final Endpoint from;
  private final Endpoint to;
  private final ByteBudget budget;
  private final byte[] lengthBytes = new byte[2];
  private int lengthHave;
  private byte[] msg;
  private int have;
  private boolean broken;

  DnsTcpStream(DnsTracker dns, PcapFormat.Problems problems, Endpoint from, Endpoint to,
      ByteBudget budget) {
    this.dns = dns;
    this.problems = problems;
    this.from = from;
    this.to = to;
    this.budget = budget;
  }

  @Override
  public void data(byte[] b, int off, int len, long time, long packet) {
    int i = off;
    int end = off + len;
    while (i < end && !broken) {
      if (msg == null) {
        lengthBytes[lengthHave++] = b[i++];
        if (lengthHave == 2) {
          int n = ByteInput.u16(lengthBytes, 0, false);
          lengthHave = 0;
          msg = new byte[n];
          have = 0;
          budget.add(n);
        }
        continue;
      }
      int n = Math.min(end - i, msg.length - have);
      System.arraycopy(b, i, msg, have, n);
      have += n;
      i += n;
      if (have == msg.length) {
        DnsParser.Result r = DnsParser.parse(msg, 0, msg.length);
        if (r.message() != null) {
          dns.message(r.message(), from, to, time, packet, "tcp");
        } else {
          problems.malformed(packet, r.error());
        }
        free();
      }
    }
  }

  @Override
  public void gap() {
    broken = true;
    free();
  }

  @Override
  public void midstream() {
    broken = true;
  }

  @Override
  public void end() {
    free();
  }

  private void free() {
    if (msg != null) {
      budget.add(-msg.length);
      msg = null;
    }
  }
}
