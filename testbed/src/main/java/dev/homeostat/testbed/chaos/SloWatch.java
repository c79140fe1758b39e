package dev.homeostat.testbed.chaos;

import dev.homeostat.reports.journal.JournalEvent;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The SLO as a live chaos run sees it: each poll reads the probe's error ratios and journals a service going over
 * {@code --slo-error-ratio} ({@code SloViolated}) and back ({@code SloRestored}, {@code by} = {@code fault-ended} when a
 * fault had ended by then, else {@code kubernetes}: the engine is off). Used by the run's thread only.
 */
final class SloWatch {
    private final SloProbe probe;
    private final double threshold;
    private final Consumer<JournalEvent> journal;
    private final Consumer<String> log;
    private final Map<String, Long> violatedSince = new TreeMap<>();
    private long lastFaultEnd = Long.MIN_VALUE;

    SloWatch(SloProbe probe, double threshold, Consumer<JournalEvent> journal, Consumer<String> log) {
        this.probe = probe;
        this.threshold = threshold;
        this.journal = journal;
        this.log = log;
    }

    /** A fault ended at run time {@code t}: a violation restored after it is the fault's end's doing. */
    void faultEnded(long t) {
        lastFaultEnd = Math.max(lastFaultEnd, t);
    }

    /** The services whose SLO is violated now. */
    Set<String> violated() {
        return violatedSince.keySet();
    }

    /** Reads the probe at wall time {@code wallMillis}; journals at run time {@code now}. */
    void poll(long wallMillis, long now) {
        for (SloReading r : probe.read(wallMillis)) {
            boolean bad = r.errorRatio() > threshold;
            Long since = violatedSince.get(r.service());
            if (bad && since == null) {
                violatedSince.put(r.service(), now);
                journal.accept(new JournalEvent.SloViolated(now, r.service(), "error ratio " + r.errorRatio() + " > " + threshold));
                log.accept("SLO violated: " + r.service() + " error ratio " + r.errorRatio());
            } else if (!bad && since != null) {
                violatedSince.remove(r.service());
                journal.accept(new JournalEvent.SloRestored(now, r.service(), lastFaultEnd >= since ? "fault-ended" : "kubernetes"));
                log.accept("SLO restored: " + r.service());
            }
        }
    }
}
