package dev.minewarden.ingest.pcap;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The mining evidence of one TCP flow, from both directions. It becomes one event when the flow
 * ends, if some message was strong evidence. The miner is whoever sent the first message with a
 * role (a client method, or the other side of a pool's message), so a session whose start was not
 * captured still gets its sides right. Not thread-safe.
 */
final class MiningSession {
  static final LogSource LOG_SOURCE = LogSource.exact("network", "stratum", null);
  private static final int MAX_METHODS = 16;

  private final List<String> methods = new ArrayList<>(4);
  private String protocol;
  private boolean confirmed;
  private Boolean minerIsA;
  private long firstTime = Event.NO_TIME;
  private long firstPacket = -1;
  private String agent;
  private String user;
  private long messages;

  /**
   * Takes one message.
   *
   * @param fromA whether the flow's endpoint A sent it
   * @param httpAgent the HTTP User-Agent it came with, or null
   * @param httpUser the HTTP basic-auth user it came with, or null
   */
  void message(Evidence e, boolean fromA, long time, long packet, String httpAgent,
      String httpUser) {
    if (e.method() != null && methods.size() < MAX_METHODS && !methods.contains(e.method())) {
      methods.add(e.method());
    }
    if (e.protocol() == null) {
      return;
    }
    messages++;
    if (firstPacket < 0) {
      firstTime = time;
      firstPacket = packet;
    }
    if (minerIsA == null && e.role() != Evidence.Role.NONE) {
      minerIsA = (e.role() == Evidence.Role.MINER) == fromA;
    }
    if (protocol == null || (e.strong() && !confirmed)) {
      protocol = e.protocol();
    }
    confirmed |= e.strong();
    if (e.role() == Evidence.Role.MINER) {
      agent = first(agent, e.agent(), httpAgent);
      user = first(user, e.user(), httpUser);
    }
  }

  private static String first(String current, String a, String b) {
    return current != null ? current : a != null ? a : b;
  }

  /** Whether strong evidence was seen. */
  boolean confirmed() {
    return confirmed;
  }

  /**
   * The session's event, or null when it is not mining.
   *
   * @param a the flow's endpoint A
   * @param b the flow's endpoint B
   * @param aInitiated whether A opened the connection (the fallback for the miner's side)
   */
  Event toEvent(Endpoint a, Endpoint b, boolean aInitiated, String path) {
    if (!confirmed) {
      return null;
    }
    boolean minerA = minerIsA != null ? minerIsA : aInitiated;
    Endpoint miner = minerA ? a : b;
    Endpoint pool = minerA ? b : a;
    Event.Builder e = Event.builder(LOG_SOURCE).time(firstTime).host(miner.address())
        .source(path, firstPacket);
    e.field("SourceIp", miner.address());
    e.field("SourcePort", (long) miner.port());
    e.field("DestinationIp", pool.address());
    e.field("DestinationPort", (long) pool.port());
    e.field("Protocol", protocol);
    e.field("Transport", "tcp");
    e.field("stratum.method", List.copyOf(methods));
    e.fieldIfPresent("stratum.agent", agent);
    e.fieldIfPresent("stratum.user", user);
    e.field("stratum.messages", messages);
    e.field("MinerSide", miner.address());
    e.field("PoolSide", pool.address());
    return e.build();
  }
}
