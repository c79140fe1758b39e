package dev.homeostat.reports.score;

/**
 * An applied disruptive action that no fault called for, or that took a service below its floor of ready pods.
 *
 * @param reason why it counts, e.g. {@code no fault affected pod/default/web-4} or
 *               {@code left service/default/web with 0 ready pods (floor 1)}
 */
public record NeedlessAction(long t, String action, String target, String service, String rule, String reason) { }
