package dev.minewarden.posture;

import dev.minewarden.posture.check.Assessor;
import dev.minewarden.posture.cve.CveTable;
import dev.minewarden.posture.input.InputReader;
import dev.minewarden.posture.local.LocalCollector;
import dev.minewarden.posture.model.Estate;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The posture module's entry point: collects inputs (files, folders, bytes, the local host),
 * checks them and returns an {@link Assessment}.
 *
 * <pre>{@code
 * Assessment a = PostureScan.builder().path(Path.of("exports/")).local(Path.of("/")).build().run();
 * }</pre>
 *
 * A scan object is single-use and not thread-safe; build one per run.
 */
public final class PostureScan {
  private final List<Path> paths;
  private final List<Named> sources;
  private final Path localRoot;
  private final CveTable table;
  private final Clock clock;

  private record Named(String name, byte[] content) {}

  private PostureScan(Builder b) {
    this.paths = List.copyOf(b.paths);
    this.sources = List.copyOf(b.sources);
    this.localRoot = b.localRoot;
    this.table = b.table;
    this.clock = b.clock;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Reads every input, runs the local collector if asked, and assesses the result. */
  public Assessment run() {
    Estate estate = collect();
    return new Assessor(table == null ? CveTable.bundled() : table).assess(estate, clock.instant());
  }

  /** Reads the inputs into an estate without assessing it (for tests and benchmarks). */
  public Estate collect() {
    Estate estate = new Estate();
    InputReader reader = new InputReader(estate);
    paths.forEach(reader::read);
    sources.forEach(s -> reader.read(s.name(), s.content(), true));
    if (localRoot != null) {
      new LocalCollector(localRoot).collect(estate);
    }
    return estate;
  }

  /** Builds a {@link PostureScan}. */
  public static final class Builder {
    private final List<Path> paths = new ArrayList<>();
    private final List<Named> sources = new ArrayList<>();
    private Path localRoot;
    private CveTable table;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Adds a file or folder of inputs (AWS CLI JSON, Terraform plan JSON, manifests, configs). */
    public Builder path(Path p) {
      paths.add(Objects.requireNonNull(p, "path"));
      return this;
    }

    /** Adds an input held in memory, reported under {@code name}. */
    public Builder source(String name, byte[] content) {
      sources.add(new Named(Objects.requireNonNull(name, "name"), content.clone()));
      return this;
    }

    /** Also assesses the local host, reading every host path under {@code root} ({@code /} normally). */
    public Builder local(Path root) {
      this.localRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /** Uses another CVE table than the bundled one. */
    public Builder cveTable(CveTable t) {
      this.table = Objects.requireNonNull(t, "table");
      return this;
    }

    /** Uses another clock for the assessment time. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** The scan. */
    public PostureScan build() {
      return new PostureScan(this);
    }
  }
}
