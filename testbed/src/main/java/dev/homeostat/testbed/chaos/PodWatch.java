package dev.homeostat.testbed.chaos;

import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.simulator.fault.PodSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Watches the pods of the selections while the experiment runs and turns what Kubernetes does to them —
 * deletions, creations, container restarts, readiness flips — into journal {@code ClusterEvent}s. A pod counts once
 * its selection's {@code PodSelector} picks it (a label watch per namespace narrows what arrives; the selector decides,
 * with the Nodes read once per cluster for {@code nodeSelectors}), and stays watched after that even when it stops
 * matching (a Pending pod of {@code podPhaseSelectors: [Pending]} that starts running is still a target). Several
 * watches may see one pod (overlapping selectors): the last known state per pod makes each change one event.
 */
final class PodWatch implements AutoCloseable {
    private record State(boolean ready, int restarts, boolean terminating) {
        static State of(Pod p) {
            return new State(ClusterLookup.ready(p), ClusterLookup.restarts(p), p.getMetadata().getDeletionTimestamp() != null);
        }
    }

    private final ClusterLookup lookup;
    private final LongSupplier t;
    private final Consumer<JournalEvent.ClusterEvent> sink;
    private final Map<String, State> known = new ConcurrentHashMap<>();
    private final List<Watch> watches = new ArrayList<>();

    /**
     * @param t    the run's time (ms since it started) at which an event is seen
     * @param sink where events go; called from the client's watch threads
     */
    PodWatch(ClusterLookup lookup, LongSupplier t, Consumer<JournalEvent.ClusterEvent> sink) {
        this.lookup = lookup;
        this.t = t;
        this.sink = sink;
    }

    /**
     * Starts one watch per (selection, namespace) in the selection's cluster (none for a cluster no kubeconfig context
     * reaches); {@code initial} are the pods as they were, so only changes count.
     */
    void start(Collection<PodSelection> selections, Map<String, Pod> initial) {
        initial.forEach((key, pod) -> known.put(key, State.of(pod)));
        Map<KubernetesClient, LivePods> views = new IdentityHashMap<>();
        for (PodSelection s : selections) {
            KubernetesClient client = lookup.clientFor(s).orElse(null);
            if (client == null) continue;
            LivePods view = views.computeIfAbsent(client, LivePods::new);
            PodSelector selector = s.selector();
            if (!selector.pods().isEmpty()) {
                for (String ns : selector.pods().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().sorted().toList())
                    watches.add(client.pods().inNamespace(ns).watch(watcher(selector, view)));
                continue;
            }
            for (String ns : new TreeSet<>(selector.namespaces())) {
                var query = client.pods().inNamespace(ns);
                watches.add(selector.labels().isEmpty() ? query.watch(watcher(selector, view))
                        : query.withLabels(selector.labels()).watch(watcher(selector, view)));
            }
        }
    }

    private Watcher<Pod> watcher(PodSelector selector, LivePods view) {
        return new Watcher<>() {
            @Override public void eventReceived(Action action, Pod pod) {
                String key = ClusterLookup.key(pod);
                if (!known.containsKey(key) && !view.selects(selector, pod)) return;
                seen(action, key, pod);
            }

            @Override public void onClose(WatcherException cause) {
                // The run keeps going without pod events; the SLO and the final recovery check still work.
                sink.accept(new JournalEvent.ClusterEvent(Math.max(0, t.getAsLong()), "watch/pods",
                        "pod watch closed: " + cause.getMessage()));
            }
        };
    }

    private synchronized void seen(Watcher.Action action, String key, Pod pod) {
        String ref = "pod/" + key;
        long now = Math.max(0, t.getAsLong());
        if (action == Watcher.Action.DELETED) {
            if (known.remove(key) != null) sink.accept(new JournalEvent.ClusterEvent(now, ref, "pod deleted"));
            return;
        }
        if (action != Watcher.Action.ADDED && action != Watcher.Action.MODIFIED) return;
        State now0 = State.of(pod);
        State before = known.put(key, now0);
        if (before == null) {
            sink.accept(new JournalEvent.ClusterEvent(now, ref, "pod created"));
            return;
        }
        if (now0.restarts() > before.restarts())
            sink.accept(new JournalEvent.ClusterEvent(now, ref, "container restarted (restarts " + now0.restarts() + ")"));
        if (now0.terminating() && !before.terminating())
            sink.accept(new JournalEvent.ClusterEvent(now, ref, "pod terminating"));
        if (now0.ready() != before.ready())
            sink.accept(new JournalEvent.ClusterEvent(now, ref, now0.ready() ? "pod ready" : "pod not ready"));
    }

    @Override public void close() {
        for (Watch w : watches) w.close();
        watches.clear();
    }
}
