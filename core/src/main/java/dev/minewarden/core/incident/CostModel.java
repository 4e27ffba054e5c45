package dev.minewarden.core.incident;

/**
 * How hijacked CPU is turned into money. A miner takes the CPU its host did not use: with a
 * normal utilisation of {@code baseline} (13% in Trend Micro's measurement, which went to 100%
 * under XMRig), each hour a miner holds the host costs {@code vcpus × (1 − baseline)} vCPU-hours
 * at {@code pricePerVcpuHour}; the increase in percent compares that with what the host's normal
 * use costs over the same span.
 *
 * @param vcpus the host's vCPUs (default 2)
 * @param pricePerVcpuHour USD per vCPU-hour
 * @param baseline normal CPU utilisation, 0..1 (default 0.13)
 * @param priceSource where the price came from (the table's family and date, or "override")
 */
public record CostModel(double vcpus, double pricePerVcpuHour, double baseline, String priceSource) {
  /** Default vCPUs of a host whose type is unknown. */
  public static final double DEFAULT_VCPUS = 2;
  /** Default normal utilisation (Trend Micro: 13% before the miner). */
  public static final double DEFAULT_BASELINE = 0.13;

  /** Checks the ranges. */
  public CostModel {
    if (vcpus <= 0 || pricePerVcpuHour < 0 || baseline <= 0 || baseline >= 1) {
      throw new IllegalArgumentException(
          "vcpus must be > 0, price >= 0 and baseline utilisation between 0 and 1 exclusive");
    }
  }

  /** The defaults: 2 vCPUs at the table's default price, 13% normal use. */
  public static CostModel defaults() {
    PriceTable t = PriceTable.bundled();
    return new CostModel(DEFAULT_VCPUS, t.defaultPrice(), DEFAULT_BASELINE,
        "default general-purpose price, table of " + t.date());
  }

  /** The model for an instance type from the bundled table, else the defaults' price. */
  public static CostModel forInstanceType(String type, double vcpus) {
    PriceTable t = PriceTable.bundled();
    return t.forInstanceType(type)
        .map(p -> new CostModel(vcpus, p.perVcpuHour(), DEFAULT_BASELINE,
            p.cloud() + " " + p.family() + " " + p.region() + ", " + p.date()))
        .orElse(new CostModel(vcpus, t.defaultPrice(), DEFAULT_BASELINE,
            "default general-purpose price (" + type + " not in the table of " + t.date() + ")"));
  }

  /** vCPU-hours a miner takes over {@code hours} of holding the host. */
  public double cpuHours(double hours) {
    return hours * vcpus * (1 - baseline);
  }

  /** The USD cost of {@code cpuHours}. */
  public double usd(double cpuHours) {
    return cpuHours * pricePerVcpuHour;
  }

  /** The USD cost of the host's normal use over {@code hours}. */
  public double baselineUsd(double hours) {
    return hours * vcpus * baseline * pricePerVcpuHour;
  }
}
