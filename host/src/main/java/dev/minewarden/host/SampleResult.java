package dev.minewarden.host;

import dev.minewarden.core.alert.Alert;
import java.util.List;

/**
 * What one sample (or one scan) produced.
 *
 * @param snapshot what was read
 * @param alerts the sensor's own findings that are new in this sample (a finding that lasts is
 *     reported once, when it first appears)
 * @param eventsEmitted how many events went to the event consumer
 * @param blindSpots what the sensor could not see, as sentences (empty when it saw everything)
 */
public record SampleResult(HostSnapshot snapshot, List<Alert> alerts, int eventsEmitted, List<String> blindSpots) {
  /** Copies the lists. */
  public SampleResult {
    alerts = List.copyOf(alerts);
    blindSpots = List.copyOf(blindSpots);
  }
}
