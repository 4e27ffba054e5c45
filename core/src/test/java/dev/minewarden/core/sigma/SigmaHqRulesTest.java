package dev.minewarden.core.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Loads every SigmaHQ rule copied into the test resources (see sigma/SOURCE.txt) and checks how
 * many load; refusals are printed with their reasons.
 */
class SigmaHqRulesTest {

  static Path resource(String name) {
    try {
      return Path.of(SigmaHqRulesTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static LoadResult loadReporting(String folder) {
    LoadResult r = new SigmaLoader().load(resource(folder));
    System.out.printf(
        "%s: %d rules, %d filters, %d correlations, %d refused%n",
        folder, r.rules().size(), r.filters().size(), r.correlations().size(), r.errors().size());
    r.errors().forEach(e -> System.out.println("  refused: " + e));
    return r;
  }

  private static double loadedRatio(LoadResult r) {
    int loaded = r.rules().size() + r.filters().size() + r.correlations().size();
    return (double) loaded / (loaded + r.errors().size());
  }

  @Test
  void load_linuxNetworkCloudAtLeast98Percent() {
    for (String folder : List.of("sigma/rules/linux", "sigma/rules/network", "sigma/rules/cloud")) {
      LoadResult r = loadReporting(folder);
      assertThat(r.rules()).as(folder).isNotEmpty();
      assertThat(loadedRatio(r)).as(folder + " loaded ratio").isGreaterThanOrEqualTo(0.98);
    }
  }

  @Test
  void load_windowsAndOtherRuleSets() {
    for (String folder :
        List.of(
            "sigma/rules/windows",
            "sigma/rules-emerging-threats",
            "sigma/rules-threat-hunting")) {
      LoadResult r = loadReporting(folder);
      assertThat(r.rules()).as(folder).isNotEmpty();
      assertThat(loadedRatio(r)).as(folder + " loaded ratio").isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void load_placeholderRuleRefusedWithoutValues() {
    LoadResult r = new SigmaLoader().load(resource("sigma/rules-placeholder"));
    assertThat(r.rules()).isEmpty();
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.path()).endsWith("aws_cloudtrail_console_login_success_from_susp_locations.yml");
      assertThat(e.id()).isEqualTo("313e72de-0c0d-4d65-8c95-87f4d546eceb");
      assertThat(e.message()).contains("%Legitimate_Countries%");
    });
  }

  @Test
  void load_placeholderRuleWithValues() {
    SigmaLoader loader =
        new SigmaLoader(
            Map.of(
                "Legitimate_Countries", List.of("DE", "FR"),
                "Legitimate_IP_Ranges", List.of("10.*")));
    LoadResult r = loader.load(resource("sigma/rules-placeholder"));
    assertThat(r.errors()).isEmpty();
    assertThat(r.rules()).hasSize(1);
  }
}
