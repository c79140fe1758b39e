package dev.homeostat.testbed.chaos;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test clock: sleeping advances virtual time by the full amount at once, after a short real pause so the
 * mock server's watch events (delivered on other threads) arrive between steps.
 */
final class ManualClock implements RunClock {
    private final AtomicLong now = new AtomicLong(1_767_225_600_000L); // 2026-01-01T00:00:00Z
    private final long realPauseMillis;

    ManualClock(long realPauseMillis) {
        this.realPauseMillis = realPauseMillis;
    }

    @Override public long millis() { return now.get(); }

    @Override public void sleep(Duration d) throws InterruptedException {
        Thread.sleep(realPauseMillis);
        now.addAndGet(d.toMillis());
    }
}
