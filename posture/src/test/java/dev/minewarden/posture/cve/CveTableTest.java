package dev.minewarden.posture.cve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CveTableTest {
  private final CveTable table = CveTable.bundled();

  @Test
  void bundled_everyEntryHasGangsRangesAndKnownProduct() {
    assertThat(table.entries()).hasSizeGreaterThanOrEqualTo(15);
    assertThat(table.tableDate()).isEqualTo("2026-11-27");
    assertThat(table.entries()).allSatisfy(e -> {
      assertThat(e.gangs()).isNotEmpty();
      assertThat(e.affected()).isNotEmpty();
      assertThat(e.attribution()).isIn("verified", "reported");
      assertThat(e.productName()).isNotEqualTo(e.product());
    });
    assertThat(table.entries()).extracting(CveEntry::product)
        .contains("weblogic", "confluence", "jenkins", "activemq", "solr");
  }

  /** The bundled KEV subset must say exactly what the full CISA catalog in shared/data says. */
  @Test
  void kevSubset_matchesFullCatalog() throws IOException {
    Path full = Path.of(System.getProperty("minewarden.repo", ".")).resolve("../shared/data/kev/known_exploited_vulnerabilities.json");
    JsonNode catalog = new ObjectMapper().readTree(Files.readAllBytes(full));
    Map<String, String> added = new HashMap<>();
    catalog.get("vulnerabilities").forEach(v -> added.put(v.get("cveID").asText(), v.get("dateAdded").asText()));
    for (CveEntry e : table.entries()) {
      assertThat(table.knownExploited(e.cve())).as(e.cve()).isEqualTo(added.containsKey(e.cve()));
      assertThat(table.kevDateAdded(e.cve())).as(e.cve()).isEqualTo(added.getOrDefault(e.cve(), ""));
    }
    assertThat(table.kevCatalogVersion()).isEqualTo(catalog.get("catalogVersion").asText());
  }

  @Test
  void affecting_packagesAndImages() {
    assertThat(table.affecting("jenkins", "2.150", "deb")).extracting(CveEntry::cve).containsExactly("CVE-2018-1000861");
    assertThat(table.affecting("jenkins", "2.164.1", "deb")).isEmpty();
    assertThat(table.affecting("docker.io/library/solr", "8.2.0", "image")).extracting(CveEntry::cve)
        .containsExactly("CVE-2019-17558");
    assertThat(table.affecting("apache/activemq-classic", "5.18.2", "image")).extracting(CveEntry::cve)
        .containsExactly("CVE-2023-46604");
    assertThat(table.affecting("apache/activemq-classic", "5.18.3", "image")).isEmpty();
    assertThat(table.affecting("liblog4j2-java", "2.11.1-2", "deb")).extracting(CveEntry::cve).containsExactly("CVE-2021-44228");
    assertThat(table.affecting("liblog4j2-java", "2.17.1-1~deb11u1", "deb")).isEmpty();
    assertThat(table.affecting("nginx", "1.0", "image")).isEmpty();
  }

  /** Ranges re-checked against the vendors' advisories (see the table's entries for the sources). */
  @Test
  void affecting_advisoryRangeEdges() {
    // Jenkins SECURITY-595: weekly fixed in 2.154, LTS in 2.138.4 and 2.150.1.
    assertThat(table.affecting("jenkins", "2.138.3", "deb")).extracting(CveEntry::cve).contains("CVE-2018-1000861");
    assertThat(table.affecting("jenkins", "2.150.1", "deb")).isEmpty();
    assertThat(table.affecting("jenkins", "2.153", "deb")).extracting(CveEntry::cve).contains("CVE-2018-1000861");
    // WebLogic CVE-2017-10271: 10.3.6.0, 12.1.3.0, 12.2.1.1 and 12.2.1.2; 12.2.1.3 is fixed.
    assertThat(table.affecting("oracle/weblogic", "12.2.1.2", "image")).extracting(CveEntry::cve)
        .contains("CVE-2017-10271", "CVE-2017-3506");
    assertThat(table.affecting("oracle/weblogic", "12.2.1.3", "image")).extracting(CveEntry::cve)
        .doesNotContain("CVE-2017-10271", "CVE-2017-3506").contains("CVE-2020-14882");
    assertThat(table.knownExploited("CVE-2017-10271")).isTrue();
    // Confluence CVE-2022-26134: every 7.5-7.12 release is affected (no fix in those lines).
    assertThat(table.affecting("atlassian/confluence", "7.12.5", "image")).extracting(CveEntry::cve)
        .containsExactly("CVE-2022-26134");
    assertThat(table.affecting("atlassian/confluence", "7.4.17", "image")).isEmpty();
    assertThat(table.affecting("atlassian/confluence", "8.5.4", "image")).isEmpty();
    // Log4Shell starts at 2.0-beta9; 2.12.2 and 2.3.1 are fixed releases of older lines.
    assertThat(table.affecting("liblog4j2-java", "2.12.2-1", "deb")).isEmpty();
    assertThat(table.affecting("liblog4j2-java", "2.14.1-1", "deb")).hasSize(1);
  }

  @Test
  void affecting_distributionBackportsAreRespected() {
    assertThat(table.affecting("libc6", "2.36-9+deb12u1", "deb")).extracting(CveEntry::cve).containsExactly("CVE-2023-4911");
    assertThat(table.affecting("libc6", "2.36-9+deb12u10", "deb")).isEmpty();
    assertThat(table.affecting("libc6", "2.35-0ubuntu3.1", "deb")).hasSize(1);
    assertThat(table.affecting("libc6", "2.31-13+deb11u5", "deb")).isEmpty();
    assertThat(table.affecting("glibc", "2.34-60.el9", "rpm")).isEmpty();
  }

  @Test
  void load_customTableFlagsOnlyListedCves() throws IOException {
    String t = """
        {"tableDate": "2020-01-01", "products": {"x": {"name": "X", "packages": ["x"], "images": []}},
         "entries": [{"cve": "CVE-1-1", "product": "x", "title": "t", "remote": true,
           "affected": [{"from": "1.0", "fixed": "2.0"}], "fix": "2.0", "gangs": ["8220"], "attribution": "reported"},
          {"cve": "CVE-1-2", "product": "x", "title": "t", "remote": true,
           "affected": [{"from": "1.0", "fixed": "1.5"}], "fix": "1.5", "gangs": ["8220"], "attribution": "reported"}]}
        """;
    String kev = "{\"catalogVersion\": \"x\", \"vulnerabilities\": [{\"cveID\": \"CVE-1-2\", \"dateAdded\": \"2021-01-01\"}]}";
    try (InputStream a = new java.io.ByteArrayInputStream(t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        InputStream b = new java.io.ByteArrayInputStream(kev.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      CveTable custom = CveTable.load(a, b);
      assertThat(custom.affecting("x", "1.7-1", "deb")).extracting(CveEntry::cve).containsExactly("CVE-1-1");
      assertThat(custom.knownExploited("CVE-1-1")).isFalse();
      assertThat(custom.knownExploited("CVE-1-2")).isTrue();
    }
  }
}
