package dev.minewarden.core.incident;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * On-demand CPU prices per vCPU-hour by cloud instance family, dated and per region, bundled in
 * {@code dev/minewarden/intel/prices.tsv} (from the knowledge base's price table). Immutable.
 */
public final class PriceTable {
  /** The default when nothing is known: general-purpose x86, USD per vCPU-hour. */
  public static final double DEFAULT_PER_VCPU_HOUR = 0.048;

  private static volatile PriceTable bundled;

  private final String date;
  private final double defaultPrice;
  private final Map<String, Price> families;

  private PriceTable(String date, double defaultPrice, Map<String, Price> families) {
    this.date = date;
    this.defaultPrice = defaultPrice;
    this.families = families;
  }

  /**
   * One family's price.
   *
   * @param cloud aws, gcp or azure
   * @param family the instance family ({@code m5}, {@code e2-standard}, {@code Dsv5})
   * @param perVcpuHour USD per vCPU-hour
   * @param region the region the price is for
   * @param date when the price was read
   * @param source where it was read
   */
  public record Price(String cloud, String family, double perVcpuHour, String region, String date,
      String source) {}

  /** The bundled table. */
  public static PriceTable bundled() {
    PriceTable t = bundled;
    if (t == null) {
      t = load();
      bundled = t;
    }
    return t;
  }

  /** The table's date (the newest price in it). */
  public String date() {
    return date;
  }

  /** The default price per vCPU-hour. */
  public double defaultPrice() {
    return defaultPrice;
  }

  /** Every family's price, by lower-case family. */
  public Map<String, Price> families() {
    return families;
  }

  /**
   * The price of an instance type ({@code m5.large}, {@code e2-standard-2}, {@code
   * Standard_D2s_v5}), if its family is in the table.
   */
  public Optional<Price> forInstanceType(String type) {
    if (type == null || type.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(families.get(family(type.trim()).toLowerCase(Locale.ROOT)));
  }

  /** The family of an instance type: {@code m5.large} → {@code m5}, {@code Standard_D2s_v5} → {@code Dsv5}. */
  static String family(String raw) {
    String type = raw.length() > 64 ? raw.substring(0, 64) : raw;
    if (type.contains(".")) {
      return type.substring(0, type.indexOf('.'));
    }
    if (type.startsWith("Standard_") || type.matches("[A-Z][0-9]+[a-z]*(_v[0-9]+)?")) {
      String t = type.startsWith("Standard_") ? type.substring(9) : type;
      return t.replaceAll("[0-9]+(?=[a-z]*(_|$))", "").replace("_", "");
    }
    int dash = type.lastIndexOf('-');
    return dash > 0 && type.substring(dash + 1).chars().allMatch(Character::isDigit)
        ? type.substring(0, dash) : type;
  }

  private static PriceTable load() {
    String date = "";
    double def = DEFAULT_PER_VCPU_HOUR;
    Map<String, Price> fam = new LinkedHashMap<>();
    try (InputStream in = PriceTable.class.getResourceAsStream("/dev/minewarden/intel/prices.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] c = line.split("\t");
        if (line.startsWith("# date")) {
          date = c[1].trim();
        } else if (line.startsWith("# default")) {
          def = Double.parseDouble(c[1].trim());
        } else if (!line.startsWith("#") && c.length >= 6) {
          fam.put(c[1].toLowerCase(Locale.ROOT),
              new Price(c[0], c[1], Double.parseDouble(c[2]), c[3], c[4], c[5]));
        }
      }
    } catch (IOException | NullPointerException e) {
      throw new UncheckedIOException(new IOException("bundled price table unreadable", e));
    }
    return new PriceTable(date, def, Map.copyOf(fam));
  }
}
