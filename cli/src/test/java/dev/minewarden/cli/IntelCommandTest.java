package dev.minewarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntelCommandTest {
  @Test
  void import_listThenLookupFindsIt_andExportReimports(@TempDir Path tmp) throws Exception {
    Path list = tmp.resolve("c2.txt");
    Files.writeString(list, "# test C2\nc2.badminer-test.net\n203.0.113.77\nnot valid!\n", StandardCharsets.UTF_8);
    Path dir = tmp.resolve("intel");
    Out r = run("intel", "import", list.toString(), "--actor", "8220 Gang", "--kind", "c2", "--intel-dir", dir.toString());
    assertThat(r.code).isEqualTo(Cli.EXIT_PARTIAL);
    assertThat(r.err).contains("line 4");
    Out lookup = run("intel", "lookup", "x.c2.badminer-test.net", "--intel-dir", dir.toString());
    assertThat(lookup.code).isZero();
    assertThat(lookup.out).contains("c2.badminer-test.net", "8220");
    Path export = tmp.resolve("export.json");
    assertThat(run("intel", "export", "--format", "stix", "-o", export.toString(), "--intel-dir", dir.toString()).code).isZero();
    Out again = run("intel", "import", export.toString(), "--dry-run", "--intel-dir", dir.toString());
    assertThat(again.code).isZero();
    assertThat(again.err).doesNotContain("skipped", "error");
    Out stats = run("intel", "stats", "--intel-dir", dir.toString());
    assertThat(stats.out).contains("Kinsing", "DRL-1.1", "import:c2.txt");
  }

  @Test
  void hunt_enrichesWithImportedIntel_andNotWithNoIntel(@TempDir Path tmp) throws Exception {
    Path list = tmp.resolve("c2.txt");
    Files.writeString(list, "203.0.113.77\n", StandardCharsets.UTF_8);
    Path dir = tmp.resolve("intel");
    assertThat(run("intel", "import", list.toString(), "--actor", "8220 Gang", "--kind", "c2",
        "--intel-dir", dir.toString()).code).isZero();
    Path events = tmp.resolve("ev.ndjson");
    Files.writeString(events, "{\"logsource\":{\"product\":\"linux\",\"category\":\"process_creation\"},"
        + "\"Image\":\"/tmp/.x/xmrig\",\"CommandLine\":\"/tmp/.x/xmrig -o 203.0.113.77:3333\"}\n",
        StandardCharsets.UTF_8);

    Out hunt = run("hunt", "--quiet", "--format", "ndjson", "--intel-dir", dir.toString(), events.toString());
    assertThat(hunt.out).contains("\"ip:203.0.113.77\"", "\"actor\":[\"8220\"]");
    Out plain = run("hunt", "--quiet", "--format", "ndjson", "--no-intel", events.toString());
    assertThat(plain.out).isNotBlank().doesNotContain("ip:203.0.113.77");
  }

  @Test
  void lookup_unknownValueExitsOne(@TempDir Path tmp) throws Exception {
    assertThat(run("intel", "lookup", "www.example.com", "--intel-dir", tmp.toString()).code).isEqualTo(1);
  }

  record Out(int code, String out, String err) {}

  static Out run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Out(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
