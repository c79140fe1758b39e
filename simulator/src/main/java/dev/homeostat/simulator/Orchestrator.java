package dev.homeostat.simulator;

import dev.homeostat.simulator.cluster.ServiceNow;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.Orchestration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Runs {@link Orchestration}s: a fresh actor per run, asked at its start and at every instant it names, with a
 * read-only view of the Services at that instant; what it returns is applied through the {@link FaultInjector}
 * (faults injected at their start, stopped early) and its notes journalled as {@link SimEvent.OrchestrationNote}.
 */
final class Orchestrator {
    private final Kernel kernel;
    private final Cluster cluster;
    private final FaultInjector injector;
    private final Orchestration.ClusterProbe probe = new Orchestration.ClusterProbe() {
        @Override public List<String> services() { return List.copyOf(new TreeSet<>(cluster.serviceKeys())); }

        @Override public Optional<ServiceNow> service(String namespace, String name) {
            ServiceState s = cluster.service(namespace, name);
            if (s == null) return Optional.empty();
            int ready = s.circuitOpen ? 0 : s.deployment.ready();
            return Optional.of(new ServiceNow(s.key, ready, s.stepRequests, s.stepErrors, s.stepTimeouts, s.stepP99, s.violated));
        }
    };

    Orchestrator(Kernel kernel, Cluster cluster, FaultInjector injector) {
        this.kernel = kernel;
        this.cluster = cluster;
        this.injector = injector;
    }

    void start(Orchestration o) {
        Orchestration.Actor actor = o.actors().get();
        ask(o, actor);
    }

    private void ask(Orchestration o, Orchestration.Actor actor) {
        long t = kernel.now();
        Orchestration.Act act = actor.act(t, probe);
        for (String note : act.notes()) kernel.emit(new SimEvent.OrchestrationNote(t, o.name(), note));
        for (String name : act.stop()) injector.stop(name);
        for (Fault f : act.inject()) kernel.at(Math.max(t, f.start().toMillis()), () -> injector.injectUnlessStopped(f));
        if (act.nextMillis() == -1) return;
        if (act.nextMillis() <= t)
            throw new IllegalStateException("orchestration " + o.name() + " asked to be called at " + act.nextMillis() + " ms, not after now (" + t + " ms)");
        kernel.at(act.nextMillis(), () -> ask(o, actor));
    }
}
