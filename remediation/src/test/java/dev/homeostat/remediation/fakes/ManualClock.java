package dev.homeostat.remediation.fakes;

import dev.homeostat.remediation.port.Clock;
import java.time.Duration;

/** A clock the test moves by hand. */
public final class ManualClock implements Clock {
    private long now;

    public ManualClock(long start) { this.now = start; }

    @Override public long millis() { return now; }

    public void set(long millis) { now = millis; }

    public void advance(Duration d) { now += d.toMillis(); }
}
