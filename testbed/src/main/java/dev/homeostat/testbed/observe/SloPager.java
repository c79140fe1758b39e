package dev.homeostat.testbed.observe;

import dev.homeostat.remediation.slo.BurnRateAlert;
import dev.homeostat.remediation.slo.SloObjective;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalEvent.PageSource;
import dev.homeostat.reports.journal.JournalEvent.PageState;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.cluster.ServiceTotals;
import dev.homeostat.simulator.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The pages a team gets from its SLO alerts, with or without the engine: the Google SRE workbook's multi-window,
 * multi-burn-rate page alerts ({@link BurnRateAlert#WORKBOOK}, as {@code homeostat rules} ships them) evaluated every
 * rule interval on each service's SLO counters, and routed as Alertmanager routes them — grouped by service, the
 * first notification {@code groupWait} after the group's first alert fires, changes notified at most every
 * {@code groupInterval}, an unchanged firing group re-sent every {@code repeatInterval}. A group's first notification
 * is a page (a new pager incident); later notifications of the still-open group update it; it resolves when its
 * last alert stops firing.
 *
 * <p>Windows longer than the run so far read the service as healthy at its starting rate before the run began (as
 * the simulator's own SLO window starts warm): a run is a slice of a cluster that was running before it.
 */
public final class SloPager {
    private final Simulation simulation;
    private final Observation observation;
    private final Consumer<JournalEvent.Paged> out;
    private final List<Group> groups = new ArrayList<>();
    private final List<BurnRateAlert> alerts = BurnRateAlert.WORKBOOK.stream().filter(BurnRateAlert::pages).toList();
    private final long longest;

    /** One Alertmanager group: a service, its objectives, their alerts' states, and its pager incident. */
    private static final class Group {
        final String ref;
        final String namespace, name;
        final double startRate;
        final List<SloObjective> objectives = new ArrayList<>();
        final Counters history = new Counters();
        /** Per objective × alert: when its condition began to hold (Long.MIN_VALUE: it does not). */
        long[] holdingSince;
        boolean[] firing;
        int firingCount;
        long firstFiringAt = Long.MIN_VALUE;
        long lastNotified = Long.MIN_VALUE;
        boolean open, changed;
        int pages;
        String key;

        Group(ServiceSpec s) {
            namespace = s.namespace();
            name = s.name();
            ref = "service/" + s.namespace() + "/" + s.name();
            startRate = s.workload().rate(s.requestsPerSecond(), 0);
        }
    }

    /** A service's cumulative counters at each rule evaluation (req, bad per objective), oldest first. */
    private static final class Counters {
        long[] times = new long[64];
        double[][] values = new double[64][];
        int head, size;

        void add(long t, double[] v, long keep) {
            while (size > 0 && times[head] < t - keep) { head = (head + 1) % times.length; size--; }
            if (size == times.length) grow();
            int at = (head + size) % times.length;
            times[at] = t;
            values[at] = v;
            size++;
        }

        private void grow() {
            long[] t = new long[times.length * 2];
            double[][] v = new double[t.length][];
            for (int i = 0; i < size; i++) {
                t[i] = times[(head + i) % times.length];
                v[i] = values[(head + i) % times.length];
            }
            times = t;
            values = v;
            head = 0;
        }

        /** The newest snapshot at or before {@code t}, or null (a binary search: times ascend). */
        double[] at(long t) {
            int lo = 0, hi = size - 1, found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (times[(head + mid) % times.length] <= t) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found < 0 ? null : values[(head + found) % times.length];
        }
    }

    public SloPager(Simulation simulation, List<ServiceSpec> services, Observation observation, Consumer<JournalEvent.Paged> out) {
        this.simulation = simulation;
        this.observation = observation;
        this.out = out;
        long max = 0;
        for (BurnRateAlert a : alerts) max = Math.max(max, a.longWindow().toMillis());
        this.longest = max;
        for (ServiceSpec s : services) {
            var g = new Group(s);
            // an availability objective of 1 has no budget to burn: nothing to alert on
            if (s.slo().availability() < 1) g.objectives.add(SloObjective.availability(s.namespace(), s.name(), s.slo().availability()));
            g.objectives.add(SloObjective.latency(s.namespace(), s.name(), 0.99, s.slo().latencyP99().toMillis() / 1000.0));
            g.holdingSince = new long[g.objectives.size() * alerts.size()];
            java.util.Arrays.fill(g.holdingSince, Long.MIN_VALUE);
            g.firing = new boolean[g.holdingSince.length];
            groups.add(g);
        }
    }

    /** Starts evaluating at the rule group's first evaluation; call before the simulation runs. */
    public void start(long phase) {
        long every = observation.ruleEvaluation().toMillis();
        simulation.every(phase, every, this::evaluate);
    }

    private void evaluate(long now) {
        for (Group g : groups) {
            ServiceTotals totals = simulation.serviceTotals(g.namespace, g.name);
            double[] snapshot = {totals.requests(), totals.errors(), totals.slow()};
            g.history.add(now, snapshot, longest);
            boolean changed = false;
            for (int o = 0; o < g.objectives.size(); o++) {
                SloObjective objective = g.objectives.get(o);
                int bad = objective.kind() == SloObjective.Kind.AVAILABILITY ? 1 : 2;
                for (int a = 0; a < alerts.size(); a++) {
                    BurnRateAlert alert = alerts.get(a);
                    int i = o * alerts.size() + a;
                    boolean burning = alert.burning(ratio(g, now, alert.longWindow().toMillis(), bad),
                            ratio(g, now, alert.shortWindow().toMillis(), bad), objective.budget());
                    if (!burning) g.holdingSince[i] = Long.MIN_VALUE;
                    else if (g.holdingSince[i] == Long.MIN_VALUE) g.holdingSince[i] = now;
                    boolean fires = burning && now - g.holdingSince[i] >= alert.forDuration().toMillis();
                    if (fires != g.firing[i]) {
                        g.firing[i] = fires;
                        g.firingCount += fires ? 1 : -1;
                        changed = true;
                    }
                }
            }
            route(g, now, changed);
        }
    }

    /** The share of bad requests over the last {@code window} ms; NaN without requests (Prometheus: no result). */
    private static double ratio(Group g, long now, long window, int bad) {
        double[] latest = g.history.at(now);
        long from = now - window;
        double[] earlier = from < 0 ? null : g.history.at(from);
        double requests = latest[0] - (earlier == null ? 0 : earlier[0]);
        double bads = latest[bad] - (earlier == null ? 0 : earlier[bad]);
        if (from < 0) requests += g.startRate * (-from) / 1000.0; // healthy before the run began
        return requests > 0 ? bads / requests : Double.NaN;
    }

    private void route(Group g, long now, boolean changed) {
        if (changed) g.changed = true;
        if (g.firingCount > 0 && g.firstFiringAt == Long.MIN_VALUE) g.firstFiringAt = now;
        if (!g.open) {
            if (g.firingCount == 0) {
                g.firstFiringAt = Long.MIN_VALUE;
                return;
            }
            if (now - g.firstFiringAt < observation.groupWait().toMillis()) return;
            g.open = true;
            g.key = g.ref + "#" + (++g.pages);
            notify(g, now, PageState.FIRING);
            return;
        }
        if (g.firingCount == 0) {
            if (now - g.lastNotified < observation.groupInterval().toMillis()) return;
            notify(g, now, PageState.RESOLVED);
            g.open = false;
            g.firstFiringAt = Long.MIN_VALUE;
            return;
        }
        long since = now - g.lastNotified;
        if ((g.changed && since >= observation.groupInterval().toMillis()) || since >= observation.repeatInterval().toMillis())
            notify(g, now, PageState.UPDATE);
    }

    private void notify(Group g, long now, PageState state) {
        g.lastNotified = now;
        g.changed = false;
        out.accept(new JournalEvent.Paged(now, PageSource.ALERTMANAGER, g.key, state, g.ref, g.ref, describe(g, state)));
    }

    private String describe(Group g, PageState state) {
        if (state == PageState.RESOLVED) return "SLO alerts of " + g.ref + " resolved";
        List<String> firing = new ArrayList<>();
        for (int o = 0; o < g.objectives.size(); o++)
            for (int a = 0; a < alerts.size(); a++)
                if (g.firing[o * alerts.size() + a]) {
                    BurnRateAlert alert = alerts.get(a);
                    firing.add(String.format(Locale.ROOT, "%s budget burning %sx over %s and %s", g.objectives.get(o).label(),
                            trim(alert.factor()), alert.longWindow().toString().substring(2).toLowerCase(Locale.ROOT),
                            alert.shortWindow().toString().substring(2).toLowerCase(Locale.ROOT)));
                }
        return "SLOErrorBudgetBurn " + g.ref + ": " + String.join("; ", firing);
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
