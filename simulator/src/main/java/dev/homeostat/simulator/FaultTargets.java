package dev.homeostat.simulator;

import dev.homeostat.simulator.fault.Deadlock;
import dev.homeostat.simulator.fault.DeploymentFault;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.NodeFault;
import dev.homeostat.simulator.fault.Orchestration;
import dev.homeostat.simulator.fault.PodFault;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.fault.ServiceFault;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * What a fault hits, one rule per family: before the run, that what the spec's faults name exists ({@link #check});
 * at injection, which pods it targets ({@link #of}), drawn from the fault stream where the mode or the fault leaves a
 * choice.
 */
final class FaultTargets {
    private final Cluster cluster;
    private final SplittableRandom faultChoice;

    FaultTargets(Cluster cluster, SplittableRandom faultChoice) {
        this.cluster = cluster;
        this.faultChoice = faultChoice;
    }

    /** Before the run: fault names are unique and every deployment, service and node a fault names exists. */
    static void check(List<Fault> faults, Cluster cluster) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            String where = "faults[" + i + "]";
            if (!names.add(f.name())) throw new IllegalArgumentException(where + ".name: duplicate fault '" + f.name() + "'; fault names must be unique in a run");
            switch (f) {
                case PodFault p -> { }
                case Orchestration o -> { }
                case DeploymentFault d -> {
                    if (cluster.deployment(d.namespace(), d.deployment()) == null)
                        throw new IllegalArgumentException(where + ".target.deployment: no deployment '" + d.deployment() + "' in namespace '"
                                + d.namespace() + "' for fault '" + f.name() + "'; name one of " + cluster.deploymentKeys());
                }
                case ServiceFault s -> {
                    if (cluster.service(s.namespace(), s.service()) == null)
                        throw new IllegalArgumentException(where + ".target.service: no service '" + s.service() + "' in namespace '"
                                + s.namespace() + "' for fault '" + f.name() + "'; name one of " + cluster.serviceKeys());
                }
                case NodeFault n -> {
                    if (cluster.node(n.node()) == null)
                        throw new IllegalArgumentException(where + ".target.node: no node '" + n.node() + "' for fault '" + f.name()
                                + "'; name one of " + cluster.nodeNames());
                }
            }
        }
    }

    /** The fault's target pods, sorted by key: one rule per family. */
    List<PodState> of(Fault fault) {
        return switch (fault) {
            case PodFault f -> select(f);
            case DeploymentFault f -> {
                List<PodState> pods = podsOf(cluster.deployment(f.namespace(), f.deployment()));
                yield f instanceof Deadlock lock ? choose(pods, lock.pods()) : pods;
            }
            case ServiceFault f -> podsOf(cluster.service(f.namespace(), f.service()).deployment);
            case NodeFault f -> cluster.podsOn(cluster.node(f.node()));
            case Orchestration o -> List.of();
        };
    }

    /** Chaos Mesh's selection: matching live, scheduled pods sorted by name; the mode picks how many, the fault stream which. */
    private List<PodState> select(PodFault f) {
        return select(f.selector(), f.mode(), f::hitsContainer);
    }

    /** Pods matching {@code selector} (and {@code container}), as many as {@code mode} picks. */
    List<PodState> select(PodSelector selector, SelectionMode mode, Predicate<String> container) {
        List<PodState> matching = new ArrayList<>();
        for (PodState p : cluster.pods())
            if (!p.terminating() && p.node != null && container.test(p.spec.name())
                    && selector.matches(p.namespace, p.name, p.deployment.podLabels, p.deployment.podAnnotations, p.node.spec.name(), p.node.spec.labels(), p.phase(), p.spec.name())) matching.add(p);
        return choose(matching, mode.count(matching.size(), faultChoice.nextInt(101)));
    }

    /** {@code count} of {@code pods} drawn from the fault stream, sorted by key. */
    private List<PodState> choose(List<PodState> pods, int count) {
        count = Math.min(count, pods.size());
        for (int i = 0; i < count; i++) Collections.swap(pods, i, i + faultChoice.nextInt(pods.size() - i));
        List<PodState> chosen = new ArrayList<>(pods.subList(0, count));
        chosen.sort(Comparator.comparing(p -> p.key));
        return chosen;
    }

    /** The Deployment's pods that are not being deleted, sorted by key. */
    private static List<PodState> podsOf(DeploymentState d) {
        List<PodState> all = new ArrayList<>();
        for (PodState p : d.pods) if (!p.terminating()) all.add(p);
        all.sort(Comparator.comparing(p -> p.key));
        return all;
    }
}
