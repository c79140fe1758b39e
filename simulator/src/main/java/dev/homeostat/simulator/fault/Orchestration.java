package dev.homeostat.simulator.fault;

import dev.homeostat.simulator.cluster.ServiceNow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Not a fault itself but what injects faults at run time: a Chaos Mesh Workflow whose steps depend on the cluster
 * (a Task's container, a StatusCheck). The simulator starts a fresh {@link Actor} from {@code actors} at
 * {@code start} of each run, calls it then and at every instant it asks for, and applies what it returns: faults
 * to inject (each at its own start, not before now), faults to stop early (a workflow aborted by its status check),
 * lines for the journal. It selects nothing and has no injection check; the faults it injects are scored as any.
 *
 * @param duration how long it may run, when known (else zero); informative only
 * @param kind     e.g. {@code Workflow/runtime}
 */
public record Orchestration(String name, Duration start, Duration duration, String kind, Supplier<Actor> actors) implements Fault {
    public Orchestration {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: an orchestration needs a name");
        Faults.checkTimes(start, duration);
        if (kind == null || kind.isBlank()) throw new IllegalArgumentException("kind: required");
        if (actors == null) throw new IllegalArgumentException("actors: required (one fresh actor per run)");
    }

    /** One run's state of the orchestration: asked what to do at the instants it names. */
    public interface Actor {
        Act act(long nowMillis, ClusterProbe cluster);
    }

    /**
     * What an actor wants now: {@code inject} (their start at or after now), {@code stop} (fault names: a running one
     * ends now, one not yet started never starts), {@code notes} for the journal, and when to be asked again
     * ({@code nextMillis} after now; -1: never).
     */
    public record Act(List<Fault> inject, List<String> stop, List<String> notes, long nextMillis) {
        public Act {
            inject = List.copyOf(inject);
            stop = List.copyOf(stop);
            notes = List.copyOf(notes);
        }
    }

    /** What an actor may read of the cluster at the instant it is asked. */
    public interface ClusterProbe {
        /** Every Service as {@code namespace/name}, sorted. */
        List<String> services();

        /** The Service's state at this instant (its last traffic step), if it exists. */
        Optional<ServiceNow> service(String namespace, String name);
    }
}
