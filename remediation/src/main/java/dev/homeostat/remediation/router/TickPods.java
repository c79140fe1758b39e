package dev.homeostat.remediation.router;

import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.remediation.remediator.PodLookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A tick's pods, as the cluster showed them before the tick's first action, found by name or Deployment. A view that
 * answers by name itself ({@link ClusterView#answersByName}: an index, as the simulator's) is asked, and the answers kept, until
 * an action is about to run ({@link #freeze}: then the pods are listed, so later questions of the tick see the same
 * cluster); a view that only lists is listed at the first question, and the list walked — the first few lookups — or
 * indexed. Either way a lookup answers the first listed pod of that name.
 */
final class TickPods implements PodLookup {
    /** Lookups answered by walking the list before it is indexed: an index costs about this many walks to build. */
    static final int WALKS = 4;

    private final Supplier<List<PodInfo>> listPods;
    private final ClusterView cluster;
    private List<PodInfo> pods;
    private Map<Key, PodInfo> byName;
    private int lookups;
    /** The view's own answers, before the list is taken (null: the view is not asked). */
    private final Map<Key, Optional<PodInfo>> asked;
    private final Map<Key, List<PodInfo>> askedOf;

    private record Key(String namespace, String name) { }

    /** Pods listed by {@code listPods} at the first need; {@code cluster}, when not null, asked by name until then. */
    TickPods(Supplier<List<PodInfo>> listPods, ClusterView cluster) {
        this.listPods = Objects.requireNonNull(listPods, "listPods");
        this.cluster = cluster;
        this.asked = cluster == null ? null : new HashMap<>();
        this.askedOf = cluster == null ? null : new HashMap<>();
    }

    /** The pods as the tick found them, listed now if not yet. */
    List<PodInfo> get() {
        if (pods == null) pods = listPods.get();
        return pods;
    }

    /** The cluster is about to change: from now on the tick's questions are answered from the pods as they are now. */
    void freeze() {
        if (asked != null) get();
    }

    /** The first listed pod named {@code name} in {@code namespace}, or null. */
    @Override public PodInfo pod(String namespace, String name) {
        if (asked != null && pods == null) return asked.computeIfAbsent(new Key(namespace, name), k -> cluster.pod(namespace, name)).orElse(null);
        List<PodInfo> all = get();
        if (byName == null && ++lookups > WALKS) {
            byName = new HashMap<>(all.size() * 2);
            for (PodInfo p : all) byName.putIfAbsent(new Key(p.namespace(), p.name()), p);
        }
        if (byName != null) return byName.get(new Key(namespace, name));
        for (PodInfo p : all) {
            if (Objects.equals(p.namespace(), namespace) && p.name().equals(name)) return p;
        }
        return null;
    }

    @Override public List<PodInfo> podsOf(String namespace, String deployment) {
        if (asked != null && pods == null) return askedOf.computeIfAbsent(new Key(namespace, deployment), k -> List.copyOf(cluster.podsOf(namespace, deployment)));
        List<PodInfo> out = new ArrayList<>();
        for (PodInfo p : get()) if (Objects.equals(p.namespace(), namespace) && deployment.equals(p.deployment())) out.add(p);
        return out;
    }
}
