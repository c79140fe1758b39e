package dev.homeostat.remediation.live.kubernetes;

import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PdbInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.List;
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
    private static final class Listed {
        volatile List<PodInfo> pods;
        volatile List<DeploymentInfo> deployments;
        volatile List<NodeInfo> nodes;
        volatile List<PdbInfo> pdbs;
    }

    private volatile Listed listed;

    void refresh() { listed = new Listed(); }

    void forget() {
        if (listed != null) listed = new Listed();
    }

    List<PodInfo> pods(Supplier<List<PodInfo>> list) {
        Listed l = listed;
        if (l == null) return list.get();
        if (l.pods == null) l.pods = list.get();
        return l.pods;
    }

    List<DeploymentInfo> deployments(Supplier<List<DeploymentInfo>> list) {
        Listed l = listed;
        if (l == null) return list.get();
        if (l.deployments == null) l.deployments = list.get();
        return l.deployments;
    }

    List<NodeInfo> nodes(Supplier<List<NodeInfo>> list) {
        Listed l = listed;
        if (l == null) return list.get();
        if (l.nodes == null) l.nodes = list.get();
        return l.nodes;
    }

    List<PdbInfo> pdbs(Supplier<List<PdbInfo>> list) {
        Listed l = listed;
        if (l == null) return list.get();
        if (l.pdbs == null) l.pdbs = list.get();
        return l.pdbs;
    }
}
