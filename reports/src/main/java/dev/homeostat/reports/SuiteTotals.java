package dev.homeostat.reports;

import java.util.List;

/**
 * A suite in one row: sums over its scenarios of their means over seeds. Reductions are of the totals
 * ({@code 1 − Σ engine / Σ baseline}), never a mean of ratios, and null ("n/a") when the baseline total is 0.
 * {@code falseAlarmsPerDayNoFault} pools the no-fault scenarios (controls): their false alarms over their simulated
 * days; null when the suite has none.
 */
public record SuiteTotals(int scenarios, int failed, int noExpectations, double downtimeSecondsBaseline,
                          double downtimeSecondsEngine, Double downtimeReduction, double pagesBaseline, double pagesEngine,
                          Double pageReduction, double needlessActions, Double falseAlarmsPerDayNoFault) {

    public static SuiteTotals of(List<ScenarioReport> scenarios) {
        int failed = 0, none = 0;
        double downB = 0, downE = 0, pagesB = 0, pagesE = 0, needless = 0, alarms = 0, days = 0;
        for (ScenarioReport s : scenarios) {
            if (ScenarioReport.FAIL.equals(s.status())) failed++;
            if (s.noExpectations()) none++;
            downB += orZero(s.downtimeSecondsBaseline());
            downE += orZero(s.downtimeSecondsEngine());
            pagesB += orZero(s.pagesBaseline());
            pagesE += orZero(s.pagesEngine());
            needless += orZero(s.needlessActions());
            if (s.noFault() && s.falseAlarmsPerDay() != null) {
                double d = s.durationSeconds() / 86_400.0;
                alarms += s.falseAlarmsPerDay() * d;
                days += d;
            }
        }
        return new SuiteTotals(scenarios.size(), failed, none, downB, downE, reduction(downE, downB), pagesB, pagesE,
                reduction(pagesE, pagesB), needless, days > 0 ? alarms / days : null);
    }

    private static Double reduction(double engine, double baseline) {
        return baseline == 0 ? null : 1 - engine / baseline;
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }
}
