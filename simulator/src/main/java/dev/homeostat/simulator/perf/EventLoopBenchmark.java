package dev.homeostat.simulator.perf;

import dev.homeostat.simulator.core.EventQueue;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The "hold" model of event-list benchmarks: {@code pending} events wait in the queue; each
 * operation polls the earliest and schedules one new event a random delay later, so the queue
 * stays at {@code pending}. Runs {@link EventQueue} and, in the same JVM and on the same delays,
 * {@link PriorityQueue} of event objects ordered by (time, band, sequence) — the usual way to write
 * a future-event list in Java, which allocates one object per event.
 */
public final class EventLoopBenchmark {
    /** One measurement: events per second of each queue and their ratio. */
    public record Result(int pending, long operations, double eventQueuePerSecond, double priorityQueuePerSecond) {
        public double ratio() { return eventQueuePerSecond / priorityQueuePerSecond; }
    }

    private record Event(long time, int band, long sequence, Runnable handler) { }

    private static final Comparator<Event> ORDER = Comparator.comparingLong(Event::time)
            .thenComparingInt(Event::band).thenComparingLong(Event::sequence);
    private static final Runnable NOTHING = () -> { };

    private EventLoopBenchmark() { }

    /**
     * Measures both queues with {@code pending} events for {@code operations} poll+add pairs each,
     * {@code rounds} times alternately (the first rounds warm the JIT up); keeps each queue's best round.
     */
    public static Result run(int pending, long operations, int rounds, long seed) {
        if (pending < 1) throw new IllegalArgumentException("pending: must be >= 1, was " + pending);
        if (operations < 1) throw new IllegalArgumentException("operations: must be >= 1, was " + operations);
        if (rounds < 1) throw new IllegalArgumentException("rounds: must be >= 1, was " + rounds);
        // delays drawn once, so both queues see the same sequence; exponential-ish spread over 0..~60 s
        var random = new SplittableRandom(seed);
        long[] delays = new long[1 << 16];
        for (int i = 0; i < delays.length; i++) delays[i] = (long) (-Math.log(1 - random.nextDouble()) * 10_000);
        long[] initial = new long[pending];
        for (int i = 0; i < pending; i++) initial[i] = random.nextLong(60_000);
        double bestOurs = 0, bestJdk = 0;
        for (int r = 0; r < rounds; r++) {
            bestOurs = Math.max(bestOurs, eventQueue(initial, delays, operations));
            bestJdk = Math.max(bestJdk, priorityQueue(initial, delays, operations));
        }
        return new Result(pending, operations, bestOurs, bestJdk);
    }

    static volatile long sink;

    private static double eventQueue(long[] initial, long[] delays, long operations) {
        var q = new EventQueue<Runnable>(initial.length + 1);
        for (int i = 0; i < initial.length; i++) q.add(initial[i], i & 3, NOTHING);
        int mask = delays.length - 1;
        long check = 0;
        long start = System.nanoTime();
        for (long i = 0; i < operations; i++) {
            q.poll().run();
            long now = q.now();
            check += now;
            q.add(now + delays[(int) i & mask], (int) i & 3, NOTHING);
        }
        long elapsed = System.nanoTime() - start;
        sink = check;
        return operations * 1e9 / elapsed;
    }

    private static double priorityQueue(long[] initial, long[] delays, long operations) {
        var q = new PriorityQueue<Event>(initial.length + 1, ORDER);
        long sequence = 0;
        for (int i = 0; i < initial.length; i++) q.add(new Event(initial[i], i & 3, sequence++, NOTHING));
        int mask = delays.length - 1;
        long check = 0;
        long start = System.nanoTime();
        for (long i = 0; i < operations; i++) {
            Event e = q.poll();
            e.handler().run();
            long now = e.time();
            check += now;
            q.add(new Event(now + delays[(int) i & mask], (int) i & 3, sequence++, NOTHING));
        }
        long elapsed = System.nanoTime() - start;
        sink = check;
        return operations * 1e9 / elapsed;
    }
}
