package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InterruptTest {
    @Test
    void interruptedRun_stopsWithinASecond_withCancellation_andKeepsTheInterruptStatus() throws Exception {
        // a week of 20 services: minutes of work, so only the interrupt can end it in time
        var sim = new Simulation(Fixtures.cluster(20, Duration.ofDays(7), List.of()), 1, e -> { });
        var thrown = new AtomicReference<Throwable>();
        var stillInterrupted = new AtomicBoolean();
        var started = new CompletableFuture<Void>();
        sim.every(0, 1_000, t -> started.complete(null));
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                sim.run();
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        started.get(10, TimeUnit.SECONDS);
        long interruptedAt = System.nanoTime();
        runner.interrupt();
        runner.join(Duration.ofSeconds(5));

        assertThat(runner.isAlive()).as("the run ended").isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt)).isLessThan(1_000);
        assertThat(thrown.get()).isInstanceOf(CancellationException.class).hasMessageContaining("interrupted at t=");
        assertThat(stillInterrupted).isTrue();
        assertThat(sim.now()).isLessThan(sim.endMillis());
        assertThat(sim.runUntil(sim.endMillis())).as("a cancelled run is over").isFalse();
    }
}
