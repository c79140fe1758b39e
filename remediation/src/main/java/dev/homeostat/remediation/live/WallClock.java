package dev.homeostat.remediation.live;

import dev.homeostat.remediation.port.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live engine's clock: the system's wall clock, held from going backwards (an NTP step back
 * would otherwise make {@code Engine.tick()} refuse the time). Used only live, never in simulation.
 */
public final class WallClock implements Clock {
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    @Override public long millis() {
        return last.accumulateAndGet(System.currentTimeMillis(), Math::max);
    }
}
