package dev.homeostat.remediation.remediator;

import java.util.List;
import java.util.Optional;

/** Every rule action by name, in the order error messages list them. Add a remediator here to make its name usable in policies. */
public final class RemediatorRegistry {
    /** One registered action. */
    public record Entry(String name, Remediator remediator) { }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("restart-pod", new RestartPodRemediator()),
            new Entry("rollback", new RollbackRemediator()),
            new Entry("scale-up", new ScaleUpRemediator()),
            new Entry("isolate-pod", new IsolatePodRemediator()),
            new Entry("cordon-node", new CordonNodeRemediator()),
            new Entry("drain-node", new DrainNodeRemediator()),
            new Entry("circuit-break", new CircuitBreakRemediator()),
            new Entry("limit-retries", new LimitRetriesRemediator()),
            new Entry("wait", new WaitRemediator()),
            new Entry("page", new PageRemediator()));

    private RemediatorRegistry() { }

    public static List<String> names() { return ENTRIES.stream().map(Entry::name).toList(); }

    public static Optional<Remediator> find(String name) {
        return ENTRIES.stream().filter(e -> e.name().equals(name)).map(Entry::remediator).findFirst();
    }

    /** The remediator of an action a validated policy names; throws for names no policy could contain. */
    public static Remediator get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown action '" + name + "'; known: " + String.join(", ", names())));
    }
}
