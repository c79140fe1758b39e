package dev.homeostat.remediation.router;

import dev.homeostat.remediation.port.PodInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A tick's list of the cluster's pods, listed at the first need and kept, and found by name: the first few lookups
 * walk the list, later ones an index of it built once (a tick routing many anomalies of a 30,000-pod cluster would
 * otherwise walk it once per anomaly). Either way a lookup answers the list's first pod of that name.
 */
final class TickPods implements Supplier<List<PodInfo>> {
    /** Lookups answered by walking the list before it is indexed: an index costs about this many walks to build. */
    static final int WALKS = 4;

    private final Supplier<List<PodInfo>> listPods;
    private List<PodInfo> pods;
    private Map<Key, PodInfo> byName;
    private int lookups;

    private record Key(String namespace, String name) { }

    TickPods(Supplier<List<PodInfo>> listPods) { this.listPods = Objects.requireNonNull(listPods, "listPods"); }

    @Override public List<PodInfo> get() {
        if (pods == null) pods = listPods.get();
        return pods;
    }

    /** The first listed pod named {@code name} in {@code namespace}, or null. */
    PodInfo find(String namespace, String name) {
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
}
