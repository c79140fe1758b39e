package dev.homeostat.testbed.chaos;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The Chaos Mesh objects a live run created, and their deletion: each created object is deleted once, then everything
 * still carrying the run's label is swept. Creating and cleaning up share one lock, so nothing is created once the
 * cleanup has begun.
 */
final class LiveObjects {
    private final KubernetesClient client;
    private final String runId;
    private final Consumer<String> log;
    private final Object lock = new Object();
    private final List<Planned> applied = new ArrayList<>();     // guarded by lock: create attempted
    private final List<String> createdRefs = new ArrayList<>();  // guarded by lock: create answered
    private final Set<String> deletedRefs = new TreeSet<>();     // guarded by lock

    LiveObjects(KubernetesClient client, String runId, Consumer<String> log) {
        this.client = client;
        this.runId = runId;
        this.log = log;
    }

    /** The objects whose create the server answered, as {@code Kind/namespace/name}. */
    List<String> created() {
        synchronized (lock) {
            return List.copyOf(createdRefs);
        }
    }

    /** Creates {@code p} unless the run was {@code aborted} (checked under the lock the cleanup holds). */
    boolean create(Planned p, BooleanSupplier aborted) {
        synchronized (lock) {
            if (aborted.getAsBoolean()) return false;
            applied.add(p); // before the call: a create that reached the server but whose answer was lost is still cleaned up
            client.resource(p.model()).inNamespace(p.namespace()).create();
            createdRefs.add(p.ref());
            return true;
        }
    }

    /** Deletes what this run created; idempotent. False when a delete failed (the log names it and the kubectl fix). */
    boolean cleanup() {
        synchronized (lock) {
            boolean ok = true;
            for (Planned p : applied) {
                if (deletedRefs.contains(p.ref())) continue;
                try {
                    client.resource(p.model()).inNamespace(p.namespace()).delete();
                    deletedRefs.add(p.ref());
                    log.accept("deleted " + p.ref());
                } catch (RuntimeException e) {
                    ok = false;
                    log.accept("could not delete " + p.ref() + ": " + e.getMessage() + "; delete it by hand: " + kubectlDelete(p));
                }
            }
            if (applied.isEmpty()) return ok;
            var swept = new TreeSet<String>();
            for (Planned p : applied) {
                if (!swept.add(p.model().getClass().getName() + " " + p.namespace())) continue;
                try {
                    client.resources(p.model().getClass()).inNamespace(p.namespace()).withLabel(LiveChaosRun.RUN_ID_LABEL, runId).delete();
                } catch (RuntimeException e) {
                    ok = false;
                    log.accept("could not sweep " + p.model().getKind() + " in " + p.namespace() + ": " + e.getMessage()
                            + "; delete by hand: " + kubectlDelete(p));
                }
            }
            return ok;
        }
    }

    private String kubectlDelete(Planned p) {
        return "kubectl delete " + p.model().getKind().toLowerCase(java.util.Locale.ROOT) + "." + p.model().getApiVersion().split("/")[0]
                + " -n " + p.namespace() + " -l " + LiveChaosRun.RUN_ID_LABEL + "=" + runId;
    }
}
