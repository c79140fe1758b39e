package dev.homeostat.remediation.slo;

import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.EngineListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The services the engine is healing: the source of the Alertmanager inhibition that holds a service's SLO page back
 * while an action the engine applied to it is being given time to work ("page when the engine cannot act, its action
 * is held back, or verification fails — never as a reflex alongside an action that is working").
 *
 * <p>An applied action heals its service and, when a call graph is given ({@link #useCallGraph}), the services that
 * call it, directly or through others, as the mesh counted them at that moment: their SLOs burn with the callee's, and
 * the action is on their cause. An applied action on a service opens a streak; the service is healing until
 * {@link #WINDOW} after its last applied action, and never longer than {@link #CAP} after the streak's first, so an
 * engine that keeps acting without effect cannot hold pages back for long. The engine's own page for the service ends the streak at once: the engine gave up
 * and a human is called, so the team's SLO page goes out too. The same class feeds the simulated Alertmanager and, live,
 * the {@code homeostat_engine_healing} gauge that the shipped inhibit rule reads.
 */
public final class Healing implements EngineListener {
    /** Time an action gets to show its effect: the page alerts' short window (5 m) and their {@code for:} (2 m), and more. */
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /** The longest a streak of actions holds pages back. */
    public static final Duration CAP = Duration.ofMinutes(30);

    private record Streak(long first, long last) {
        long until() { return Math.min(last + WINDOW.toMillis(), first + CAP.toMillis()); }
    }

    private static final System.Logger LOG = System.getLogger(Healing.class.getName());
    private final Map<String, Streak> streaks = new HashMap<>();
    private Function<Long, CallGraph> graph = t -> CallGraph.EMPTY;

    /** Heal the callers of an acted-on service too, by the call graph at the action's time (the engine's MeshGraph). */
    public synchronized Healing useCallGraph(Function<Long, CallGraph> graphAt) {
        this.graph = java.util.Objects.requireNonNull(graphAt, "graphAt");
        return this;
    }

    @Override public synchronized void on(EngineEvent event) {
        switch (event) {
            case EngineEvent.ActionTaken a when a.applied() && ref(a.action().target(), a.service()) != null -> {
                long t = a.timeMillis();
                for (String service : withCallers(ref(a.action().target(), a.service()), t)) {
                    Streak s = streaks.get(service);
                    // a streak ends after a quiet window; actions that keep coming stay in it, so the cap holds
                    streaks.put(service, s == null || t >= s.last() + WINDOW.toMillis() ? new Streak(t, t) : new Streak(s.first(), t));
                }
            }
            case EngineEvent.Paged p when p.state() == EngineEvent.PageState.FIRING && ref(p.target(), p.service()) != null ->
                    withCallers(ref(p.target(), p.service()), p.timeMillis()).forEach(streaks::remove);
            default -> { }
        }
    }

    /**
     * The service an event is about, as {@code service/<namespace>/<name>}: its service label (a bare name is in the
     * target's namespace), else the target when it is a Service; null when neither says.
     */
    static String ref(Target target, String service) {
        if (service != null && !service.isEmpty())
            return service.startsWith("service/") ? service : "service/" + (target == null || target.namespace() == null ? "default" : target.namespace()) + "/" + service;
        return target != null && target.kind() == Target.Kind.SERVICE ? target.ref() : null;
    }

    /** {@code service} and every service that calls it, directly or not, in the call graph at {@code t}. */
    private Set<String> withCallers(String service, long t) {
        CallGraph g;
        try {
            g = graph.apply(t);
        } catch (RuntimeException e) {
            // live, the graph is a Prometheus query: without it the callers' pages are simply not held back
            LOG.log(System.Logger.Level.WARNING, "call graph unavailable; healing " + service + " alone: " + e.getMessage());
            g = CallGraph.EMPTY;
        }
        var out = new TreeSet<String>(List.of(service));
        if (g.isEmpty()) return out;
        Deque<String> todo = new ArrayDeque<>(List.of(service.substring("service/".length())));
        while (!todo.isEmpty()) {
            String callee = todo.poll();
            for (String workload : g.callersOf(callee)) {
                var services = new TreeSet<String>();
                g.workloadsOf().forEach((caller, workloads) -> { if (workloads.contains(workload)) services.add(caller); });
                // the mesh names the workloads behind called services only; an entry point nobody calls is taken to be
                // the Service of its Deployment's name, as Kubernetes users name them
                if (services.isEmpty()) services.add(workload);
                for (String caller : services) if (out.add("service/" + caller)) todo.add(caller);
            }
        }
        return out;
    }

    /** The service ({@code service/<namespace>/<name>}) is being healed at {@code now}. */
    public synchronized boolean healing(String service, long now) {
        Streak s = streaks.get(service);
        return s != null && now >= s.first() && now < s.until();
    }

    /** Every service being healed at {@code now}, sorted. */
    public synchronized SortedSet<String> healing(long now) {
        var out = new TreeSet<String>();
        streaks.forEach((service, s) -> { if (now >= s.first() && now < s.until()) out.add(service); });
        return out;
    }
}
