package dev.homeostat.reports.score;

/**
 * One alert event: the first anomaly on {@code target} plus the {@code anomalies - 1} repeats folded into it
 * because they came within the alert cooldown of {@code t}.
 *
 * @param matched whether the alert falls on a scored incident (its target or service, within [start, end + grace])
 */
public record AlertEvent(long t, String target, String service, String detector, int anomalies, boolean matched) { }
