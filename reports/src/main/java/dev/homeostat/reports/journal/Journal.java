package dev.homeostat.reports.journal;

import java.util.List;

/** A complete run: which scenario, which seed, engine on or off, and its events in time order. */
public record Journal(String scenario, long seed, boolean engine, List<JournalEvent> events) {
    public Journal {
        events = List.copyOf(events);
    }
}
