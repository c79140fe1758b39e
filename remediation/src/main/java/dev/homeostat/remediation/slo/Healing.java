package dev.homeostat.remediation.slo;

import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.EngineListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The services whose SLO page the engine holds back: the source of the Alertmanager inhibition. Two reasons hold one:
 *
 * <ul>
 * <li><b>Healing</b>: an action the engine applied to the service is being given time to work ("page when the engine
 * cannot act, its action is held back, or verification fails — never as a reflex alongside an action that is
 * working"). An applied action on a service opens a streak; the service is healing until {@link #WINDOW} after its
 * last applied action, and never longer than {@link #CAP} after the streak's first, so an engine that keeps acting
 * without effect cannot hold pages back for long.
 * <li><b>Healed</b>: the service went quiet — no anomaly of its own — while its streak held, so the engine's action
 * worked. The team's burn-rate alerts lag that recovery by their short window (30 minutes for the 6 h alert): one that
 * fires then pages about an incident the engine has already ended ("never as a reflex alongside an action that is
 * working"). So the hold lasts until {@link #AFTER_PAGE} after the service's last anomaly; a new anomaly of the
 * service after the streak ends the hold at once (a second incident pages as it would). A streak whose service stays
 * anomalous past it gets no more than before.
 * <li><b>Paged</b>: the engine's own page for the service is open. It is the incident's one page (HEALING.md: one
 * page per incident), with the diagnosis, the evidence and what was tried, so the team's burn-rate page for the same
 * service — and for its callers, whose SLOs burn with it — would be a second page about one problem, as Alertmanager
 * users inhibit a symptom's alert while its cause's fires. The page ends the healing streak and holds until
 * {@link #AFTER_PAGE} after it resolves — the team's alerts lag a recovery by their short window, so a burn-rate page
 * that would fire then is about the incident just resolved — and never longer than {@link #PAGE_CAP} after its last
 * news: a page a restarted engine never resolves cannot keep the team's alerts quiet for long.
 * </ul>
 *
 * <p>Both reach the callers of the service when a call graph is given ({@link #useCallGraph}), directly or through
 * others, as the mesh counted them at that moment. The same class feeds the simulated Alertmanager and, live, the
 * {@code homeostat_engine_healing} gauge that the shipped inhibit rule reads.
 */
public final class Healing implements EngineListener {
    /** Time an action gets to show its effect: the page alerts' short window (5 m) and their {@code for:} (2 m), and more. */
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /** The longest a streak of actions holds pages back. */
    public static final Duration CAP = Duration.ofMinutes(30);
    /** How long an engine page holds the team's pages after it resolved: the page alerts' longest short window. */
    public static final Duration AFTER_PAGE = BurnRateAlert.WORKBOOK.stream().filter(BurnRateAlert::pages)
            .map(BurnRateAlert::shortWindow).max(Duration::compareTo).orElseThrow();
    /** The longest an engine page holds the team's pages after its last news (FIRING or UPDATE). */
    public static final Duration PAGE_CAP = Duration.ofHours(2);

    private record Streak(long first, long last) {
        long until() { return Math.min(last + WINDOW.toMillis(), first + CAP.toMillis()); }

        /**
         * Whether the streak holds the service's pages at {@code now}, given the service's last anomaly ({@code null}:
         * none seen): while it lasts, and after it, healed, until the alerts' lag after that anomaly has passed.
         */
        boolean holds(long now, Long lastAnomaly) {
            if (now < first) return false;
            if (now < until()) return true;
            return lastAnomaly != null && lastAnomaly >= first && lastAnomaly < until() && now < lastAnomaly + AFTER_PAGE.toMillis();
        }
    }

    /** An engine page: the services it stands for, when it fired, last had news, and resolved (Long.MAX_VALUE: open). */
    private record Page(Set<String> services, long first, long news, long resolved) {
        boolean holds(long now) {
            long until = Math.min(news + PAGE_CAP.toMillis(), resolved == Long.MAX_VALUE ? Long.MAX_VALUE : resolved + AFTER_PAGE.toMillis());
            return now >= first && now < until;
        }
    }

    private static final System.Logger LOG = System.getLogger(Healing.class.getName());
    private final Map<String, Streak> streaks = new HashMap<>();
    private final Map<String, Page> pages = new HashMap<>();
    /** Each service's last anomaly (its own or its pods'), by ref. */
    private final Map<String, Long> lastAnomaly = new HashMap<>();
    private Function<Long, CallGraph> graph = t -> CallGraph.EMPTY;

    /** Heal the callers of an acted-on service too, by the call graph at the action's time (the engine's MeshGraph). */
    public synchronized Healing useCallGraph(Function<Long, CallGraph> graphAt) {
        this.graph = java.util.Objects.requireNonNull(graphAt, "graphAt");
        return this;
    }

    @Override public synchronized void on(EngineEvent event) {
        switch (event) {
            // a lift gives back what a measure held, it heals nothing: it opens no streak
            case EngineEvent.ActionTaken a when a.applied() && !(a.action() instanceof ClusterAction.Lift)
                    && ref(a.action().target(), a.service()) != null -> {
                long t = a.timeMillis();
                for (String service : withCallers(ref(a.action().target(), a.service()), t)) {
                    Streak s = streaks.get(service);
                    // a streak ends after a quiet window; actions that keep coming stay in it, so the cap holds
                    streaks.put(service, s == null || t >= s.last() + WINDOW.toMillis() ? new Streak(t, t) : new Streak(s.first(), t));
                }
            }
            case EngineEvent.AnomalyRaised a when ref(a.anomaly().target(), a.anomaly().service()) != null ->
                    lastAnomaly.merge(ref(a.anomaly().target(), a.anomaly().service()), a.anomaly().timeMillis(), Math::max);
            case EngineEvent.Paged p when p.state() == EngineEvent.PageState.FIRING && ref(p.target(), p.service()) != null -> {
                Set<String> services = withCallers(ref(p.target(), p.service()), p.timeMillis());
                services.forEach(streaks::remove);
                pages.put(p.key(), new Page(services, p.timeMillis(), p.timeMillis(), Long.MAX_VALUE));
            }
            // an update may bring another service into the page (a lost node's page, updated by each service it held)
            case EngineEvent.Paged p when p.state() == EngineEvent.PageState.UPDATE -> pages.computeIfPresent(p.key(),
                    (key, page) -> new Page(joined(page.services(), p), page.first(), p.timeMillis(), page.resolved()));
            case EngineEvent.Paged p when p.state() == EngineEvent.PageState.RESOLVED -> pages.computeIfPresent(p.key(),
                    (key, page) -> new Page(page.services(), page.first(), page.news(), p.timeMillis()));
            default -> { }
        }
    }

    /** The page's services with the updating event's service and its callers, when it names one the page lacks. */
    private Set<String> joined(Set<String> services, EngineEvent.Paged update) {
        String ref = ref(update.target(), update.service());
        if (ref == null || services.contains(ref)) return services;
        Set<String> out = new TreeSet<>(services);
        out.addAll(withCallers(ref, update.timeMillis()));
        out.forEach(streaks::remove);
        return out;
    }

    /**
     * The service an event is about, as {@code service/<namespace>/<name>}: its service label (a bare name is in the
     * target's namespace), else the target when it is a Service; null when neither says.
     */
    public static String ref(Target target, String service) {
        if (service != null && !service.isEmpty())
            return service.startsWith("service/") ? service : "service/" + (target == null || target.namespace() == null ? "default" : target.namespace()) + "/" + service;
        return target != null && target.kind() == Target.Kind.SERVICE ? target.ref() : null;
    }

    /** {@code service} ({@code service/<ns>/<name>}) and every service that calls it, directly or not, in the call graph at {@code t}. */
    private Set<String> withCallers(String service, long t) {
        return withCallers(graph, service, t);
    }

    /**
     * {@code service} ({@code service/<ns>/<name>}) and its callers, directly or not, in the graph {@code graphAt}
     * gives at {@code t}; the service alone when the graph cannot be read (live it is a Prometheus query).
     */
    public static SortedSet<String> withCallers(Function<Long, CallGraph> graphAt, String service, long t) {
        CallGraph g;
        try {
            g = graphAt.apply(t);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "call graph unavailable; taking " + service + " alone: " + e.getMessage());
            g = CallGraph.EMPTY;
        }
        var out = new TreeSet<String>();
        for (String s : g.withCallers(service.substring(PREFIX.length()))) out.add(PREFIX + s);
        return out;
    }

    private static final String PREFIX = "service/";

    /** The service's ({@code service/<namespace>/<name>}) SLO page is held back at {@code now}: healing or paged. */
    public synchronized boolean healing(String service, long now) {
        Streak s = streaks.get(service);
        if (s != null && s.holds(now, lastAnomaly.get(service))) return true;
        for (Page page : pages.values()) if (page.holds(now) && page.services().contains(service)) return true;
        return false;
    }

    /** Every service whose SLO page is held back at {@code now}, sorted. */
    public synchronized SortedSet<String> healing(long now) {
        var out = new TreeSet<String>();
        streaks.forEach((service, s) -> { if (s.holds(now, lastAnomaly.get(service))) out.add(service); });
        pages.values().forEach(page -> { if (page.holds(now)) out.addAll(page.services()); });
        return out;
    }
}
