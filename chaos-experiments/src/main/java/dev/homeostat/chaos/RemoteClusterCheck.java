package dev.homeostat.chaos;

import static dev.homeostat.chaos.TargetCluster.SCENARIO_FIELD;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.TargetCluster.Named;
import dev.homeostat.chaos.TargetCluster.Unknown;
import dev.homeostat.chaos.TargetCluster.Unnamed;

/** An experiment's {@code spec.remoteCluster} against the {@link TargetCluster} its manifest is applied to. */
final class RemoteClusterCheck {
    private RemoteClusterCheck() { }

    /**
     * Checks the experiment's {@code spec.remoteCluster} (if written) against this cluster: a note when the cluster is
     * unknown, nothing when it names this cluster, else a refusal naming the field, the name and the fix.
     */
    static void check(ManifestContext ctx) {
        String field = "spec.remoteCluster";
        JsonNode node = ctx.at(field);
        if (!node.isTextual() || node.asText().isEmpty()) return;
        String remote = node.asText();
        if (!remote.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*") || remote.length() > 253)
            throw ctx.fail(field, "\"" + remote + "\" is not a Kubernetes object name, so no RemoteCluster has it; use the metadata.name of the "
                    + "RemoteCluster that connects Chaos Mesh to the target cluster (lowercase letters, digits, '-' and '.')");
        switch (ctx.cluster()) {
            case Unknown u -> ctx.note(field, "Chaos Mesh creates this experiment in the cluster the RemoteCluster \"" + remote
                    + "\" connects to: a scenario simulates it only when its cluster is named so (" + SCENARIO_FIELD + ": " + remote
                    + "), and a live run hands it to Chaos Mesh unchanged");
            case Named n when n.name().equals(remote) -> { }
            case Named n -> throw ctx.fail(field, "\"" + remote + "\" is another cluster than the one this scenario simulates (\"" + n.name()
                    + "\", its " + SCENARIO_FIELD + "), and Chaos Mesh would inject the experiment there; name the scenario's cluster "
                    + remote + " or remove remoteCluster from the experiment");
            case Unnamed u -> throw ctx.fail(field, "\"" + remote + "\" names the cluster Chaos Mesh injects into, and this scenario's cluster has "
                    + "no name; add " + SCENARIO_FIELD + ": " + remote + " to the scenario or remove remoteCluster from the experiment");
        }
    }
}
