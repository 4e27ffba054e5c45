package dev.minewarden.ingest.pcap;

import java.util.ArrayList;
import java.util.List;

/**
 * Reassembles one direction of a TCP flow into in-order bytes for a {@link StreamConsumer}: drops
 * retransmitted and overlapping bytes, holds a bounded number of out-of-order segments, and when
 * that bound is reached gives up on the hole (the consumer hears of the gap) rather than waiting.
 * Only the first {@link Limits#inspectBytes()} bytes are delivered. Not thread-safe.
 */
final class TcpStream {
  private static final long MASK = 0xffffffffL;
  /** Segments further ahead than this are not plausible within a TCP window: dropped. */
  private static final long MAX_AHEAD = 1 << 24;

  private final StreamConsumer consumer;
  private final Limits limits;
  private final ByteBudget budget;
  private final List<Segment> pending = new ArrayList<>(0);
  private int pendingBytes;
  private boolean started;
  private boolean fin;
  private boolean done;
  private long next;
  private long delivered;

  private record Segment(long seq, byte[] data, int missing, long time, long packet) {}

  TcpStream(StreamConsumer consumer, Limits limits, ByteBudget budget) {
    this.consumer = consumer;
    this.limits = limits;
    this.budget = budget;
  }

  /** Whether this direction has sent its FIN in sequence. */
  boolean finished() {
    return fin;
  }

  /** Bytes delivered to the consumer so far. */
  long delivered() {
    return delivered;
  }

  /** Takes one segment of this direction. */
  void segment(Packet p, long time, long packet) {
    if ((p.tcpFlags & Packet.SYN) != 0) {
      if (!started) {
        next = (p.sequence + 1) & MASK;
        started = true;
      }
      return;
    }
    int len = p.payloadLength;
    int missing = p.payloadMissing;
    if (!started) {
      if (len + missing == 0) {
        return;
      }
      next = p.sequence;
      started = true;
      consumer.midstream();
    }
    if (done) {
      advance(p.sequence, len + missing);
    } else if (len + missing > 0) {
      data(p.sequence, p.data, p.payloadOffset, len, missing, time, packet);
    }
    if ((p.tcpFlags & Packet.FIN) != 0 && ((p.sequence + len + missing) & MASK) == next) {
      fin = true;
    }
  }

  /** Past the inspection limit only the sequence is followed, so that a FIN is still noticed. */
  private void advance(long seq, int len) {
    long end = (seq + len) & MASK;
    if ((int) ((seq - next) & MASK) <= 0 && (int) ((end - next) & MASK) > 0) {
      next = end;
    }
  }

  private void data(long seq, byte[] b, int off, int len, int missing, long time, long packet) {
    long rel = (int) ((seq - next) & MASK);
    if (rel > 0) {
      ahead(seq, rel, b, off, len, missing, time, packet);
      return;
    }
    long skip = -rel;
    if (skip >= len + missing) {
      return; // a retransmission of bytes already delivered
    }
    if (skip <= len) {
      off += (int) skip;
      len -= (int) skip;
    } else {
      missing -= (int) (skip - len);
      len = 0;
    }
    deliver(b, off, len, missing, time, packet);
    drain();
  }

  private void ahead(long seq, long rel, byte[] b, int off, int len, int missing, long time,
      long packet) {
    if (rel > MAX_AHEAD) {
      return;
    }
    if (pending.size() >= limits.outOfOrderSegments()
        || pendingBytes + len > limits.outOfOrderBytes()) {
      // Give up on the hole: skip to the earliest segment we hold (or this one) and go on.
      consumer.gap();
      next = earliest(seq);
      drain();
      if (!done) {
        data(seq, b, off, len, missing, time, packet);
      }
      return;
    }
    byte[] copy = new byte[len];
    System.arraycopy(b, off, copy, 0, len);
    pending.add(new Segment(seq, copy, missing, time, packet));
    pendingBytes += len;
    budget.add(len);
  }

  private long earliest(long seq) {
    long best = seq;
    for (Segment s : pending) {
      if ((int) ((s.seq() - best) & MASK) < 0) {
        best = s.seq();
      }
    }
    return best;
  }

  /** Delivers held segments that have become in order. */
  private void drain() {
    boolean progress = true;
    while (progress && !pending.isEmpty() && !done) {
      progress = false;
      for (int i = 0; i < pending.size(); i++) {
        Segment s = pending.get(i);
        long rel = (int) ((s.seq() - next) & MASK);
        if (rel <= 0) {
          pending.remove(i);
          pendingBytes -= s.data().length;
          budget.add(-s.data().length);
          long skip = -rel;
          int len = s.data().length;
          if (skip < len + s.missing()) {
            int from = (int) Math.min(skip, len);
            int missing = skip > len ? s.missing() - (int) (skip - len) : s.missing();
            deliver(s.data(), from, len - from, missing, s.time(), s.packet());
          }
          progress = true;
          break;
        }
      }
    }
  }

  private void deliver(byte[] b, int off, int len, int missing, long time, long packet) {
    int n = (int) Math.min(len, limits.inspectBytes() - delivered);
    if (n > 0) {
      consumer.data(b, off, n, time, packet);
      delivered += n;
    }
    if (missing > 0) {
      consumer.gap();
    }
    next = (next + len + missing) & MASK;
    if (delivered >= limits.inspectBytes()) {
      done = true;
      release();
    }
  }

  /** Frees held segments (the stream is done or the flow closes). */
  void release() {
    budget.add(-pendingBytes);
    pending.clear();
    pendingBytes = 0;
  }
}
