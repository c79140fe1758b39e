package dev.homeostat.testbed.observe;

import dev.homeostat.remediation.slo.Healing;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.util.function.Consumer;

/**
 * Prometheus and Alertmanager beside a simulation, as the engine and the team see the cluster: the metric store
 * read through scrape offsets and rule evaluations ({@link ObservedMetrics}), the SLO recording rules
 * ({@link SloSeries}) and the SLO page alerts ({@link SloPager}), all evaluated at the rule group's evaluations.
 */
public final class ObservationPipeline {
    private final ObservedMetrics metrics;

    /**
     * Sets it up on {@code simulation} before it runs; pages (when the scenario asks for them) go to {@code pages},
     * held back while {@code healing} (the engine's; null without an engine) says the engine heals their service.
     */
    public ObservationPipeline(Simulation simulation, SimulationSpec spec, Observation observation, long seed,
                               Consumer<JournalEvent.Paged> pages, Healing healing) {
        long keep = 0;
        for (var alert : SloPager.PAGE_ALERTS) keep = Math.max(keep, alert.longWindow().toMillis());
        var slo = new SloSeries(simulation, spec.cluster().services(), keep);
        this.metrics = new ObservedMetrics(simulation.metrics(), spec.scrapeInterval().toMillis(), observation, seed, slo);
        SloPager pager = observation.sloPages() ? new SloPager(slo, observation, pages, healing) : null;
        simulation.every(metrics.rulePhase(), observation.ruleEvaluation().toMillis(), now -> {
            slo.record(now);
            if (pager != null) pager.evaluate(now);
        });
    }

    /** The engine's metrics source. */
    public ObservedMetrics metrics() { return metrics; }
}
