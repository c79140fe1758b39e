package dev.homeostat.testbed.run;

import dev.homeostat.remediation.Engine;
import dev.homeostat.remediation.guard.MeshGraph;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.port.EngineListener;
import dev.homeostat.remediation.slo.Healing;
import dev.homeostat.reports.TimelineSeries;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.units.Seeds;
import dev.homeostat.testbed.observe.Observation;
import dev.homeostat.testbed.observe.ObservationPipeline;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.metrics.Series;
import dev.homeostat.simulator.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import dev.homeostat.testbed.scenario.Scenario;

/** Runs one scenario for one seed, with the engine on or off, and returns its journal. */
public final class ScenarioRunner {
    private static final List<String> TIMELINE_METRICS = List.of(MetricNames.SERVICE_ERROR_RATIO, MetricNames.SERVICE_LATENCY_P99);
    private static final Map<String, String> LABELS = Map.of(
            MetricNames.SERVICE_ERROR_RATIO, "error ratio", MetricNames.SERVICE_LATENCY_P99, "p99 latency (s)");

    private ScenarioRunner() { }

    /**
     * The baseline ({@code policy == null}) is the same simulation with the same seed and nothing
     * but Kubernetes itself reacting; with a policy the engine ticks every evaluation interval.
     */
    public static Journal run(Scenario scenario, long seed, Policy policy) {
        if (policy == null) return runRecorded(scenario, seed, null, null).journal();
        Journal baseline = runRecorded(scenario, seed, null, null).journal();
        return runRecorded(scenario, seed, policy, noOpFaults(baseline)).journal();
    }

    /** The faults a baseline journal found to have had no effect (its injection check). */
    public static Set<String> noOpFaults(Journal baseline) {
        var noOps = new TreeSet<String>();
        for (JournalEvent e : baseline.events())
            if (e instanceof JournalEvent.FaultStarted f && !f.tookEffect()) noOps.add(f.fault());
        return noOps;
    }

    /** A run's journal and the series its report's timeline chart shows. */
    public record Recorded(Journal journal, List<TimelineSeries> series) {
        public Recorded {
            series = List.copyOf(series);
        }
    }

    /**
     * As {@link #run}, also keeping what users look at first on a timeline: each service's error ratio
     * and p99 latency, as Prometheus' recording rules give them.
     */
    public static Recorded runRecorded(Scenario scenario, long seed, Policy policy, Set<String> baselineNoOps) {
        return runRecorded(scenario, seed, policy, baselineNoOps, null);
    }

    /** As {@link #runRecorded(Scenario, long, Policy, Set)}, timing the engine's ticks into {@code ticks} (null: not timed). */
    static Recorded runRecorded(Scenario scenario, long seed, Policy policy, Set<String> baselineNoOps, EngineTicks ticks) {
        if ((policy == null) != (baselineNoOps == null))
            throw new IllegalArgumentException("the baseline judges injections itself; an engine run needs the baseline's no-op faults");
        var recorder = new JournalRecorder(scenario.simulation().cluster(), scenario.simulation().faults(), baselineNoOps);
        var simulation = new Simulation(scenario.simulation(), seed, recorder);
        // without an engine nothing reads the store but the timeline below (pages come from the SLO counters): the pods'
        // series would be scraped for nobody
        if (policy == null) simulation.keepMetrics(Set.copyOf(TIMELINE_METRICS));
        Observation observation = scenario.observation();
        // the engine's healing feeds the Alertmanager's inhibit rule, as the shipped config wires it live
        var healing = policy == null ? null : new Healing();
        // the team's pages reach the engine too, as the shipped Alertmanager route sends SLOErrorBudgetBurn to its webhook
        Engine[] engineOf = new Engine[1];
        Consumer<JournalEvent.Paged> pages = p -> {
            recorder.page(p);
            if (engineOf[0] != null && p.source() == JournalEvent.PageSource.ALERTMANAGER && p.state() != JournalEvent.PageState.UPDATE)
                engineOf[0].teamPage(p.service(), p.key(), p.state() == JournalEvent.PageState.FIRING);
        };
        var metrics = new ObservationPipeline(simulation, scenario.simulation(), observation, seed, pages, healing).metrics();
        if (policy != null) {
            healing.useCallGraph(new MeshGraph(metrics, policy.lookback())::at);
            var cluster = new SimulatedCluster(simulation, scenario.simulation());
            recorder.readinessFrom(cluster::consumeReadiness);
            EngineListener listener = event -> {
                recorder.on(event);
                healing.on(event);
            };
            var engine = new Engine(policy, metrics, cluster, cluster, cluster, listener, seed);
            engineOf[0] = engine;
            long interval = policy.evaluationInterval().toMillis();
            // a live engine starts whenever its pod does: its evaluations fall anywhere within the interval
            long offset = observation.spreadTicks() ? Math.floorMod(Seeds.derive(seed, "engine-tick"), interval) : 0;
            if (ticks == null) simulation.every(interval + offset, interval, now -> engine.tick());
            else simulation.every(interval + offset, interval, now -> {
                long start = EngineTicks.cpuNanos();
                engine.tick();
                ticks.add(EngineTicks.cpuNanos() - start, simulation.metrics().seriesCount());
            });
        }
        simulation.run();
        recorder.end(simulation.endMillis());
        var journal = new Journal(scenario.name(), seed, policy != null, recorder.events());
        return new Recorded(journal, timelineSeries(simulation, scenario.simulation().cluster().services()));
    }

    private static List<TimelineSeries> timelineSeries(Simulation simulation, List<ServiceSpec> services) {
        var series = new ArrayList<TimelineSeries>();
        for (String metric : TIMELINE_METRICS)
            for (Series s : simulation.metrics().range(metric, 0, simulation.endMillis())) {
                String service = s.labels().getOrDefault("service", "?");
                String ns = s.labels().getOrDefault("namespace", "default");
                Double slo = services.stream().filter(x -> x.name().equals(service) && x.namespace().equals(ns)).findFirst()
                        .map(x -> metric.equals(MetricNames.SERVICE_ERROR_RATIO) ? 1 - x.slo().availability()
                                : x.slo().latencyP99().toMillis() / 1000.0).orElse(null);
                series.add(new TimelineSeries(service + " " + LABELS.get(metric), s.times(), s.values(), slo));
            }
        return series;
    }
}
