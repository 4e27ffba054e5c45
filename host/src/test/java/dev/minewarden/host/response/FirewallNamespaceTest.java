package dev.minewarden.host.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.core.rules.RuleInfo;
import dev.minewarden.core.rules.Severity;
import dev.minewarden.host.HostEvents;
import dev.minewarden.host.HostRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The firewall actions for real, inside two network namespaces the test creates (never the host's
 * own tables): a blocked pool address refuses connections until undo, for nftables and for
 * iptables with ipset; a banned source is dropped until undo. Skipped unless root with the tools
 * that scripts/setup installs.
 */
@EnabledOnOs(OS.LINUX)
class FirewallNamespaceTest {
  private static final RuleInfo BRUTE_FORCE = new RuleInfo("test-ssh-brute-force", null, "SSH brute force",
      Severity.HIGH, List.of("attack.credential-access", "attack.t1110.001"), List.of(), null);

  @TempDir Path tmp;
  private NetnsPair net;
  private String hostTablesBefore;

  @BeforeEach
  void setUp() throws Exception {
    NetnsPair.assumeCapable();
    hostTablesBefore = NetnsPair.run(List.of("nft", "list", "tables")).output();
    net = NetnsPair.create();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (net != null) {
      net.close();
      assertThat(NetnsPair.run(List.of("nft", "list", "tables")).output())
          .as("the host's own tables are untouched").isEqualTo(hostTablesBefore);
      assertThat(NetnsPair.run(List.of("ip", "netns", "list")).output()).doesNotContain(net.a, net.b);
    }
  }

  private Responder responder(String netns, String egressMethod) {
    ResponsePolicy policy = ResponsePolicy.parse(String.join("\n",
        "mode: apply",
        "netns: " + netns,
        "rules:",
        "  - name: pools",
        "    match: {rules: [mw-host-pool-connection]}",
        "    actions: [block-egress]",
        "  - name: brute-force",
        "    match: {tags: [attack.t1110.001]}",
        "    actions: [ban-source]",
        "egress: {method: " + egressMethod + ", hostsSinkhole: true}",
        "ban: {method: builtin, durations: [10m, 1h]}", ""), "test policy");
    return Responder.builder().root(tmp.resolve("root")).dir(tmp.resolve("state")).policy(policy).build();
  }

  private Alert poolAlert() {
    Event e = Event.builder(HostEvents.NETWORK).time(System.currentTimeMillis()).field("DestinationIp", net.addrB)
        .field("DestinationPort", (long) NetnsPair.PORT).field("DestinationHostname", "pool.minexmr.example")
        .build();
    return new Alert(HostRules.POOL_CONNECTION, e, List.of(), 1, Map.of("destination.ip", net.addrB));
  }

  @Test
  void blockEgress_nftRejectsPoolAndUndoLetsItThrough() throws Exception {
    assertThat(net.connects()).as("connects before the block").isTrue();
    Responder r = responder(net.a, "nft");

    Responder.Response resp = r.respond(List.of(poolAlert()));

    assertThat(resp.results()).singleElement().satisfies(x -> assertThat(x.outcome()).as(x.message()).isEqualTo("success"));
    assertThat(net.connects()).as("connects while blocked").isFalse();
    assertThat(net.ruleset(net.a)).contains("table inet minewarden", net.addrB);
    assertThat(net.ruleset(net.b)).doesNotContain("minewarden");
    assertThat(Files.readString(tmp.resolve("root/etc/hosts"))).contains("0.0.0.0 pool.minexmr.example");
    assertThat(Files.readString(tmp.resolve("state/pool-block.rpz")))
        .contains("pool.minexmr.example CNAME .", "*.pool.minexmr.example CNAME .", "32.2." + net.addrA.split("\\.")[2] + ".200.10.rpz-ip CNAME .");

    List<String> undone = new Undo(r.audit()).undo(resp.results().get(0).step().id());

    assertThat(undone).singleElement().asString().contains("unblocked " + net.addrB);
    assertThat(net.connects()).as("connects after undo").isTrue();
    assertThat(Files.readString(tmp.resolve("root/etc/hosts"))).doesNotContain("pool.minexmr.example");
    assertThat(Files.readString(tmp.resolve("state/pool-block.rpz"))).doesNotContain("pool.minexmr.example");
  }

  @Test
  void blockEgress_iptablesWithIpsetRejectsPoolAndUndoLetsItThrough() throws Exception {
    assumeTrue(CommandRunner.onPath("iptables") && CommandRunner.onPath("ipset"),
        "needs iptables and ipset: run scripts/setup as root");
    Responder r = responder(net.a, "iptables");

    Responder.Response resp = r.respond(List.of(poolAlert()));

    assertThat(resp.results().get(0).outcome()).as(resp.results().get(0).message()).isEqualTo("success");
    assertThat(net.connects()).as("connects while blocked").isFalse();
    assertThat(NetnsPair.run(List.of("ip", "netns", "exec", net.a, "ipset", "list", "minewarden-pool4")).output())
        .contains(net.addrB);
    new Undo(r.audit()).undo(resp.plan().runId());
    assertThat(net.connects()).as("connects after undo").isTrue();
  }

  @Test
  void banSource_dropsBruteForcerProgressivelyAndUndoLiftsIt() throws Exception {
    Responder r = responder(net.b, "nft");
    Event e = Event.builder(LogSource.of("linux", null, "sshd")).time(System.currentTimeMillis())
        .field("SourceIp", net.addrA).build();
    Alert brute = new Alert(BRUTE_FORCE, e, List.of(), 5, Map.of());

    Responder.Response first = r.respond(List.of(brute));

    assertThat(first.results().get(0).outcome()).as(first.results().get(0).message()).isEqualTo("success");
    assertThat(first.results().get(0).step().detail()).containsEntry("seconds", 600L);
    assertThat(net.connects()).as("the banned source gets through").isFalse();
    assertThat(net.ruleset(net.b)).contains(net.addrA, "timeout");
    Responder.Response second = r.respond(List.of(brute));
    assertThat(second.results().get(0).step().detail()).as("second ban is longer").containsEntry("seconds", 3600L);

    new Undo(r.audit()).undo(second.plan().runId());
    new Undo(r.audit()).undo(first.plan().runId());

    assertThat(net.connects()).as("connects after undo").isTrue();
    assertThat(r.audit().verify().ok()).isTrue();
  }
}
