package dev.minewarden.cli.hunt;

import dev.minewarden.core.intel.ActorProfile;
import dev.minewarden.core.intel.ImportReport;
import dev.minewarden.core.intel.Indicator;
import dev.minewarden.core.intel.IntelSource;
import dev.minewarden.core.intel.IntelStore;
import dev.minewarden.core.intel.StixImporter;
import dev.minewarden.core.text.Sanitize;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The intel a command uses: the bundled set plus the STIX bundles imported into the intel folder. */
public final class IntelStores {
  private IntelStores() {}

  /** The intel folder: the given one, else {@code $MINEWARDEN_HOME/intel}, else {@code ~/.minewarden/intel}. */
  public static Path folder(Path given) {
    if (given != null) {
      return given;
    }
    String home = System.getenv("MINEWARDEN_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home, "intel");
    }
    return Path.of(System.getProperty("user.home"), ".minewarden", "intel");
  }

  /** The bundled set plus every {@code *.json} bundle in the intel folder (a missing folder is fine). */
  public static IntelStore load(Path given, PrintStream err) throws IOException {
    Path dir = folder(given);
    IntelStore bundled = IntelStore.bundled();
    if (!Files.isDirectory(dir)) {
      return bundled;
    }
    IntelStore.Builder b = bundled.toBuilder();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    StixImporter importer = new StixImporter();
    for (Path f : files) {
      String key = "import:" + f.getFileName();
      try (InputStream in = Files.newInputStream(f)) {
        ImportReport r = importer.read(in, key);
        add(b, r, key);
      } catch (IOException e) {
        err.println("minewarden: intel " + Sanitize.forTerminal(f.toString()) + " skipped: "
            + Sanitize.forTerminal(e.getMessage(), 300));
      }
    }
    return b.build();
  }

  /** Adds an import's actors and indicators to a builder. */
  public static void add(IntelStore.Builder b, ImportReport r, String sourceKey) {
    b.addSource(new IntelSource(sourceKey, "unknown", "imported from " + sourceKey));
    for (ActorProfile a : r.actors()) {
      b.addActor(a);
    }
    for (Indicator i : r.indicators()) {
      b.add(i);
    }
  }
}
