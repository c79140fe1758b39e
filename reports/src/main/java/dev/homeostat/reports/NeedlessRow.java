package dev.homeostat.reports;

import dev.homeostat.reports.score.NeedlessAction;

/** One needless action of one seed as report.json lists it; {@code t} in seconds since the run started. */
public record NeedlessRow(long seed, double t, String action, String target, String service, String rule, String reason) {
    public static NeedlessRow of(long seed, NeedlessAction a) {
        return new NeedlessRow(seed, a.t() / 1000.0, a.action(), a.target(), a.service(), a.rule(), a.reason());
    }
}
