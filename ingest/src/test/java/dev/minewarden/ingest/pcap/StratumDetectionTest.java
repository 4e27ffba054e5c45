package dev.minewarden.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.CollectingSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Mining sessions on synthetic conversations: dialects, reassembly, sides, and lookalikes. */
class StratumDetectionTest {
  private static final String XMRIG_LOGIN = "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"login\","
      + "\"params\":{\"login\":\"worker7\",\"pass\":\"x\",\"agent\":\"XMRig/6.21.0 (Linux x86_64)"
      + " libuv/1.44.2 gcc/12.2.0\",\"algo\":[\"rx/0\"]}}\n";
  private static final String XMR_JOB_REPLY = "{\"id\":1,\"jsonrpc\":\"2.0\",\"error\":null,"
      + "\"result\":{\"id\":\"1\",\"job\":{\"blob\":\"0606\",\"job_id\":\"1\",\"target\":\"b88d0600\"},"
      + "\"status\":\"OK\"}}\n";

  private static List<Event> sessions(byte[] pcap) {
    CollectingSink sink = Pcaps.parse(pcap);
    assertThat(sink.malformed).isEmpty();
    return sink.category("stratum");
  }

  @Test
  void parse_xmrigLoginOnHttpsPort() {
    byte[] pcap = new Captures.Conversation("10.1.2.3", 40000, "203.0.113.9", 443).handshake()
        .client(XMRIG_LOGIN).server(XMR_JOB_REPLY)
        .client("{\"id\":2,\"jsonrpc\":\"2.0\",\"method\":\"submit\",\"params\":{\"id\":\"1\","
            + "\"job_id\":\"1\",\"nonce\":\"a1b2c3d4\",\"result\":\"00ff\"}}\n")
        .server("{\"jsonrpc\":\"2.0\",\"method\":\"job\",\"params\":{\"blob\":\"07\","
            + "\"job_id\":\"2\",\"target\":\"ff\"}}\n")
        .close().pcap();

    List<Event> s = sessions(pcap);

    assertThat(s).hasSize(1);
    Event e = s.get(0);
    assertThat(e.get("Protocol")).isEqualTo("stratum-xmr");
    assertThat(e.get("SourceIp")).isEqualTo("10.1.2.3");
    assertThat(e.get("SourcePort")).isEqualTo(40000L);
    assertThat(e.get("DestinationIp")).isEqualTo("203.0.113.9");
    assertThat(e.get("DestinationPort")).isEqualTo(443L);
    assertThat(e.get("MinerSide")).isEqualTo("10.1.2.3");
    assertThat(e.get("PoolSide")).isEqualTo("203.0.113.9");
    assertThat(e.get("stratum.method")).isEqualTo(List.of("login", "submit", "job"));
    assertThat(e.get("stratum.agent")).asString().startsWith("XMRig/6.21.0");
    assertThat(e.get("stratum.user")).isEqualTo("worker7");
    assertThat(e.sourceLine()).as("packet of the first mining message").isEqualTo(4);
    assertThat(e.timestampMillis()).isEqualTo(1_700_000_000_003L);
  }

  @Test
  void parse_bitcoinStratumWithPoolFirstSeen() {
    // Capture joined mid-session: the pool's notify comes before the miner's submit.
    Captures.Conversation c = new Captures.Conversation("192.168.7.20", 51000, "198.51.100.4", 3333);
    c.server("{\"id\":null,\"method\":\"mining.notify\",\"params\":[\"4f\",\"ab\",\"01\",\"02\","
        + "[],\"20000000\",\"1d00ffff\",\"5f5e1000\",true]}\n");
    c.client("{\"id\":4,\"method\":\"mining.submit\",\"params\":[\"wallet.rig1\",\"4f\","
        + "\"00000000\",\"5f5e1000\",\"1a2b3c4d\"]}\n");

    List<Event> s = sessions(c.pcap());

    assertThat(s).hasSize(1);
    assertThat(s.get(0).get("SourceIp")).isEqualTo("192.168.7.20");
    assertThat(s.get(0).get("DestinationPort")).isEqualTo(3333L);
    assertThat(s.get(0).get("Protocol")).isEqualTo("stratum");
    assertThat(s.get(0).get("stratum.method")).isEqualTo(List.of("mining.notify", "mining.submit"));
  }

  @Test
  void parse_subscribeAuthorizeGivesAgentAndUser() {
    byte[] pcap = new Captures.Conversation("10.0.0.5", 41000, "203.0.113.50", 14444).handshake()
        .client("{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"cgminer/4.10.0\"]}\n"
            + "{\"id\":2,\"method\":\"mining.authorize\",\"params\":[\"bc1qexample.worker1\",\"x\"]}\n")
        .server("{\"id\":2,\"result\":true,\"error\":null}\n")
        .close().pcap();

    Event e = sessions(pcap).get(0);

    assertThat(e.get("stratum.agent")).isEqualTo("cgminer/4.10.0");
    assertThat(e.get("stratum.user")).isEqualTo("bc1qexample.worker1");
    assertThat(e.get("stratum.messages")).isEqualTo(2L);
  }

  @Test
  void parse_ethereumStratum() {
    byte[] pcap = new Captures.Conversation("10.0.0.6", 42000, "203.0.113.60", 4444).handshake()
        .client("{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"eth_submitLogin\",\"worker\":\"rig\","
            + "\"params\":[\"0x52bc44d5378309ee2abf1539bf71de1b7d7be3b5\"]}\n")
        .client("{\"id\":2,\"jsonrpc\":\"2.0\",\"method\":\"eth_getWork\",\"params\":[]}\n")
        .close().pcap();

    Event e = sessions(pcap).get(0);

    assertThat(e.get("Protocol")).isEqualTo("stratum-eth");
    assertThat(e.get("stratum.user")).isEqualTo("0x52bc44d5378309ee2abf1539bf71de1b7d7be3b5");
    assertThat(e.get("stratum.method")).isEqualTo(List.of("eth_submitLogin", "eth_getWork"));
  }

  @Test
  void parse_getblocktemplateOverHttpKeepAlive() {
    String body = "{\"id\":0,\"method\":\"getblocktemplate\",\"params\":[{\"capabilities\":"
        + "[\"coinbasetxn\",\"workid\"]}]}";
    String auth = java.util.Base64.getEncoder().encodeToString(
        "miner1:secret".getBytes(StandardCharsets.UTF_8));
    String ordinary = "{\"id\":1,\"method\":\"getblockchaininfo\",\"params\":[]}";
    byte[] pcap = new Captures.Conversation("10.0.0.7", 43000, "203.0.113.70", 8332).handshake()
        .client(post(ordinary, "python-requests/2.31", null))
        .server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
        .client(post(body, "cpuminer/2.5.1", "Basic " + auth))
        .close().pcap();

    Event e = sessions(pcap).get(0);

    assertThat(e.get("Protocol")).isEqualTo("getblocktemplate");
    assertThat(e.get("stratum.agent")).isEqualTo("cpuminer/2.5.1");
    assertThat(e.get("stratum.user")).as("user only, never the password").isEqualTo("miner1");
    assertThat(e.get("stratum.method")).isEqualTo(List.of("getblockchaininfo", "getblocktemplate"));
  }

  @Test
  void parse_outOfOrderAndRetransmittedSegments() {
    byte[] login = Captures.utf8(XMRIG_LOGIN);
    Captures.Conversation c = new Captures.Conversation("10.9.9.9", 45000, "203.0.113.99", 7777)
        .handshake();
    long base = c.clientSeq;
    int a = 30;
    int b = 90;
    // Third part first, then the first, the first again (retransmitted), an overlapping
    // retransmission of parts one and two, and the second.
    c.segment(true, base + b, slice(login, b, login.length));
    c.segment(true, base, slice(login, 0, a));
    c.segment(true, base, slice(login, 0, a));
    c.segment(true, base + 10, slice(login, 10, b));
    c.segment(true, base + a, slice(login, a, b));
    c.clientSeq = base + login.length;
    c.close();

    List<Event> s = sessions(c.pcap());

    assertThat(s).hasSize(1);
    assertThat(s.get(0).get("stratum.user")).isEqualTo("worker7");
    assertThat(s.get(0).get("stratum.messages")).as("the login counted once").isEqualTo(1L);
  }

  @Test
  void parse_longSessionIsOneEvent() {
    Captures.Conversation c = new Captures.Conversation("10.0.0.8", 46000, "203.0.113.80", 3333)
        .handshake().client(XMRIG_LOGIN).server(XMR_JOB_REPLY);
    for (int i = 0; i < 200; i++) {
      c.client("{\"id\":" + (i + 3) + ",\"method\":\"submit\",\"params\":{\"id\":\"1\",\"job_id\":"
          + "\"1\",\"nonce\":\"" + i + "\",\"result\":\"ab\"}}\n");
      c.server("{\"id\":" + (i + 3) + ",\"jsonrpc\":\"2.0\",\"error\":null,\"result\":{\"status\":"
          + "\"OK\"}}\n");
    }
    c.close();

    assertThat(sessions(c.pcap())).hasSize(1);
  }

  @Test
  void parse_ipv6AndEveryLinkType() {
    byte[] login = Captures.utf8(XMRIG_LOGIN);
    String miner = "2001:db8::10";
    String pool = "2001:db8:0:1::99";
    byte[] syn = Captures.tcp(miner, 50000, pool, 3333, 99, 0x02, new byte[0]);
    byte[] data = Captures.tcp(miner, 50000, pool, 3333, 100, 0x18, login);
    List<byte[][]> framings = List.of(
        new byte[][] {Captures.ethernet(syn, 10, 20), Captures.ethernet(data, 10, 20)},
        new byte[][] {Captures.sll(syn), Captures.sll(data)},
        new byte[][] {Captures.sll2(syn), Captures.sll2(data)},
        new byte[][] {Captures.nullLink(syn), Captures.nullLink(data)},
        new byte[][] {syn, data});
    int[] linkTypes = {Captures.ETHERNET, Captures.SLL, Captures.SLL2, Captures.NULL, Captures.RAW};
    for (int i = 0; i < linkTypes.length; i++) {
      byte[] pcap = Captures.classic(linkTypes[i], true, false, List.of(
          new Captures.Rec(1_000_000_000L, framings.get(i)[0]),
          new Captures.Rec(2_000_000_000L, framings.get(i)[1])));

      List<Event> s = sessions(pcap);

      assertThat(s).as("link type " + linkTypes[i]).hasSize(1);
      assertThat(s.get(0).get("SourceIp")).isEqualTo("2001:db8::10");
      assertThat(s.get(0).get("DestinationIp")).isEqualTo("2001:db8:0:1::99");
    }
  }

  @Test
  void parse_ordinaryJsonRpcAndHttpAreNotMining() {
    List<byte[]> lookalikes = List.of(
        // A web application's JSON-RPC login, answered without a job.
        new Captures.Conversation("10.0.1.1", 40001, "198.51.100.1", 8080).handshake()
            .client("{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":{\"login\":"
                + "\"alice\",\"pass\":\"hunter2\"}}\n")
            .server("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{\"token\":\"abc\"}}\n")
            .client("{\"id\":2,\"jsonrpc\":\"2.0\",\"method\":\"submit\",\"params\":{\"form\":1}}\n")
            .close().pcap(),
        // Ethereum and bitcoind node queries.
        new Captures.Conversation("10.0.1.2", 40002, "198.51.100.2", 8545).handshake()
            .client(post("{\"jsonrpc\":\"2.0\",\"method\":\"eth_call\",\"params\":[],\"id\":1}",
                "web3.py", null))
            .client(post("[{\"jsonrpc\":\"1.0\",\"method\":\"getblockchaininfo\",\"id\":2},"
                + "{\"method\":\"getmininginfo\",\"id\":3}]", "bitcoin-cli", null))
            .close().pcap(),
        // Mining words inside values, nested objects and web pages, not as the method.
        new Captures.Conversation("10.0.1.3", 40003, "198.51.100.3", 3333).handshake()
            .client("{\"id\":1,\"method\":\"log\",\"params\":[\"mining.subscribe\",\"login\"]}\n")
            .client("{\"id\":2,\"method\":\"relay\",\"params\":{\"method\":\"mining.submit\"}}\n")
            .server("{\"id\":1,\"result\":\"{\\\"method\\\":\\\"mining.notify\\\"}\"}\n")
            .close().pcap(),
        new Captures.Conversation("10.0.1.4", 40004, "198.51.100.4", 80).handshake()
            .client("GET /docs/stratum HTTP/1.1\r\nHost: example.org\r\n\r\n")
            .server("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 75\r\n\r\n"
                + "<pre>{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[]}</pre>\n<p>ok</p>")
            .close().pcap(),
        // Language-server framing looks like HTTP headers but is not HTTP.
        new Captures.Conversation("10.0.1.5", 40005, "198.51.100.5", 2087).handshake()
            .client("Content-Length: 52\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getwork\"}  ")
            .close().pcap());
    for (byte[] pcap : lookalikes) {
      assertThat(sessions(pcap)).isEmpty();
    }
  }

  @Test
  void parse_generatorOutputMatchesItsTruth() throws Exception {
    // Written by shared/bench/gen_stratum_pcap.py (see synthetic/SOURCE.txt).
    Path dir = Pcaps.resourceDir("synthetic");
    Set<String> truth = Files.readAllLines(dir.resolve("gen-stratum.truth.txt")).stream()
        .filter(l -> !l.isBlank()).collect(Collectors.toSet());
    assertThat(truth).isNotEmpty();

    List<Event> s = sessions(Pcaps.read(dir.resolve("gen-stratum.pcap")));

    assertThat(s.stream().map(e -> e.get("SourceIp") + " " + e.get("DestinationIp") + " "
        + e.get("DestinationPort")).toList()).containsExactlyInAnyOrderElementsOf(truth);
    Set<Object> protocols = new HashSet<>();
    s.forEach(e -> protocols.add(e.get("Protocol")));
    assertThat(protocols).containsExactlyInAnyOrder("stratum", "stratum-xmr");
  }

  @Test
  void parse_tooManyFlowsEvictsTheOldestAndStillReportsIt() {
    Limits small = new Limits(4, 65_536, 32_768, 16_384, 16, 64L << 20);
    List<Captures.Rec> recs = new ArrayList<>();
    // A mining session is opened, then 50 other flows push it out of a 4-flow table before the
    // pool replies; its event still comes, from the eviction.
    Captures.Conversation miner = new Captures.Conversation("10.2.0.1", 40100, "203.0.113.1", 5555)
        .handshake().client(XMRIG_LOGIN);
    recs.addAll(miner.recs);
    for (int i = 0; i < 50; i++) {
      Captures.Conversation other = new Captures.Conversation("10.2.1." + (i + 1), 40200,
          "198.51.100.20", 80).handshake().client("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
      recs.addAll(other.recs);
    }
    CollectingSink sink = Pcaps.parse(new PcapFormat(small),
        Captures.classic(Captures.ETHERNET, true, false, recs));
    assertThat(sink.category("stratum")).hasSize(1);
  }

  private static String post(String body, String agent, String authorization) {
    return "POST / HTTP/1.1\r\nHost: node\r\nUser-Agent: " + agent + "\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  private static byte[] slice(byte[] b, int from, int to) {
    byte[] r = new byte[to - from];
    System.arraycopy(b, from, r, 0, r.length);
    return r;
  }
}
