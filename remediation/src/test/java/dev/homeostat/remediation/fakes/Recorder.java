package dev.homeostat.remediation.fakes;

import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.port.EngineListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps every engine event, in order. */
public final class Recorder implements EngineListener {
    public final List<EngineEvent> events = new ArrayList<>();

    @Override public void on(EngineEvent event) { events.add(event); }

    /** Actions that reached the cluster (applied or refused by it). */
    public List<EngineEvent.ActionTaken> executed() {
        return of(EngineEvent.ActionTaken.class).stream().filter(a -> a.outcome() != EngineEvent.Outcome.HELD).toList();
    }

    /** Actions a guard, the rule's mode or the remediator held back. */
    public List<EngineEvent.ActionTaken> held() {
        return of(EngineEvent.ActionTaken.class).stream().filter(a -> a.outcome() == EngineEvent.Outcome.HELD).toList();
    }

    public <T extends EngineEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
