package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Did a fault take effect? Snapshots its targets when it is injected and, at the end of the window,
 * tells whether the signal the fault should move moved on at least one of them — so an experiment
 * that changed nothing (no pods matched, a skew under the tolerance, a partition with no modelled
 * traffic) is reported as a no-op instead of being scored as a detection miss.
 *
 * <p>Thresholds: errors rose by ≥ 0.5 percentage points and at least doubled; mean latency rose by
 * ≥ 20 % and ≥ 1 ms; cpu by ≥ 0.01 cores; memory by ≥ 1 MiB; or a restart/deletion happened; for IO latency on
 * a share of the requests (its tail, which the mean may not show), also requests waited on file IO. "Before"
 * is the pod's last minute — or, when a fault of the same kind acted on the pod within that minute (a Schedule's
 * previous firing), the baseline that fault was measured against; at the very start of a run (no minute yet) the nominal latency
 * s / (1 − ρ) at the service's nominal rate.
 */
final class InjectionCheck implements FaultCheck {
    /** The signal a fault is expected to move. */
    enum Signal { REMOVAL, RESTART, SERVING, MEMORY, CPU, TRAFFIC, IO }

    static final double ERROR_RISE = 0.005, LATENCY_RISE = 1.2, LATENCY_MIN_RISE_S = 0.001, CPU_RISE = 0.01, MEMORY_RISE = 1 << 20;

    private record Before(PodState pod, double errorRatio, double latency, double cpuCores, double memory, int restarts,
                          double ok, double err500, double err504, double latencySeconds, double cpuSeconds, double ioDelayed, double ioWaitSeconds,
                          int stressorsKilled) { }

    private final Signal signal;
    private final String noEffectReason;
    private final long start;
    private final List<Before> before = new ArrayList<>();

    /** A pod's last minute before a fault: error ratio, mean latency (s), cpu (cores); what a fault's rise is measured against. */
    record Baseline(double errorRatio, double latency, double cpuCores) { }

    InjectionCheck(Signal signal, List<PodState> targets, long start, String noEffectReason) {
        this(signal, targets, start, noEffectReason, p -> null);
    }

    /**
     * @param noEffectReason non-null when the model gives this fault no measurable effect: the check then reports that reason
     * @param earlier a pod's baseline from before an earlier fault of the same kind still acting on it (null: its last minute)
     */
    InjectionCheck(Signal signal, List<PodState> targets, long start, String noEffectReason, Function<PodState, Baseline> earlier) {
        this.signal = signal;
        this.noEffectReason = noEffectReason;
        this.start = start;
        for (PodState p : targets) {
            Baseline base = earlier.apply(p);
            if (base == null) {
                double req = p.minuteSum(PodState.REQ), ok = p.minuteSum(PodState.OK);
                double errorRatio = req > 0 ? p.minuteSum(PodState.ERR) / req : 0;
                double latency = ok > 0 ? p.minuteSum(PodState.LATENCY_SUM) / ok : nominalLatency(p);
                double cpu = p.minuteFilled() > 0 ? p.minuteSum(PodState.CPU) / p.minuteFilled() : 0;
                base = new Baseline(errorRatio, latency, cpu);
            }
            before.add(new Before(p, base.errorRatio(), base.latency(), base.cpuCores(), p.running() ? p.memoryAt(start) : p.spec.memoryBase(),
                    p.restarts, p.ok200(), p.err500(), p.err504(), p.latencySeconds(), p.cpuSeconds(), p.ioDelayed(), p.ioWaitSeconds(), p.stressorsKilled));
        }
    }

    /** The baselines this check measures against, per target pod. */
    java.util.Map<PodState, Baseline> baselines() {
        var out = new java.util.IdentityHashMap<PodState, Baseline>();
        for (Before b : before) out.put(b.pod(), new Baseline(b.errorRatio(), b.latency(), b.cpuCores()));
        return out;
    }

    /** s / (1 − ρ) at the service's nominal rate spread over the replicas (the pod's latency at rest). */
    private static double nominalLatency(PodState p) {
        double s = p.spec.serviceTime().toNanos() / 1e9;
        ServiceState svc = p.deployment.service;
        if (svc == null) return s;
        double perPod = svc.spec.requestsPerSecond() / Math.max(1, p.deployment.replicas);
        double rho = Math.min(0.95, perPod * s / p.spec.concurrency());
        return s / (1 - rho);
    }

    @Override public SimEvent.FaultEffect finish(long now, String fault) {
        if (before.isEmpty()) return new SimEvent.FaultEffect(now, fault, false, "no pod matched the selector");
        if (noEffectReason != null) return new SimEvent.FaultEffect(now, fault, false, noEffectReason);
        int moved = 0;
        String firstDetail = null;
        double seconds = Math.max(0, (now - start) / 1000.0);
        for (Before b : before) {
            PodState p = b.pod();
            String detail = switch (signal) {
                case REMOVAL -> "pod deleted";
                case RESTART -> p.restarts > b.restarts() ? "container restarted" : null;
                case SERVING -> p.restarts > b.restarts() ? "container restarted"
                        : !p.ready() ? "pod not ready"
                        : traffic(b, p);
                case MEMORY -> p.restarts > b.restarts() ? "container restarted (memory)"
                        : p.stressorsKilled > b.stressorsKilled() ? "the stressor reached the memory limit and was OOM-killed (oomScoreAdj > 0)"
                        : p.running() && p.memoryAt(now) - b.memory() >= MEMORY_RISE
                        ? String.format(Locale.ROOT, "memory %.0f MiB -> %.0f MiB", b.memory() / (1 << 20), p.memoryAt(now) / (1 << 20)) : null;
                case CPU -> {
                    double during = seconds > 0 ? (p.cpuSeconds() - b.cpuSeconds()) / seconds : 0;
                    yield during - b.cpuCores() >= CPU_RISE ? String.format(Locale.ROOT, "cpu %.3f -> %.3f cores", b.cpuCores(), during) : null;
                }
                case TRAFFIC -> traffic(b, p);
                case IO -> {
                    String traffic = traffic(b, p);
                    yield traffic != null ? traffic : io(b, p);
                }
            };
            if (detail != null) {
                moved++;
                if (firstDetail == null) firstDetail = p.key + ": " + detail;
            }
        }
        String where = " on " + moved + " of " + before.size() + " pods";
        if (moved > 0) return new SimEvent.FaultEffect(now, fault, true, firstDetail + (before.size() > 1 ? " (moved" + where + ")" : ""));
        String expected = switch (signal) {
            case REMOVAL -> "no pod deleted";
            case RESTART -> "no container restarted (none was running)";
            case SERVING -> "the pods kept serving";
            case MEMORY -> "memory did not rise";
            case CPU -> "cpu did not rise";
            case TRAFFIC -> "errors and latency did not rise (or the pods served no requests)";
            case IO -> "errors and latency did not rise and no request waited on file IO (or the pods served no requests)";
        };
        return new SimEvent.FaultEffect(now, fault, false, expected + where.replace(" on 0 of", " on any of"));
    }

    /** Requests that waited on a slow file operation during the window: the share of the answered ones and their wait. */
    private static String io(Before b, PodState p) {
        double delayed = p.ioDelayed() - b.ioDelayed(), ok = p.ok200() - b.ok();
        if (delayed <= 0 || ok <= 0) return null;
        double wait = (p.ioWaitSeconds() - b.ioWaitSeconds()) / delayed;
        return String.format(Locale.ROOT, "%.1f%% of requests waited %.1f ms on file IO", 100 * delayed / ok, wait * 1000);
    }

    /** Errors or latency of the requests the pod handled during the window, against its last minute before. */
    private static String traffic(Before b, PodState p) {
        double ok = p.ok200() - b.ok(), e500 = p.err500() - b.err500(), e504 = p.err504() - b.err504();
        double req = ok + e500 + e504;
        if (req <= 0) return null;
        double errorRatio = (e500 + e504) / req;
        if (errorRatio - b.errorRatio() >= ERROR_RISE && errorRatio >= 2 * b.errorRatio())
            return String.format(Locale.ROOT, "errors %.1f%% -> %.1f%%", b.errorRatio() * 100, errorRatio * 100);
        if (ok <= 0) return null;
        double latency = (p.latencySeconds() - b.latencySeconds()) / ok;
        if (latency >= LATENCY_RISE * b.latency() && latency - b.latency() >= LATENCY_MIN_RISE_S)
            return String.format(Locale.ROOT, "mean latency %.1f ms -> %.1f ms", b.latency() * 1000, latency * 1000);
        return null;
    }
}
