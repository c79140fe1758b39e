package dev.homeostat.testbed.observe;

import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.slo.BurnRateAlert;
import dev.homeostat.remediation.slo.SloAlertRules;
import dev.homeostat.remediation.slo.SloObjective;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.cluster.ServiceTotals;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SLO recording rules as Prometheus evaluates them ({@link SloAlertRules} renders the same rules for live use):
 * every rule evaluation, each service's SLO counters are read, and the bad-request share of each objective over a
 * window, and its burn rate (that share over the objective's budget), are computed from the counters' growth over
 * that window. The SLO page alerts ({@link SloPager}) read the shares; the engine reads the burn rates as series
 * ({@code slo:burn_rate:ratio_rate1m}, {@code …rate5m}, and {@code slo:burn_rate:min5m1m}, the lesser of the two: an
 * objective burning over both windows), labelled {@code namespace}, {@code service}, {@code slo}.
 *
 * <p>A latency objective is read as its shipped rule reads it: off the pods' request-duration histogram, the share of
 * the timed requests above its threshold, interpolated between the bucket bounds around it
 * ({@link SloAlertRules#latencyCut}). The engine and the pager see that estimate; the scoring keeps the simulation's
 * exact judgement (the service's own SLO window).
 *
 * <p>A window reaching before the run reads the service as healthy at its starting rate: a run is a slice of a
 * cluster that was running before it (the simulator's own SLO window starts warm the same way).
 */
public final class SloSeries {
    private final Simulation simulation;
    private final List<Service> services = new ArrayList<>();
    private final long keepMillis;

    /** One service: its objectives and its counters at every evaluation, oldest first. */
    static final class Service {
        final ServiceSpec spec;
        final String ref;
        final double startRate;
        /** Where its latency objective is read off the histogram, as the shipped rule reads it; null above the last bound. */
        final SloAlertRules.LatencyCut latencyCut;
        final List<SloObjective> objectives = new ArrayList<>();
        final List<Map<String, String>> labels = new ArrayList<>();
        final Counters counters = new Counters();

        Service(ServiceSpec s) {
            spec = s;
            ref = "service/" + s.namespace() + "/" + s.name();
            startRate = s.workload().rate(s.requestsPerSecond(), 0);
            double threshold = s.slo().latencyP99().toMillis() / 1000.0;
            double[] bounds = MetricNames.LATENCY_BUCKETS;
            latencyCut = threshold <= bounds[bounds.length - 1] ? SloAlertRules.latencyCut(threshold, bounds) : null;
            // an availability objective of 1 has no budget to burn: nothing to alert on
            if (s.slo().availability() < 1) objectives.add(SloObjective.availability(s.namespace(), s.name(), s.slo().availability()));
            objectives.add(SloObjective.latency(s.namespace(), s.name(), 0.99, s.slo().latencyP99().toMillis() / 1000.0));
            for (SloObjective o : objectives) labels.add(Map.of("namespace", s.namespace(), "service", s.name(), "slo", o.label()));
        }

        /** The column of the counters that counts bad requests of {@code objective}; the one before it counts all. */
        static int bad(SloObjective objective) {
            return objective.kind() == SloObjective.Kind.AVAILABILITY ? ERRORS : SLOW;
        }

        /** Counters' columns: requests and failed ones (availability); timed requests and those over the bound (latency). */
        static final int REQUESTS = 0, ERRORS = 1, TIMED = 2, SLOW = 3;

        /** The counters now: a latency objective over the histogram, as {@code homeostat rules} writes its rule. */
        double[] read(ServiceTotals t) {
            // past the last finite bound no rule can be written live; the simulation's own judgement stands in
            if (latencyCut == null) return new double[] {t.requests(), t.errors(), t.requests(), t.slow()};
            double fast = latencyCut.atOrBelow(t.timedAtOrBelow(latencyCut.lower()), t.timedAtOrBelow(latencyCut.upper()));
            return new double[] {t.requests(), t.errors(), t.timed(), Math.max(0, t.timed() - fast)};
        }

        /** The share of bad requests over the {@code window} ms up to {@code at}; NaN without requests (no result). */
        double ratio(long at, long window, int bad) {
            double[] latest = counters.at(at);
            if (latest == null) return Double.NaN;
            long from = at - window;
            double[] earlier = from < 0 ? null : counters.at(from);
            int all = bad - 1;
            double requests = latest[all] - (earlier == null ? 0 : earlier[all]);
            double bads = latest[bad] - (earlier == null ? 0 : earlier[bad]);
            if (from < 0) requests += startRate * (-from) / 1000.0;
            return requests > 0 ? bads / requests : Double.NaN;
        }
    }

    /** A service's cumulative counters (requests, errors, slow requests) at each evaluation, oldest first. */
    static final class Counters {
        private long[] times = new long[64];
        private double[][] values = new double[64][];
        private int head, size;

        void add(long t, double[] v, long keep) {
            while (size > 0 && times[head] < t - keep) {
                head = (head + 1) % times.length;
                size--;
            }
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

        /** Evaluation times in [from, to], from a binary search: a tick asks for the newest one or two of the hours kept. */
        List<Long> timesIn(long from, long to) {
            int lo = 0, hi = size;
            while (lo < hi) { // the first at or after from
                int mid = (lo + hi) >>> 1;
                if (times[(head + mid) % times.length] < from) lo = mid + 1;
                else hi = mid;
            }
            List<Long> out = new ArrayList<>();
            for (int i = lo; i < size; i++) {
                long t = times[(head + i) % times.length];
                if (t > to) break;
                out.add(t);
            }
            return out;
        }
    }

    /** Keeps {@code keepMillis} of counters: the longest window anyone reads. */
    public SloSeries(Simulation simulation, List<ServiceSpec> services, long keepMillis) {
        this.simulation = simulation;
        this.keepMillis = keepMillis;
        for (ServiceSpec s : services) this.services.add(new Service(s));
    }

    List<Service> services() { return services; }

    /** Reads every service's counters now; call at every rule evaluation. */
    void record(long now) {
        for (Service s : services) {
            ServiceTotals t = simulation.serviceTotals(s.spec.namespace(), s.spec.name());
            s.counters.add(now, s.read(t), keepMillis);
        }
    }

    /** Whether {@code metric} is one of the series this answers. */
    static boolean serves(String metric) {
        return metric.equals(BURN_1M) || metric.equals(BURN_5M) || metric.equals(BURN_MIN) || metric.equals(SloAlertRules.PAGE_BURN);
    }

    static final String BURN_1M = SloAlertRules.BURN_PREFIX + "ratio_rate1m";
    static final String BURN_5M = SloAlertRules.BURN_PREFIX + "ratio_rate5m";
    static final String BURN_MIN = SloAlertRules.BURN_MULTIWINDOW;

    /**
     * One series of an objective: at each evaluation, the lesser of the bad-request shares over two windows, over
     * {@code factor} × the objective's budget (a burn rate for factor 1), with {@code labels} beside the objective's.
     */
    private record Windows(long first, long second, double factor, Map<String, String> labels) { }

    /** The burn-rate series of {@code metric}, one sample per rule evaluation in [from, to]. */
    List<MetricSeries> range(String metric, long from, long to) {
        List<Windows> windows = switch (metric) {
            case BURN_1M -> List.of(new Windows(60_000, 60_000, 1, Map.of()));
            case BURN_5M -> List.of(new Windows(300_000, 300_000, 1, Map.of()));
            // per page alert: 1 when it would fire, as homeostat rules --slo records it
            case SloAlertRules.PAGE_BURN -> SloPager.PAGE_ALERTS.stream().map(a -> new Windows(a.longWindow().toMillis(), a.shortWindow().toMillis(),
                    a.factor(), Map.of("long_window", BurnRateAlert.promDuration(a.longWindow()), "short_window", BurnRateAlert.promDuration(a.shortWindow())))).toList();
            default -> List.of(new Windows(300_000, 60_000, 1, Map.of()));
        };
        List<MetricSeries> out = new ArrayList<>();
        for (Service s : services) {
            List<Long> times = s.counters.timesIn(from, to);
            if (times.isEmpty()) continue;
            for (int o = 0; o < s.objectives.size(); o++) {
                SloObjective objective = s.objectives.get(o);
                int bad = Service.bad(objective);
                for (Windows w : windows) {
                    long[] t = new long[times.size()];
                    double[] v = new double[times.size()];
                    for (int i = 0; i < t.length; i++) {
                        t[i] = times.get(i);
                        double first = s.ratio(t[i], w.first(), bad), second = s.ratio(t[i], w.second(), bad);
                        v[i] = Double.isNaN(first) || Double.isNaN(second) ? Double.NaN : Math.min(first, second) / (w.factor() * objective.budget());
                    }
                    Map<String, String> labels = s.labels.get(o);
                    if (!w.labels().isEmpty()) {
                        var all = new java.util.HashMap<>(labels);
                        all.putAll(w.labels());
                        labels = Map.copyOf(all);
                    }
                    out.add(new MetricSeries(labels, t, v));
                }
            }
        }
        return out;
    }
}
