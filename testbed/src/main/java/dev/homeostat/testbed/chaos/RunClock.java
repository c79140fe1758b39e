package dev.homeostat.testbed.chaos;

import java.time.Duration;

/**
 * Time for a live chaos run: the wall clock in production, a controllable one in tests. Sleeping goes
 * through the clock too, so a test clock can advance virtual minutes in a few real milliseconds.
 */
public interface RunClock {
    /** Milliseconds since the epoch (Prometheus queries are placed on this time line). */
    long millis();

    /** Waits {@code d}; interruptible, so a Ctrl-C ends the wait at once. */
    void sleep(Duration d) throws InterruptedException;

    /** The wall clock. */
    static RunClock system() {
        return new RunClock() {
            @Override public long millis() { return System.currentTimeMillis(); }

            @Override public void sleep(Duration d) throws InterruptedException {
                if (d.isPositive()) Thread.sleep(d);
            }
        };
    }
}
