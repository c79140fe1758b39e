package dev.homeostat.chaos;

import dev.homeostat.simulator.cluster.ServiceNow;
import dev.homeostat.simulator.fault.Orchestration;
import java.util.Optional;

/**
 * Which simulated Service a host name addresses, as cluster DNS resolves it from a pod of {@code namespace}:
 * {@code checkout} (that namespace), {@code checkout.shop}, {@code checkout.shop.svc} or
 * {@code checkout.shop.svc.cluster.local} (namespace shop); a port is ignored. An IP address or an outside host names
 * no Service.
 */
final class ServiceAddress {
    private ServiceAddress() { }

    static Optional<ServiceNow> resolve(String host, String namespace, Orchestration.ClusterProbe cluster) {
        if (host == null || host.isBlank() || host.matches("[0-9.]+|\\[.*]")) return Optional.empty();
        String[] labels = host.toLowerCase(java.util.Locale.ROOT).split("\\.");
        if (labels.length > 2 && !labels[2].equals("svc")) return Optional.empty();
        return cluster.service(labels.length >= 2 ? labels[1] : namespace, labels[0]);
    }

    /** The host of an http(s) URL, or empty when {@code url} is none. */
    static Optional<String> hostOf(String url) {
        try {
            String host = new java.net.URI(url).getHost();
            return Optional.ofNullable(host);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
