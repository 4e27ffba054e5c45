package dev.minewarden.core.correlation;

/**
 * A snapshot of a {@link CorrelationEngine}'s state and counters, for tests, benchmarks and run
 * summaries. Counters are totals since the engine was built.
 *
 * @param openGroups groups currently held, over all rules
 * @param evictedGroups groups dropped because a rule reached its group cap
 * @param expiredGroups groups dropped because their window had passed
 * @param skippedAlerts alerts a rule left out because a group-by or value field was absent, null
 *     or (for value_sum and value_avg) not a number; counted once per rule
 * @param lateAlerts alerts refused because they arrived after later alerts had been processed
 *     (more than the allowed lateness behind, or after the reorder buffer overflowed)
 * @param untimedAlerts alerts ignored because their event has no time
 * @param bufferedAlerts alerts held in the reorder buffer now
 * @param forcedReleases alerts processed early because the reorder buffer was full
 */
public record CorrelationStats(
    int openGroups,
    long evictedGroups,
    long expiredGroups,
    long skippedAlerts,
    long lateAlerts,
    long untimedAlerts,
    int bufferedAlerts,
    long forcedReleases) {}
