package dev.minewarden.posture.cve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bundled, dated table of CVEs that mining gangs exploit, joined with the subset of CISA's
 * Known Exploited Vulnerabilities catalog that it needs. Immutable and thread-safe.
 */
public final class CveTable {
  private static final String BASE = "/dev/minewarden/posture/";
  private static volatile CveTable bundled;

  private final String tableDate;
  private final String kevVersion;
  private final List<CveEntry> entries;
  private final Map<String, String> kevDateAdded;
  private final Map<String, String> productByPackage;
  private final Map<String, String> productByImage;

  private CveTable(
      String tableDate,
      String kevVersion,
      List<CveEntry> entries,
      Map<String, String> kevDateAdded,
      Map<String, String> productByPackage,
      Map<String, String> productByImage) {
    this.tableDate = tableDate;
    this.kevVersion = kevVersion;
    this.entries = List.copyOf(entries);
    this.kevDateAdded = Map.copyOf(kevDateAdded);
    this.productByPackage = Map.copyOf(productByPackage);
    this.productByImage = Map.copyOf(productByImage);
  }

  /** The table shipped in the jar ({@code cves.json} and {@code kev-subset.json}). */
  public static CveTable bundled() {
    CveTable t = bundled;
    if (t == null) {
      try (InputStream table = CveTable.class.getResourceAsStream(BASE + "cves.json");
          InputStream kev = CveTable.class.getResourceAsStream(BASE + "kev-subset.json")) {
        t = load(table, kev);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bundled CVE table", e);
      }
      bundled = t;
    }
    return t;
  }

  /**
   * Reads a table and a KEV catalog (the full catalog or a subset, same format).
   *
   * @throws IOException when either is not valid JSON
   */
  public static CveTable load(InputStream table, InputStream kevCatalog) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode t = json.readTree(table);
    JsonNode k = json.readTree(kevCatalog);
    Map<String, String> kev = new HashMap<>();
    for (JsonNode v : k.path("vulnerabilities")) {
      kev.put(v.path("cveID").asText(), v.path("dateAdded").asText());
    }
    Map<String, String> byPackage = new HashMap<>();
    Map<String, String> byImage = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    t.path("products").properties().forEach(p -> {
      names.put(p.getKey(), p.getValue().path("name").asText(p.getKey()));
      p.getValue().path("packages").forEach(n -> byPackage.put(n.asText(), p.getKey()));
      p.getValue().path("images").forEach(n -> byImage.put(n.asText(), p.getKey()));
    });
    List<CveEntry> entries = new ArrayList<>();
    for (JsonNode e : t.path("entries")) {
      String product = e.path("product").asText();
      entries.add(new CveEntry(
          e.path("cve").asText(), product, names.getOrDefault(product, product),
          e.path("title").asText(), e.path("remote").asBoolean(true), ranges(e.get("affected")),
          e.has("deb") ? ranges(e.get("deb")) : null, e.has("rpm") ? ranges(e.get("rpm")) : null,
          e.path("fix").asText(), strings(e.path("gangs")), e.path("attribution").asText()));
    }
    return new CveTable(t.path("tableDate").asText(), k.path("catalogVersion").asText(),
        entries, kev, byPackage, byImage);
  }

  /** The date the table was last checked, {@code yyyy-mm-dd}. */
  public String tableDate() {
    return tableDate;
  }

  /** The KEV catalog version the flags come from. */
  public String kevCatalogVersion() {
    return kevVersion;
  }

  /** Every entry, in table order. */
  public List<CveEntry> entries() {
    return entries;
  }

  /** Whether CISA's KEV catalog lists the CVE. */
  public boolean knownExploited(String cve) {
    return kevDateAdded.containsKey(cve);
  }

  /** The date KEV added the CVE, or {@code ""}. */
  public String kevDateAdded(String cve) {
    return kevDateAdded.getOrDefault(cve, "");
  }

  /**
   * The product key a package or image belongs to, or {@code null}.
   *
   * @param name a package name or an image repository (registry and {@code library/} allowed)
   * @param ecosystem {@code deb}, {@code rpm} or {@code image}
   */
  public String productOf(String name, String ecosystem) {
    if (ecosystem.equals("image")) {
      return productByImage.get(normaliseImage(name));
    }
    return productByPackage.get(name.toLowerCase(Locale.ROOT));
  }

  /** The entries that affect {@code version} of the package or image {@code name}. */
  public List<CveEntry> affecting(String name, String version, String ecosystem) {
    String product = productOf(name, ecosystem);
    if (product == null) {
      return List.of();
    }
    return entries.stream()
        .filter(e -> e.product().equals(product) && e.affects(version, ecosystem))
        .toList();
  }

  /** Lower-cases an image repository and drops {@code docker.io/} and {@code library/}. */
  static String normaliseImage(String repo) {
    String r = repo.toLowerCase(Locale.ROOT);
    for (String prefix : List.of("docker.io/", "index.docker.io/", "registry-1.docker.io/")) {
      if (r.startsWith(prefix)) {
        r = r.substring(prefix.length());
      }
    }
    return r.startsWith("library/") ? r.substring("library/".length()) : r;
  }

  private static List<CveEntry.Range> ranges(JsonNode n) {
    List<CveEntry.Range> out = new ArrayList<>();
    if (n != null) {
      n.forEach(r -> out.add(new CveEntry.Range(r.path("from").asText("0"), r.path("fixed").asText())));
    }
    return out;
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(s -> out.add(s.asText()));
    return out;
  }
}
