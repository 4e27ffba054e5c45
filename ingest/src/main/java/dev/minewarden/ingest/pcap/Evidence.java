package dev.minewarden.ingest.pcap;

/**
 * What one JSON-RPC message says about mining. Immutable.
 *
 * @param method the message's method, or null for a reply
 * @param protocol the mining protocol it belongs to ({@code stratum}, {@code stratum-xmr}...), or
 *     null when it is no mining evidence
 * @param role what the message's sender is
 * @param strong whether the message alone shows mining; a weak one (an XMRig-style {@code login}
 *     without miner traits, say) counts only once a strong one confirms the session
 * @param agent the miner's user agent, when the message names it
 * @param user the wallet or worker, when the message names it
 */
record Evidence(
    String method, String protocol, Role role, boolean strong, String agent, String user) {

  /** The sender's part in a mining session. */
  enum Role {
    MINER,
    POOL,
    NONE
  }

  static final Evidence NONE = new Evidence(null, null, Role.NONE, false, null, null);

  /** A message with a method that is no mining evidence. */
  static Evidence other(String method) {
    return new Evidence(method, null, Role.NONE, false, null, null);
  }
}
