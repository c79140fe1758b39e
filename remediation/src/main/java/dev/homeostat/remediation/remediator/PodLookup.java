package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.port.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cluster's pods as one instant shows them, asked by name or by Deployment: where a remediator looks its pods up.
 * The router's answers a tick's questions from the cluster's own lookups where the view has them (an index, as the
 * simulator's), and from one listing of the pods otherwise.
 */
public interface PodLookup {
    /** The pod {@code namespace/name} (the first so named, where a listing holds two), or null. */
    PodInfo pod(String namespace, String name);

    /** The pods the Deployment {@code namespace/deployment} owns, Terminating ones included. */
    List<PodInfo> podsOf(String namespace, String deployment);

    /** Lookups that walk this listing of the cluster's pods. */
    static PodLookup of(List<PodInfo> pods) {
        List<PodInfo> listed = List.copyOf(pods);
        return new PodLookup() {
            @Override public PodInfo pod(String namespace, String name) {
                for (PodInfo p : listed) if (Objects.equals(p.namespace(), namespace) && p.name().equals(name)) return p;
                return null;
            }

            @Override public List<PodInfo> podsOf(String namespace, String deployment) {
                List<PodInfo> out = new ArrayList<>();
                for (PodInfo p : listed) if (Objects.equals(p.namespace(), namespace) && deployment.equals(p.deployment())) out.add(p);
                return out;
            }
        };
    }
}
