package dev.homeostat.detectors;

import java.util.EnumMap;
import java.util.Map;

/**
 * A pod's container lifecycle as an explicit state machine over its container-status vector, in
 * this order (use a multivariate policy signal with {@code metrics:} in the same order):
 *
 * <ol start="0">
 *   <li>{@code restarts}: {@code kube_pod_container_status_restarts_total} (a counter);</li>
 *   <li>{@code ready}: {@code kube_pod_status_ready} (1/0);</li>
 *   <li>{@code oom}: {@code kube_pod_container_status_last_terminated_reason{reason="OOMKilled"}} (1, or absent);</li>
 *   <li>{@code backOff}: {@code kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}} (1, or absent).</li>
 * </ol>
 *
 * <p>Each observation is reduced to one {@link Event} from the evidence of the last {@code window}
 * observations (restarts counted from counter increases, readiness changes, back-off), and the
 * {@link #TRANSITIONS} table moves the {@link State}. The table is where the stickiness lives: a
 * pod that was OOMKilled or is crash-looping stays in that state while restarts are still in the
 * window, instead of dropping to "restarting" between two deaths; only a window without restarts
 * ({@link Event#QUIET}) makes it healthy again.
 *
 * <p>Missing values: the indicators {@code oom} and {@code backOff} are series that
 * kube-state-metrics emits only while true, so NaN there means 0. A NaN {@code restarts} or
 * {@code ready} gives no evidence for that observation. A vector with no finite value at all is a
 * gap: normal verdict, score 0, nothing moves (the detectors' common rule).
 *
 * <p>Score = max(restarts in window / burst, readiness changes in window / flaps), at least 1 in
 * the OOMKilled and CrashLoopBackOff states; threshold 1; anomalous exactly in the states
 * {@link State#anomalous}.
 */
final class LifecycleDetector implements Detector {
    /** Indexes of the values vector. */
    static final int RESTARTS = 0, READY = 1, OOM = 2, BACK_OFF = 3;
    private static final double MAX_RESTARTS_PER_OBSERVATION = 1e6;

    record Config(int burst, int window, int flaps, int loop) {
        static Config from(Params p) {
            int window = p.intAtLeast("window", 20, 1);
            int burst = p.intAtLeast("burst", 3, 1);
            int flaps = p.intAtLeast("flaps", Math.min(6, window), 1);
            int loop = p.intAtLeast("loop", 2, 1);
            if (flaps > window) throw p.bad("flaps", String.valueOf(flaps), "must not exceed window (" + window + "): at most one change per observation", "flaps=" + Math.min(6, window));
            return new Config(burst, window, flaps, loop);
        }
    }

    /** The pod's lifecycle states; the name is the Kubernetes-style word used in explanations. */
    enum State {
        HEALTHY("Healthy", false),
        RESTARTING("Restarting", false),
        RESTART_BURST("RestartBurst", true),
        FLAPPING("Flapping", true),
        CRASH_LOOP_BACK_OFF("CrashLoopBackOff", true),
        OOM_KILLED("OOMKilled", true);

        final String word;
        final boolean anomalous;

        State(String word, boolean anomalous) {
            this.word = word;
            this.anomalous = anomalous;
        }
    }

    /** What one observation shows, in priority order (the first that applies). */
    enum Event {
        /** The container restarted in this observation and its last termination was OOMKilled. */
        OOM_KILL,
        /** Waiting in CrashLoopBackOff now, with at least {@code loop} restarts in the window. */
        BACK_OFF,
        /** At least {@code burst} restarts in the window. */
        BURST,
        /** At least {@code flaps} readiness changes in the window. */
        FLAP,
        /** Waiting in back-off, but too few restarts for a loop (a single crash being restarted). */
        WAITING,
        /** Some restarts in the window, below every limit. */
        RESTART,
        /** No restarts in the window (readiness changes below {@code flaps} are a pod settling, not news). */
        QUIET
    }

    /** state → (event → next state). Every state lists every event: the table is total. */
    static final Map<State, Map<Event, State>> TRANSITIONS = transitions();

    private static Map<State, Map<Event, State>> transitions() {
        var table = new EnumMap<State, Map<Event, State>>(State.class);
        // the plain states follow the evidence
        for (State s : new State[] {State.HEALTHY, State.RESTARTING, State.RESTART_BURST, State.FLAPPING}) {
            table.put(s, row(State.OOM_KILLED, State.CRASH_LOOP_BACK_OFF, State.RESTART_BURST, State.FLAPPING,
                    State.RESTARTING, State.RESTARTING, State.HEALTHY));
        }
        // a crash loop shows restarts and flaps between its deaths: it stays a crash loop until quiet; an OOM kill names the cause
        table.put(State.CRASH_LOOP_BACK_OFF, row(State.OOM_KILLED, State.CRASH_LOOP_BACK_OFF, State.CRASH_LOOP_BACK_OFF,
                State.CRASH_LOOP_BACK_OFF, State.CRASH_LOOP_BACK_OFF, State.CRASH_LOOP_BACK_OFF, State.HEALTHY));
        // OOMKilled is the most specific diagnosis: later restarts, loops and flaps keep it until the window is quiet
        table.put(State.OOM_KILLED, row(State.OOM_KILLED, State.OOM_KILLED, State.OOM_KILLED, State.OOM_KILLED,
                State.OOM_KILLED, State.OOM_KILLED, State.HEALTHY));
        return java.util.Collections.unmodifiableMap(table);
    }

    private static Map<Event, State> row(State oomKill, State backOff, State burst, State flap, State waiting, State restart, State quiet) {
        var row = new EnumMap<Event, State>(Event.class);
        row.put(Event.OOM_KILL, oomKill);
        row.put(Event.BACK_OFF, backOff);
        row.put(Event.BURST, burst);
        row.put(Event.FLAP, flap);
        row.put(Event.WAITING, waiting);
        row.put(Event.RESTART, restart);
        row.put(Event.QUIET, quiet);
        return java.util.Collections.unmodifiableMap(row);
    }

    private final Config cfg;
    // the last `window` observations' evidence, as rings with running sums
    private final double[] restartRing;
    private final boolean[] flapRing;
    private int head;
    private int filled;
    private double restartsInWindow;
    private int flapsInWindow;

    private double lastRestarts = Double.NaN;
    private int lastReady = -1;          // -1 = not seen yet
    private State state = State.HEALTHY;

    LifecycleDetector(Config cfg) {
        this.cfg = cfg;
        this.restartRing = new double[cfg.window()];
        this.flapRing = new boolean[cfg.window()];
    }

    /** The current state (for tests and explanations). */
    State state() { return state; }

    @Override
    public Verdict observe(long timeMillis, double[] values) {
        if (values == null || !anyFinite(values)) return Verdict.normal(0, 1);
        double restartsNow = at(values, RESTARTS);
        double readyNow = at(values, READY);
        boolean oom = at(values, OOM) >= 0.5;          // NaN compares false: absent series = not OOMKilled
        boolean backOff = at(values, BACK_OFF) >= 0.5;

        double restarted = 0;
        if (Double.isFinite(restartsNow)) {
            // a counter that goes down was reset (a new container identity): no restarts, new base
            // capped: no container restarts a million times between two scrapes, and sums must stay finite
            if (Double.isFinite(lastRestarts) && restartsNow > lastRestarts) restarted = Math.min(restartsNow - lastRestarts, MAX_RESTARTS_PER_OBSERVATION);
            lastRestarts = restartsNow;
        }
        boolean flapped = false;
        if (Double.isFinite(readyNow)) {
            int ready = readyNow >= 0.5 ? 1 : 0;
            flapped = lastReady >= 0 && ready != lastReady;
            lastReady = ready;
        }
        push(restarted, flapped);

        Event event = classify(restarted > 0, oom, backOff);
        state = TRANSITIONS.get(state).get(event);
        double ratio = Numbers.finite(Math.max(restartsInWindow / cfg.burst(), (double) flapsInWindow / cfg.flaps()));
        double score = state == State.OOM_KILLED || state == State.CRASH_LOOP_BACK_OFF ? Math.max(1, ratio) : ratio;
        if (!state.anomalous) return Verdict.normal(score, 1);
        return new Verdict(score, 1, true, explain(oom, backOff));
    }

    private Event classify(boolean restartedNow, boolean oom, boolean backOff) {
        if (restartedNow && oom) return Event.OOM_KILL;
        if (backOff && restartsInWindow >= cfg.loop()) return Event.BACK_OFF;
        if (restartsInWindow >= cfg.burst()) return Event.BURST;
        if (flapsInWindow >= cfg.flaps()) return Event.FLAP;
        if (backOff) return Event.WAITING;
        if (restartsInWindow > 0) return Event.RESTART;
        return Event.QUIET;
    }

    /** "OOMKilled: 3 restarts in the last 8 observations; last termination OOMKilled; waiting in CrashLoopBackOff". */
    private String explain(boolean oom, boolean backOff) {
        int seen = Math.min(filled, cfg.window());
        var sb = new StringBuilder(state.word).append(": ")
                .append(Numbers.fmt(restartsInWindow)).append(restartsInWindow == 1 ? " restart" : " restarts")
                .append(" in the last ").append(seen).append(seen == 1 ? " observation" : " observations");
        if (flapsInWindow > 0) sb.append("; ").append(flapsInWindow).append(flapsInWindow == 1 ? " readiness change" : " readiness changes");
        if (oom) sb.append("; last termination OOMKilled");
        if (backOff) sb.append("; waiting in CrashLoopBackOff");
        sb.append(" (burst=").append(cfg.burst()).append(", flaps=").append(cfg.flaps()).append(", window=").append(cfg.window()).append(')');
        return sb.toString();
    }

    private void push(double restarted, boolean flapped) {
        if (filled >= cfg.window()) {
            restartsInWindow -= restartRing[head];
            if (flapRing[head]) flapsInWindow--;
        }
        restartRing[head] = restarted;
        flapRing[head] = flapped;
        restartsInWindow += restarted;
        if (flapped) flapsInWindow++;
        head = (head + 1) % cfg.window();
        if (filled < cfg.window()) filled++;
        // subtracting what was added keeps float error; with whole restart counts this is exact, and it must never go negative
        if (restartsInWindow < 0) restartsInWindow = 0;
    }

    private static double at(double[] values, int i) { return i < values.length ? values[i] : Double.NaN; }

    private static boolean anyFinite(double[] values) {
        for (double v : values) if (Double.isFinite(v)) return true;
        return false;
    }
}
