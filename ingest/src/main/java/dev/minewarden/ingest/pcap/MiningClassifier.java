package dev.minewarden.ingest.pcap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/**
 * Decides what a JSON-RPC message says about cryptocurrency mining. Only the message's own
 * top-level {@code method} counts, never text found elsewhere in it, and methods whose names are
 * common outside mining ({@code login}, {@code submit}, {@code getjob}, {@code job}) count only
 * with the parameters the mining protocols give them, so ordinary JSON-RPC does not look like
 * mining.
 *
 * <p>Protocols: {@code stratum} (Bitcoin-style Stratum v1, {@code mining.*}), {@code stratum-eth}
 * (Ethereum stratum proxies and getwork: {@code eth_submitLogin}, {@code eth_getWork}...), {@code
 * stratum-xmr} (the CryptoNote dialect of XMRig, xmr-stak, MinerGate and Coinhive: {@code login},
 * {@code job}, {@code submit}, {@code getjob}), {@code getblocktemplate} (bitcoind's {@code
 * getblocktemplate}/{@code submitblock}) and {@code getwork}. Stateless and thread-safe.
 */
final class MiningClassifier {
  static final String STRATUM = "stratum";
  static final String STRATUM_ETH = "stratum-eth";
  static final String STRATUM_XMR = "stratum-xmr";
  static final String GETBLOCKTEMPLATE = "getblocktemplate";
  static final String GETWORK = "getwork";

  private static final int MAX_TEXT = 200;

  private static final Set<String> STRATUM_CLIENT = Set.of(
      "mining.subscribe", "mining.authorize", "mining.submit", "mining.get_transactions",
      "mining.extranonce.subscribe", "mining.configure", "mining.suggest_difficulty",
      "mining.suggest_target", "mining.multi_version");
  private static final Set<String> STRATUM_SERVER = Set.of(
      "mining.notify", "mining.set_difficulty", "mining.set_extranonce", "mining.set_target",
      "mining.set_version_mask");
  private static final Set<String> ETH_CLIENT = Set.of(
      "eth_submitLogin", "eth_login", "eth_getWork", "eth_submitWork", "eth_submitHashrate");
  /** User agents of mining software, matched as lower-case substrings of the agent. */
  private static final String[] MINER_AGENTS = {
    "xmrig", "xmr-stak", "xmr-node-proxy", "minergate", "cpuminer", "ccminer", "cgminer",
    "bfgminer", "sgminer", "srbminer", "teamredminer", "lolminer", "nanominer", "gminer", "nbminer",
    "t-rex", "wildrig", "phoenixminer", "claymore", "ethminer", "bminer", "cryptodredge",
    "jceminer", "cast_xmr", "nheqminer", "kryptex", "coinhive"
  };
  private static final String BASE58 =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  private MiningClassifier() {}

  /** Classifies one JSON value (an object; other values are no evidence). Never throws. */
  static Evidence classify(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Evidence.NONE;
    }
    JsonNode method = node.get("method");
    if (method == null) {
      return reply(node.get("result"));
    }
    if (!method.isTextual()) {
      return Evidence.NONE;
    }
    return request(cut(method.asText()), node.get("params"));
  }

  private static Evidence request(String m, JsonNode params) {
    if (STRATUM_CLIENT.contains(m)) {
      return stratumClient(m, params);
    }
    if (STRATUM_SERVER.contains(m)) {
      return new Evidence(m, STRATUM, Evidence.Role.POOL, true, null, null);
    }
    if (ETH_CLIENT.contains(m)) {
      String user = m.endsWith("Login") ? element(params, 0) : null;
      return new Evidence(m, STRATUM_ETH, Evidence.Role.MINER, true, null, user);
    }
    switch (m) {
      case "getblocktemplate":
      case "submitblock":
        return new Evidence(m, GETBLOCKTEMPLATE, Evidence.Role.MINER, true, null, null);
      case "getwork":
        return new Evidence(m, GETWORK, Evidence.Role.MINER, true, null, null);
      case "login":
        return xmrLogin(params);
      case "submit":
        return has(params, "job_id") && has(params, "nonce")
            ? new Evidence(m, STRATUM_XMR, Evidence.Role.MINER, true, null, null)
            : Evidence.other(m);
      case "getjob":
      case "keepalived":
        return has(params, "id")
            ? new Evidence(m, STRATUM_XMR, Evidence.Role.MINER, false, null, null)
            : Evidence.other(m);
      case "job":
        return isJob(params)
            ? new Evidence(m, STRATUM_XMR, Evidence.Role.POOL, true, null, null)
            : Evidence.other(m);
      default:
        return Evidence.other(m);
    }
  }

  private static Evidence stratumClient(String m, JsonNode params) {
    String agent = null;
    String user = null;
    String protocol = STRATUM;
    if (m.equals("mining.subscribe")) {
      agent = element(params, 0);
      String second = element(params, 1);
      if (second != null && second.startsWith("EthereumStratum")) {
        protocol = STRATUM_ETH;
      }
    } else if (m.equals("mining.authorize")) {
      user = element(params, 0);
    }
    return new Evidence(m, protocol, Evidence.Role.MINER, true, agent, user);
  }

  /**
   * An XMRig-style login is mining when it has a miner's traits: a mining agent, an algorithm
   * list, a rig id, or a wallet-shaped login. Otherwise it is weak evidence that a pool's job
   * reply must confirm: web applications have JSON-RPC "login" methods too.
   */
  private static Evidence xmrLogin(JsonNode params) {
    if (params == null || !params.isObject() || !text(params.get("login"))) {
      return Evidence.other("login");
    }
    String user = cut(params.get("login").asText());
    String agent = text(params.get("agent")) ? cut(params.get("agent").asText()) : null;
    boolean strong = isMinerAgent(agent) || params.has("algo") || params.has("rigid")
        || isWallet(user);
    return new Evidence("login", STRATUM_XMR, Evidence.Role.MINER, strong, agent, user);
  }

  /** A reply: a CryptoNote login result carrying a job, or a Stratum subscribe result. */
  private static Evidence reply(JsonNode result) {
    if (result == null) {
      return Evidence.NONE;
    }
    if (result.isObject() && isJob(result.get("job"))) {
      return new Evidence(null, STRATUM_XMR, Evidence.Role.POOL, true, null, null);
    }
    if (result.isArray() && result.size() > 0 && result.get(0).isArray()) {
      JsonNode first = result.get(0);
      JsonNode pair = first.size() > 0 && first.get(0).isArray() ? first.get(0) : first;
      String name = element(pair, 0);
      if ("mining.notify".equals(name) || "mining.set_difficulty".equals(name)) {
        return new Evidence(null, STRATUM, Evidence.Role.POOL, true, null, null);
      }
    }
    return Evidence.NONE;
  }

  private static boolean isJob(JsonNode job) {
    return job != null && job.isObject() && text(job.get("blob")) && has(job, "job_id");
  }

  static boolean isMinerAgent(String agent) {
    if (agent == null) {
      return false;
    }
    String a = agent.toLowerCase(Locale.ROOT);
    for (String known : MINER_AGENTS) {
      if (a.contains(known)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a login starts with a Monero address (95 or 106 base58 characters starting 4 or 8)
   * or an Ethereum one ({@code 0x} and 40 hex digits), optionally followed by a worker suffix.
   */
  static boolean isWallet(String login) {
    if (login == null) {
      return false;
    }
    if (login.length() >= 42 && login.startsWith("0x")) {
      return allIn(login, 2, 42, "0123456789abcdefABCDEF") && endsWord(login, 42);
    }
    if (login.length() < 95 || (login.charAt(0) != '4' && login.charAt(0) != '8')) {
      return false;
    }
    if (!allIn(login, 0, 95, BASE58)) {
      return false;
    }
    return endsWord(login, 95) || (login.length() >= 106 && allIn(login, 95, 106, BASE58)
        && endsWord(login, 106));
  }

  private static boolean endsWord(String s, int at) {
    return s.length() == at || ".+/:@_-".indexOf(s.charAt(at)) >= 0;
  }

  private static boolean allIn(String s, int from, int to, String alphabet) {
    for (int i = from; i < to; i++) {
      if (alphabet.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean has(JsonNode params, String field) {
    return params != null && params.isObject() && params.has(field);
  }

  private static boolean text(JsonNode n) {
    return n != null && n.isTextual();
  }

  /** The i-th element of an array as text when it is a string, else null. */
  private static String element(JsonNode array, int i) {
    if (array == null || !array.isArray() || array.size() <= i || !array.get(i).isTextual()) {
      return null;
    }
    return cut(array.get(i).asText());
  }

  /** Caps attacker-supplied text kept in events. */
  static String cut(String s) {
    return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
  }
}
