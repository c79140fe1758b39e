package dev.homeostat.remediation.fakes;

import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.port.EngineListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps every engine event, in order. */
public final class Recorder implements EngineListener {
    public final List<EngineEvent> events = new ArrayList<>();

    @Override public void on(EngineEvent event) { events.add(event); }

    public <T extends EngineEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
