package dev.homeostat.simulator;

import dev.homeostat.simulator.spec.CallSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The services' call graph: resolves each {@code calls} entry to its callee and orders the traffic
 * steps so every caller runs before the services it calls (it sends them this second's load). A
 * cycle is rejected: load would have no first service to start from.
 */
final class TrafficOrder {
    private TrafficOrder() { }

    /**
     * Resolves {@code calls} of every service ({@link CallSpec#calleeKey}) and returns the
     * deployments in traffic order: Kahn's topological order, ties broken by deployment key, so a
     * cluster without calls keeps the deployments' key order.
     */
    static List<DeploymentState> wire(List<DeploymentState> deployments, List<ServiceState> services) {
        CallSpec.checkGraph(services.stream().map(s -> s.spec).toList());
        Map<String, ServiceState> byKey = new TreeMap<>();
        for (ServiceState s : services) byKey.put(s.key, s);
        for (ServiceState s : services) {
            var calls = s.spec.calls();
            s.callees = new ServiceState[calls.size()];
            s.callCounts = new double[calls.size()][3];
            for (int i = 0; i < calls.size(); i++) {
                ServiceState callee = byKey.get(calls.get(i).calleeKey(s.spec.namespace()));
                if (callee == null)
                    throw new IllegalArgumentException("services." + s.spec.name() + ".calls[" + i + "].service: no service '" + calls.get(i).service()
                            + "' in namespace '" + s.spec.namespace() + "'; declare it under services or fix the name");
                s.callees[i] = callee;
                callee.called = true;
            }
        }
        // Kahn's algorithm over deployments; an edge goes from a caller's deployment to its callee's
        Map<String, Integer> indegree = new TreeMap<>();
        for (DeploymentState d : deployments) indegree.put(d.key, 0);
        for (ServiceState s : services) for (ServiceState c : s.callees) indegree.merge(c.deployment.key, 1, Integer::sum);
        Map<String, DeploymentState> byDeployment = new TreeMap<>();
        for (DeploymentState d : deployments) byDeployment.put(d.key, d);
        TreeSet<String> ready = new TreeSet<>();
        indegree.forEach((k, n) -> { if (n == 0) ready.add(k); });
        List<DeploymentState> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            DeploymentState d = byDeployment.get(ready.pollFirst());
            order.add(d);
            if (d.service == null) continue;
            for (ServiceState c : d.service.callees)
                if (indegree.merge(c.deployment.key, -1, Integer::sum) == 0) ready.add(c.deployment.key);
        }
        return order;
    }
}
