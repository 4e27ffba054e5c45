package dev.minewarden.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.CollectingSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the format on the Zeek cryptomining package's traces and compares with the notices that
 * package's own regression test expects (its current baselines, read from the files).
 */
class PcapZeekBaselineTest {
  private static final Path ROOT = Pcaps.resourceDir("zeek-cryptomining/testing");

  /** Zeek's protocol names in its notices, and ours: Zeek names the CryptoNote dialect MinerGate. */
  private static final Map<String, String> PROTOCOLS = Map.of(
      "Stratum", MiningClassifier.STRATUM,
      "MinerGate", MiningClassifier.STRATUM_XMR,
      "getblocktemplate", MiningClassifier.GETBLOCKTEMPLATE,
      "getwork", MiningClassifier.GETWORK);

  private static final Pattern NOTICE = Pattern.compile(
      "NOTICE, \\[orig_h=([^,]+), orig_p=\\d+/tcp, resp_h=([^,]+), resp_p=(\\d+)/tcp\\], "
          + "Bitcoin::(Miner|Mining_Pool_Server), (?:Cryptominer at ([^,]+)|Cryptomining pool "
          + "server at ([^ ]+):(\\d+)/tcp), using (\\S+) protocol");

  /** A miner talking to a pool with a protocol. */
  record Pairing(String miner, String pool, long poolPort, String protocol) {
    Pairing withoutProtocol() {
      return new Pairing(miner, pool, poolPort, null);
    }
  }

  static Stream<String> baselineTests() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT.resolve("Baseline"))) {
      return dirs.map(d -> d.getFileName().toString())
          .filter(n -> n.startsWith("tests.")).map(n -> n.substring(6)).sorted().toList().stream();
    }
  }

  @Test
  void baselines_present() throws IOException {
    assertThat(baselineTests().toList()).as("baseline tests found").hasSizeGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("baselineTests")
  void parse_findsEveryBaselinePairingAndNoOtherMiner(String test) {
    Set<Pairing> expected = expected(test);
    assertThat(expected).as("notices in the baseline of " + test).isNotEmpty();

    CollectingSink sink = Pcaps.parse(Pcaps.read(
        ROOT.resolve("Traces").resolve(test + ".pcap")));

    Set<Pairing> found = sink.category("stratum").stream().map(PcapZeekBaselineTest::pairing)
        .collect(Collectors.toSet());
    assertThat(found).as("sessions found in " + test).containsAll(expected);
    Set<Pairing> allowed = expected.stream().map(Pairing::withoutProtocol)
        .collect(Collectors.toSet());
    assertThat(found.stream().map(Pairing::withoutProtocol))
        .as("nothing but the baseline's miners and pools").allMatch(allowed::contains);
    assertThat(sink.malformed).as("malformed reports on a clean trace").isEmpty();
  }

  @Test
  void parse_inProgressTraceFindsTheSessionWithItsSides() {
    // No baseline for this trace: it continues the bitcoin-mining capture's session with one of
    // the pools that capture's baseline names, joined after its start.
    Set<Pairing> known = expected("bitcoin-mining").stream().map(Pairing::withoutProtocol)
        .collect(Collectors.toSet());
    CollectingSink sink = Pcaps.parse(Pcaps.resource(
        "zeek-cryptomining/testing/Traces/bitcoin-mining-in-progress.pcap"));

    List<Event> sessions = sink.category("stratum");
    assertThat(sessions).hasSize(1);
    assertThat(known).contains(pairing(sessions.get(0)).withoutProtocol());
    assertThat(sessions.get(0).get("Protocol")).isEqualTo(MiningClassifier.STRATUM);
    assertThat(sink.malformed).isEmpty();
  }

  @Test
  void parse_browserMiningOverTlsIsNoSession() {
    // Coinhive's in-browser miner talks over TLS web sockets: nothing to read, nothing to claim.
    CollectingSink sink = Pcaps.parse(Pcaps.resource(
        "zeek-cryptomining/testing/Traces/coinhive.pcap"));
    assertThat(sink.category("stratum")).isEmpty();
    assertThat(sink.category("dns")).isNotEmpty();
    assertThat(sink.malformed).isEmpty();
  }

  private static Pairing pairing(Event e) {
    return new Pairing(e.getString("SourceIp"), e.getString("DestinationIp"),
        (Long) e.get("DestinationPort"), e.getString("Protocol"));
  }

  /** The pairings the current baseline of a test names. */
  static Set<Pairing> expected(String test) {
    Path file = currentBaseline(ROOT.resolve("Baseline").resolve("tests." + test));
    Set<Pairing> pairs = new HashSet<>();
    for (String line : lines(file)) {
      if (line.isBlank()) {
        continue;
      }
      Matcher m = NOTICE.matcher(line);
      assertThat(m.matches()).as("baseline line: " + line).isTrue();
      String orig = m.group(1);
      String resp = m.group(2);
      long respPort = Long.parseLong(m.group(3));
      String protocol = PROTOCOLS.get(m.group(8));
      assertThat(protocol).as("known Zeek protocol " + m.group(8)).isNotNull();
      if (m.group(4).equals("Miner")) {
        String miner = m.group(5);
        pairs.add(miner.equals(orig) ? new Pairing(miner, resp, respPort, protocol)
            : new Pairing(miner, orig, -1, protocol));
      } else {
        String pool = m.group(6);
        pairs.add(new Pairing(pool.equals(resp) ? orig : resp, pool, Long.parseLong(m.group(7)),
            protocol));
      }
    }
    return pairs;
  }

  /**
   * The baseline the package's test writes on a current Zeek: a versioned {@code N.N-out} (the
   * highest version) supersedes the plain {@code out}, which older Zeek versions write.
   */
  static Path currentBaseline(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      Optional<Path> best = files
          .filter(p -> p.getFileName().toString().matches("(\\d+(\\.\\d+)*-)?out"))
          .max(Comparator.comparing(PcapZeekBaselineTest::version, Arrays::compare));
      return best.orElseThrow(() -> new AssertionError("no baseline in " + dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] version(Path p) {
    String name = p.getFileName().toString();
    if (name.equals("out")) {
      return new int[0];
    }
    return Arrays.stream(name.substring(0, name.length() - 4).split("\\."))
        .mapToInt(Integer::parseInt).toArray();
  }

  private static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
