package dev.homeostat.reports.score;

/**
 * One fault kind pooled over all seeds of a scenario (scored incidents only).
 *
 * @param recall      detected / incidents
 * @param mttdSeconds mean first-alert delay over the detected incidents of this kind, null when none
 * @param mttrSeconds mean time to restore over the incidents of this kind with impact, null when none
 */
public record FaultKindStats(int incidents, int detected, Double recall, Double mttdSeconds, Double mttrSeconds) { }
