package dev.homeostat.testbed.bench;

import dev.homeostat.reports.score.ScenarioResult;

/**
 * One configuration on one scenario: the means over its seeds (null where undefined on every seed).
 * {@code falseAlarmsPerDay}: alert events that matched no incident, per day of run time — on a no-fault
 * control, every alert.
 */
public record ScenarioRow(String scenario, int seeds, Double f1, Double precision, Double recall, Double mttdSeconds,
                          Double mttrSeconds, Double downtimeReduction, Double needlessActions, Double pages,
                          Double falseAlarmsPerDay) {
    public static ScenarioRow of(ScenarioResult r) {
        return new ScenarioRow(r.scenario(), r.runs().size(), r.f1().mean(), r.precision().mean(), r.recall().mean(),
                r.mttdSeconds().mean(), r.mttrSeconds().mean(), r.downtimeReduction().mean(), r.needlessActions().mean(),
                r.pagesEngine().mean(), r.falseAlarmsPerDay().mean());
    }
}
