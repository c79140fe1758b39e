package dev.homeostat.testbed.chaos;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The clusters experiments name in {@code spec.remoteCluster}, as the kubeconfig reaches them: Chaos Mesh forwards such an
 * experiment to the cluster its RemoteCluster connects to, so a live run watches the targets there, through the
 * kubeconfig's context of that name. No such context: the run says so, and does not watch them.
 */
public interface RemoteClusters extends AutoCloseable {
    /** No cluster besides the kubeconfig's own. */
    RemoteClusters NONE = name -> Optional.empty();

    /** A client for cluster {@code name} (the kubeconfig's context of that name), or empty when there is none. */
    Optional<KubernetesClient> client(String name);

    /** Closes the clients this made. */
    @Override default void close() { }

    /**
     * The kubeconfig's {@code contexts}: a client for one of them is opened ({@code open}) the first time it is asked
     * for, and closed with this.
     */
    static RemoteClusters of(Collection<String> contexts, Function<String, KubernetesClient> open) {
        Set<String> known = new TreeSet<>(contexts);
        Map<String, KubernetesClient> opened = new TreeMap<>();
        return new RemoteClusters() {
            @Override public synchronized Optional<KubernetesClient> client(String name) {
                if (!known.contains(name)) return Optional.empty();
                return Optional.of(opened.computeIfAbsent(name, open));
            }

            @Override public synchronized void close() {
                opened.values().forEach(KubernetesClient::close);
                opened.clear();
            }
        };
    }
}
