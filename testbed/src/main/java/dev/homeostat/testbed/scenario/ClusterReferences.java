package dev.homeostat.testbed.scenario;

import dev.homeostat.simulator.spec.CallSpec;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A scenario's references to its cluster's Deployments and Services, which name a namespace and a name. A name that
 * misses is most often one written without its namespace (the default namespace is then meant), so the error says
 * which namespace has it and the field that would name it; when no namespace has it, the names there are.
 */
final class ClusterReferences {
    // a suite's cluster may have thousands: the message stays one readable line
    private static final int LISTED = 20;

    private ClusterReferences() { }

    /**
     * {@code at}: the reference's field ({@code spec.faults[0].target.deployment}); {@code namespaceField}: the field that
     * gives its namespace ({@code target.namespace}). Returns the namespace the reference resolves to.
     */
    static String deployment(ScenarioSource src, String at, String namespaceField, String namespace, String name, ClusterSpec cluster) {
        String ns = namespace == null ? DeploymentSpec.DEFAULT_NAMESPACE : namespace;
        Set<String> keys = cluster.deployments().stream().map(d -> d.namespace() + "/" + d.name()).collect(Collectors.toCollection(TreeSet::new));
        if (!keys.contains(ns + "/" + name)) throw src.error(at, missing("deployment", "spec.cluster.deployments", namespaceField, ns, name, keys));
        return ns;
    }

    /** As {@link #deployment}, for a Service. */
    static String service(ScenarioSource src, String at, String namespaceField, String namespace, String name, ClusterSpec cluster) {
        String ns = namespace == null ? DeploymentSpec.DEFAULT_NAMESPACE : namespace;
        Set<String> keys = serviceKeys(cluster.services());
        if (!keys.contains(ns + "/" + name)) throw src.error(at, missing("service", "spec.cluster.services", namespaceField, ns, name, keys));
        return ns;
    }

    /** Every Service's Deployment, in the Service's namespace (a Service selects the pods of its own). */
    static void servicesDeployments(ScenarioSource src, List<ServiceSpec> services, List<DeploymentSpec> deployments) {
        Set<String> keys = deployments.stream().map(d -> d.namespace() + "/" + d.name()).collect(Collectors.toCollection(TreeSet::new));
        for (int i = 0; i < services.size(); i++) {
            ServiceSpec s = services.get(i);
            if (!keys.contains(s.namespace() + "/" + s.deployment()))
                throw src.error("spec.cluster.services[" + i + "].deployment",
                        missing("deployment", "spec.cluster.deployments", "namespace", s.namespace(), s.deployment(), keys));
        }
    }

    /**
     * Every call's callee, named as pods reach it by DNS: {@code <name>} in the caller's namespace, {@code <name>.<namespace>}
     * in another; a callee found in another namespace is suggested in the second form.
     */
    static void calls(ScenarioSource src, List<ServiceSpec> services) {
        Set<String> keys = serviceKeys(services);
        for (int i = 0; i < services.size(); i++) {
            ServiceSpec s = services.get(i);
            for (int j = 0; j < s.calls().size(); j++) {
                CallSpec call = s.calls().get(j);
                String key = call.calleeKey(s.namespace());
                if (keys.contains(key)) continue;
                String name = key.substring(key.indexOf('/') + 1), namespace = key.substring(0, key.indexOf('/'));
                List<String> elsewhere = namespacesOf(name, keys);
                throw src.error("spec.cluster.services[" + i + "].calls[" + j + "].service", "no service '" + call.service() + "' in namespace '" + namespace
                        + (call.service().equals(name) ? "' (the caller's)" : "'") + " in spec.cluster.services; "
                        + (elsewhere.isEmpty() ? "declare it under services or fix the name; known: " + listed(keys)
                        : "there is one in namespace " + quoted(elsewhere) + ": did you mean " + name + "." + elsewhere.getFirst() + "?"));
            }
        }
    }

    static String missing(String kind, String list, String namespaceField, String namespace, String name, Collection<String> keys) {
        List<String> elsewhere = namespacesOf(name, keys);
        String head = "no " + kind + " '" + namespace + "/" + name + "' in " + list + "; ";
        if (elsewhere.isEmpty()) return head + "known: " + listed(keys);
        return head + "there is one in namespace " + quoted(elsewhere) + ": did you mean " + namespaceField + ": " + elsewhere.getFirst() + "?";
    }

    private static Set<String> serviceKeys(List<ServiceSpec> services) {
        return services.stream().map(s -> s.namespace() + "/" + s.name()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> namespacesOf(String name, Collection<String> keys) {
        return keys.stream().filter(k -> k.substring(k.indexOf('/') + 1).equals(name)).map(k -> k.substring(0, k.indexOf('/'))).sorted().toList();
    }

    private static String quoted(List<String> namespaces) {
        return namespaces.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    private static String listed(Collection<String> keys) {
        if (keys.isEmpty()) return "none; declare it there";
        String shown = keys.stream().sorted().limit(LISTED).collect(Collectors.joining(", "));
        return keys.size() > LISTED ? shown + " … (" + (keys.size() - LISTED) + " more)" : shown;
    }
}
