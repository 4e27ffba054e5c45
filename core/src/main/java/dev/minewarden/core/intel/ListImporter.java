package dev.minewarden.core.intel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads plain indicator lists: one value per line (domain, IP address, CIDR network, URL or
 * hash, recognised per line), {@code #} comments and blank lines ignored, hosts-file lines
 * ({@code 0.0.0.0 name}) read as their name. Every line left out is reported with its number.
 * Thread-safe.
 */
public final class ListImporter {
  private ListImporter() {}

  /**
   * Reads a list.
   *
   * @param in the text
   * @param actor the group the list points to, or {@code null} for commodity (pools)
   * @param kind the kind given to every entry ({@code pool}, {@code c2}, ...)
   * @param sourceKey the source key given to every entry
   */
  public static ImportReport read(Reader in, String actor, String kind, String sourceKey) throws IOException {
    List<Indicator> out = new ArrayList<>();
    List<ImportReport.Skipped> skipped = new ArrayList<>();
    BufferedReader r = new BufferedReader(in);
    String line;
    long n = 0;
    while ((line = r.readLine()) != null) {
      n++;
      String v = line.strip();
      int hash = v.indexOf(" #");
      if (hash >= 0) {
        v = v.substring(0, hash).strip();
      }
      if (v.isEmpty() || v.startsWith("#") || v.startsWith("!")) {
        continue;
      }
      String[] parts = v.split("\\s+");
      if (parts.length == 2 && (parts[0].equals("0.0.0.0") || parts[0].equals("127.0.0.1"))) {
        v = parts[1];
      } else if (parts.length > 1) {
        skipped.add(new ImportReport.Skipped("line " + n, excerpt(v), "more than one value on the line", true));
        continue;
      }
      try {
        IndicatorType t = Indicators.guess(v);
        out.add(new Indicator(t, Indicators.normalise(t, v), actor, kind, "", List.of(sourceKey),
            Indicator.UNBOUNDED_START, Indicator.UNBOUNDED_END));
      } catch (IllegalArgumentException e) {
        skipped.add(new ImportReport.Skipped("line " + n, excerpt(v), e.getMessage(), true));
      }
    }
    return new ImportReport(out, List.of(), skipped);
  }

  private static String excerpt(String s) {
    return s.length() > 80 ? s.substring(0, 79) + "…" : s;
  }
}
