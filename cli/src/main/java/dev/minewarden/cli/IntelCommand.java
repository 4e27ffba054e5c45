package dev.minewarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minewarden.cli.hunt.IntelStores;
import dev.minewarden.core.intel.Ageing;
import dev.minewarden.core.intel.ImportReport;
import dev.minewarden.core.intel.Indicator;
import dev.minewarden.core.intel.IntelStore;
import dev.minewarden.core.intel.ListImporter;
import dev.minewarden.core.intel.StixExporter;
import dev.minewarden.core.intel.StixImporter;
import dev.minewarden.core.text.Sanitize;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minewarden intel}: lists, looks up, imports and exports the intel set. */
@Command(
    name = "intel",
    mixinStandardHelpOptions = true,
    description = {
      "Shows, imports and exports the intel set (pool lists, actor profiles, STIX bundles).",
      "",
      "Shows and manages the intel Minewarden enriches events with: the bundled mining-pool",
      "lists and actor profiles, plus STIX 2.1 bundles and plain lists imported into the intel",
      "folder ($MINEWARDEN_HOME/intel or ~/.minewarden/intel; --intel-dir to choose)."
    },
    subcommands = {
      IntelCommand.ListCmd.class, IntelCommand.Lookup.class, IntelCommand.Stats.class,
      IntelCommand.ImportCmd.class, IntelCommand.Export.class
    })
final class IntelCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Options every intel subcommand shares. */
  abstract static class Base implements Callable<Integer> {
    @Option(names = "--intel-dir", paramLabel = "DIR", description = "Folder of imported intel.")
    Path intelDir;

    final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    IntelStore store() throws IOException {
      return IntelStores.load(intelDir, System.err);
    }

    static String row(Indicator i) {
      return String.format(Locale.ROOT, "%-8s %-44s %-13s %-14s %s", i.type().id(),
          Sanitize.forTerminal(i.value(), 44), Sanitize.forTerminal(i.actor() == null ? "-" : i.actor(), 13),
          Sanitize.forTerminal(i.kind(), 14), Sanitize.forTerminal(String.join(",", i.sources()), 60));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists indicators.")
  static final class ListCmd extends Base {
    @Option(names = "--actor", paramLabel = "NAME", description = "Only this group's indicators.")
    String actor;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only this type (domain, ip, cidr, hash, ...).")
    String type;

    @Override
    public Integer call() throws IOException {
      IntelStore s = store();
      String canonical = actor == null ? null : s.actor(actor).map(a -> a.name()).orElse(actor);
      int n = 0;
      for (Indicator i : s.indicators()) {
        if ((canonical == null || canonical.equals(i.actor()))
            && (type == null || i.type().id().equalsIgnoreCase(type))) {
          out.println(row(i));
          n++;
        }
      }
      System.err.println(n + " indicator(s); intel " + s.version());
      return 0;
    }
  }

  @Command(name = "lookup", mixinStandardHelpOptions = true,
      description = "Says what the intel knows of a value (domain, address, hash, name, command line).")
  static final class Lookup extends Base {
    @Parameters(paramLabel = "VALUE") String value;

    @Option(names = "--at", paramLabel = "TIME",
        description = "Only indicators current at this ISO-8601 time (default: any time).")
    Instant at;

    @Override
    public Integer call() throws IOException {
      IntelStore s = store();
      List<Indicator> hits = s.matcher(Ageing.defaults()).lookup(value, at == null ? Long.MIN_VALUE : at.toEpochMilli());
      if (hits.isEmpty()) {
        out.println("not known: " + Sanitize.forTerminal(value, 200));
        return 1;
      }
      for (Indicator i : hits) {
        out.println(row(i));
        if (!i.note().isEmpty()) {
          out.println("         " + Sanitize.forTerminal(i.note(), 300));
        }
      }
      return 0;
    }
  }

  @Command(name = "stats", mixinStandardHelpOptions = true, description = "Counts indicators by type and group.")
  static final class Stats extends Base {
    @Override
    public Integer call() throws IOException {
      IntelStore s = store();
      out.println("intel " + s.version() + ": " + s.indicators().size() + " indicators, "
          + s.actors().size() + " groups, " + s.poolPorts().size() + " pool ports, "
          + s.sources().size() + " sources");
      for (Map.Entry<String, Map<String, Integer>> e : s.stats().entrySet()) {
        out.println("by " + e.getKey() + ":");
        e.getValue().forEach((k, v) -> out.printf(Locale.ROOT, "  %-28s %6d%n", Sanitize.forTerminal(k, 28), v));
      }
      out.println("sources:");
      s.sources().values().stream().sorted((a, b) -> a.key().compareTo(b.key())).forEach(src ->
          out.printf(Locale.ROOT, "  %-20s %-12s %s%n", Sanitize.forTerminal(src.key(), 20),
              Sanitize.forTerminal(src.licence(), 12), Sanitize.forTerminal(src.attribution(), 200)));
      out.println(s.problems().size() + " bundled entries left out (see: minewarden intel stats --problems)");
      if (problems) {
        s.problems().forEach(p -> out.println("  " + Sanitize.forTerminal(p, 300)));
      }
      return 0;
    }

    @Option(names = "--problems", description = "List the entries left out and why.")
    boolean problems;
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Imports a STIX 2.1 bundle (.json) or a plain list (one value a line) into the intel folder.",
          "Every object or line left out is reported with the reason. Exit 3 when some were invalid."})
  static final class ImportCmd extends Base {
    @Parameters(paramLabel = "FILE") Path file;

    @Option(names = "--actor", paramLabel = "NAME", description = "For plain lists: the group the list points to.")
    String actor;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "imported",
        description = "For plain lists: pool, c2, payload... (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--dry-run", description = "Report what would be imported without storing it.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
      String key = "import:" + file.getFileName();
      ImportReport r;
      boolean stix = isJson(file);
      if (stix) {
        try (InputStream in = Files.newInputStream(file)) {
          r = new StixImporter().read(in, key);
        }
      } else {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          String canonical = actor == null ? null : IntelStore.bundled().actor(actor).map(a -> a.name()).orElse(actor);
          r = ListImporter.read(in, canonical, kind, key);
        }
      }
      r.skipped().forEach(s -> System.err.println("minewarden: " + Sanitize.forTerminal(s.toString(), 400)));
      out.println("read " + r.indicators().size() + " indicator(s) and " + r.actors().size()
          + " group(s); " + r.skipped().size() + " left out (" + r.errors() + " invalid)");
      if (!dryRun && (!r.indicators().isEmpty() || !r.actors().isEmpty())) {
        Path dir = IntelStores.folder(intelDir);
        Files.createDirectories(dir);
        IntelStore.Builder b = IntelStore.builder();
        IntelStores.add(b, r, key);
        Path target = dir.resolve(safeName(file.getFileName().toString()) + ".stix.json");
        Files.write(target, new ObjectMapper().writerWithDefaultPrettyPrinter()
            .writeValueAsBytes(StixExporter.export(b.build(), Instant.now())));
        out.println("stored in " + Sanitize.forTerminal(target.toString()));
      }
      return r.errors() > 0 ? Cli.EXIT_PARTIAL : 0;
    }

    private static boolean isJson(Path f) throws IOException {
      try (InputStream in = Files.newInputStream(f)) {
        int c;
        while ((c = in.read()) >= 0) {
          if (!Character.isWhitespace(c)) {
            return c == '{' || c == '[';
          }
        }
      }
      return false;
    }

    private static String safeName(String s) {
      StringBuilder b = new StringBuilder();
      for (char c : s.toCharArray()) {
        b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
      }
      return b.toString();
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = "Exports the intel set.")
  static final class Export extends Base {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "stix",
        description = "Only stix (a STIX 2.1 bundle) for now.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout.")
    Path output;

    @Override
    public Integer call() throws IOException {
      if (!"stix".equalsIgnoreCase(format)) {
        throw new IllegalArgumentException("unknown --format '" + format + "'; expected stix");
      }
      byte[] json = new ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(StixExporter.export(store(), Instant.now()));
      if (output == null) {
        out.write(json);
        out.println();
      } else {
        Files.write(output, json);
      }
      return 0;
    }
  }
}
