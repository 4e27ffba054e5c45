package dev.minewarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.cli.hunt.Hunt;
import dev.minewarden.cli.hunt.HuntStats;
import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.Formats;
import dev.minewarden.ingest.InputFile;
import dev.minewarden.ingest.LogFormat;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The passive-DNS pre-pass reads only inputs whose format can hold DNS answers. */
class HuntOnlyFormatsTest {
  @Test
  void onlyFilesOfFormatsThatMayHoldDnsAnswersAreRead() throws Exception {
    List<InputFile> inputs = List.of(
        InputFile.of(CliRun.repo().resolve("examples/web-1/auth.log")),
        InputFile.of(CliRun.repo().resolve("examples/cloud/vpc-flow.log")),
        InputFile.of(CliRun.repo().resolve("examples/network/dns.log")));
    for (int threads : new int[] {1, 2}) {
      ConcurrentLinkedQueue<Event> all = new ConcurrentLinkedQueue<>();
      hunt(threads).run(inputs, all::add);
      ConcurrentLinkedQueue<Event> dnsOnly = new ConcurrentLinkedQueue<>();
      hunt(threads).onlyFormats(LogFormat::mayCarryDnsAnswers).run(inputs, dnsOnly::add);

      assertThat(all).extracting(Event::sourcePath).anyMatch(p -> p.endsWith("auth.log"))
          .anyMatch(p -> p.endsWith("vpc-flow.log")).anyMatch(p -> p.endsWith("dns.log"));
      assertThat(dnsOnly).isNotEmpty().allMatch(e -> e.sourcePath().endsWith("dns.log"));
      assertThat(dnsOnly).anyMatch(e -> e.get("answer") != null);
      assertThat(dnsOnly).hasSize((int) all.stream().filter(e -> e.sourcePath().endsWith("dns.log")).count());
    }
  }

  private static Hunt hunt(int threads) {
    return new Hunt(Formats.builtin(), null, 2026, ZoneOffset.UTC, threads, new HuntStats());
  }
}
