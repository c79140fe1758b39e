package dev.homeostat.remediation.live.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What one engine evaluation has listed from the API server, each kind once: an evaluation asks about pods,
 * Deployments, nodes and budgets many times (each anomaly's pod, its peers, the guards), and each question was a full
 * listing. Kept from {@link #refresh} (the evaluation's start) until the next one or {@link #forget} (after an action);
 * before the first refresh — a view used outside the engine's evaluations — nothing is kept. A hand-written memo rather
 * than an informer cache: the view stays a plain list at each evaluation, as consistent as one listing, with no watch
 * to keep alive or resynchronise.
 */
final class EvaluationListings {
    /** Each kind's listing by its name ("pods", "deployments", …); null before the first refresh. */
    private volatile Map<String, List<?>> listed;

    void refresh() { listed = new ConcurrentHashMap<>(); }

    void forget() {
        if (listed != null) listed = new ConcurrentHashMap<>();
    }

    /** The evaluation's listing of {@code kind}, taken by {@code list} at its first question. */
    @SuppressWarnings("unchecked") // each kind's name is only ever given lists of its one element type
    <T> List<T> of(String kind, Supplier<List<T>> list) {
        Map<String, List<?>> l = listed;
        if (l == null) return list.get();
        return (List<T>) l.computeIfAbsent(kind, k -> list.get());
    }
}
