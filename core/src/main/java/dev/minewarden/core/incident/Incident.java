package dev.minewarden.core.incident;

import dev.minewarden.core.intel.Confidence;
import dev.minewarden.core.rules.Severity;
import java.util.List;

/**
 * The alerts of one host tied into one story: the kill chain they cover, who was on the host and
 * when, who evicted whom, and what the stolen CPU cost.
 *
 * @param id a stable id (from the host and the first alert)
 * @param host the host name, instance id or address
 * @param hostInferred how the host was found when alerts did not name it ({@code null} when they did)
 * @param start the first alert's time, epoch ms
 * @param end the last time seen on the host (the last alert, or the last event when known), epoch ms
 * @param score 0-100: the worst alert's level plus the kill-chain stages covered
 * @param severity the worst alert's level
 * @param stages the kill-chain stages covered, in order
 * @param actors the groups active on the host, earliest first
 * @param timeline one slot per hour from the first alert's hour to the end's
 * @param evictions one group removing another's miner or persistence, in time order
 * @param cost the CPU taken and its price
 * @param alerts the alerts, in time order
 */
public record Incident(
    String id,
    String host,
    String hostInferred,
    long start,
    long end,
    int score,
    Severity severity,
    List<KillChainStage> stages,
    List<ActorActivity> actors,
    List<HourSlot> timeline,
    List<Eviction> evictions,
    Cost cost,
    List<AlertRef> alerts) {

  /** Copies the lists. */
  public Incident {
    stages = List.copyOf(stages);
    actors = List.copyOf(actors);
    timeline = List.copyOf(timeline);
    evictions = List.copyOf(evictions);
    alerts = List.copyOf(alerts);
  }

  /**
   * One group's part in an incident.
   *
   * @param actor the group
   * @param confidence the strongest attribution of its alerts
   * @param reasons why, from its best-attributed alert
   * @param first its first alert, epoch ms
   * @param last its last alert, epoch ms
   * @param alerts how many alerts are attributed to it
   * @param cpuHours vCPU-hours its miners held
   * @param usd what they cost
   */
  public record ActorActivity(String actor, Confidence confidence, List<String> reasons,
      long first, long last, int alerts, double cpuHours, double usd) {
    /** Copies the reasons. */
    public ActorActivity {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * One hour of the timeline.
   *
   * @param hourStart the hour's start, epoch ms (UTC, on the hour)
   * @param actors the groups with attributed alerts in this hour
   * @param alerts how many alerts fell in it
   * @param stages the kill-chain stages of its alerts
   * @param cpuHolder whose miner held the CPU most of the hour ({@link Incident#UNATTRIBUTED}
   *     for a miner no group is named for), or {@code null} for none
   * @param cpuHours vCPU-hours taken in the hour
   * @param usd their cost
   * @param evictions the evictions in the hour
   */
  public record HourSlot(long hourStart, List<String> actors, int alerts,
      List<KillChainStage> stages, String cpuHolder, double cpuHours, double usd,
      List<Eviction> evictions) {
    /** Copies the lists. */
    public HourSlot {
      actors = List.copyOf(actors);
      stages = List.copyOf(stages);
      evictions = List.copyOf(evictions);
    }
  }

  /**
   * One group removing another's miner or persistence.
   *
   * @param time when, epoch ms
   * @param evictor who did it, or {@code null} when the evidence names nobody
   * @param victim whose miner it was
   * @param evidence the command line that did it (attacker-controlled text)
   * @param alertId the alert it was seen in
   */
  public record Eviction(long time, String evictor, String victim, String evidence, String alertId) {}

  /**
   * The money.
   *
   * @param model the model used
   * @param hours the incident's span in hours
   * @param minedHours hours a miner held the host
   * @param cpuHours vCPU-hours taken
   * @param usd their cost
   * @param baselineUsd what the host's normal use cost over the span
   * @param increasePercent {@code usd / baselineUsd × 100}, 0 when the span is empty
   */
  public record Cost(CostModel model, double hours, double minedHours, double cpuHours, double usd,
      double baselineUsd, double increasePercent) {}

  /**
   * An alert of the incident, by id.
   *
   * @param id the alert's stable id ({@link AlertIds})
   * @param time its time, epoch ms
   * @param ruleId the rule's id
   * @param ruleName the rule's title
   * @param level the rule's level
   * @param actor the attributed group, or {@code null}
   * @param confidence the attribution's confidence, or {@code null}
   */
  public record AlertRef(String id, long time, String ruleId, String ruleName, Severity level,
      String actor, Confidence confidence) {}

  /** The CPU holder of a miner no group is named for. */
  public static final String UNATTRIBUTED = "unattributed miner";
}
