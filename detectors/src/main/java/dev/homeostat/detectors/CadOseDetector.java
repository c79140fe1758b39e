package dev.homeostat.detectors;

import java.util.Arrays;

/**
 * Contextual Anomaly Detector, open-source edition (CAD OSE; M. Smirnov 2016, the 2016 NAB competition
 * winner; NAB's {@code nab/detectors/context_ose/cad_ose.py}): each value is quantised to {@code bits}
 * bits over the value range, its set bits become "sensor facts", and {@link ContextMemory} learns which
 * facts follow which. The raw score of a step is {@code (1 − share of the selected contexts that became
 * active + share of proposed contexts that were new) / 2}: high when the sequence of values is one the
 * memory has not seen. After a raw score ≥ {@code threshold}, the next {@code rest} steps report 0 — one
 * report per new anomaly — as the reference does.
 *
 * <p>Range: with {@code min} and {@code max} given the quantisation is fixed (NAB gives the reference the
 * whole file's range in advance); values outside it get levels past the last one (more bits), i.e. facts
 * never seen before. Without them — the streaming version, with no look-ahead — the range is the one seen
 * so far; a value beyond it widens it, which changes every level, so a fresh memory is taught the last
 * {@code replay} values under the new range (their scores are not reported) before the value is scored.
 * Without that replay the old memory is useless after a widening and the detector alarms until it has
 * relearnt (measured on NAB: 50.7 standard without, 73.0 with).
 *
 * <p>The memory grows with every new context, and a step visits the contexts whose left part shares a
 * fact with the previous step (on white noise that is nearly all of them); {@code maxContexts} bounds
 * both: a full memory is cleared and learning starts again.
 * {@code offset} shifts the level edges by a fraction of a level (an ensemble of offsets averages out
 * where the edges fall).
 */
final class CadOseDetector implements UnivariateScorer {
    record Config(double min, double max, int rest, double threshold, int maxLeft, int neurons, int bits, int maxContexts, int replay, double offset) {
        static Config from(Params p) {
            double min = p.has("min") ? p.anyNumber("min", 0) : Double.NaN;
            double max = p.has("max") ? p.anyNumber("max", 0) : Double.NaN;
            if (Double.isNaN(min) != Double.isNaN(max)) throw p.invalid("give both 'min' and 'max' (a fixed value range) or neither (the range seen so far)");
            if (!Double.isNaN(min) && !(max >= min)) throw p.bad("max", Numbers.fmt(max), "must be ≥ min (" + Numbers.fmt(min) + ")", "max=" + Numbers.fmt(min + 1));
            int rest = p.intAtLeast("rest", 30, 0);
            double threshold = p.number("threshold", 0.75, 0, true, 1, false);
            int maxLeft = p.intAtLeast("contexts", 7, 1);
            int neurons = p.intAtLeast("neurons", 15, 1);
            int bits = p.intAtLeast("bits", 3, 1);
            if (bits > 16) throw p.bad("bits", String.valueOf(bits), "must be at most 16", "bits=3");
            int maxContexts = p.intAtLeast("maxContexts", 20_000, 16);
            int replay = p.intAtLeast("replay", 750, 0);
            double offset = p.number("offset", 0, 0, false, 1, true);
            return new Config(min, max, rest, threshold, maxLeft, neurons, bits, maxContexts, replay, offset);
        }
    }

    /** Facts of the active contexts ("neurons") are offset like the reference's {@code 2 ** 31 + id}. */
    private static final long NEURON = 1L << 31;
    /** The fact that marks a value below a fixed range (its magnitude's bits follow as usual); above every bit fact 2·63 + 1. */
    private static final long BELOW = 1000;

    private final Config cfg;
    private final double maxBin;
    private ContextMemory memory;
    private long[] leftFacts = new long[0];
    private double[] history;   // the last `replay` values, to relearn from when the range widens
    private double lo = Double.NaN;
    private double hi = Double.NaN;
    private long step;          // steps taken (the reference's history holds a 1.0 before the first)
    private long lastHigh;      // history index of the last raw score ≥ threshold (the initial 1.0 is index 0)

    CadOseDetector(Config cfg) {
        this.cfg = cfg;
        this.maxBin = Math.pow(2, cfg.bits()) - 1;
        this.memory = new ContextMemory(cfg.maxLeft());
        if (!Double.isNaN(cfg.min())) {
            lo = cfg.min();
            hi = cfg.max();
        }
    }

    @Override
    public Verdict observe(double x) {
        if (!Double.isFinite(x)) return Verdict.normal(0, cfg.threshold());
        if (memory.contexts() >= cfg.maxContexts()) {
            // a cold start: relearning from the recent values would fill a memory that noise has just filled
            memory = new ContextMemory(cfg.maxLeft());
            leftFacts = new long[0];
        }
        if (Double.isNaN(cfg.min()) && widen(x) && cfg.replay() > 0) relearn();
        double raw = step(sensorFacts(x));
        if (cfg.replay() > 0) {
            if (history == null) history = new double[cfg.replay()];
            history[(int) (step % history.length)] = x;
        }
        // the reference returns the raw score only when no score in the last `rest` steps reached the threshold
        // (rest = 0 turns resting off; the reference's [-0:] slice would rest for ever)
        long entries = step + 1;  // the reference's history before this step: the initial 1.0 and every raw score so far
        boolean resting = cfg.rest() > 0 && lastHigh >= entries - cfg.rest();
        double reported = resting ? 0 : raw;
        step++;
        if (raw >= cfg.threshold()) lastHigh = step;
        if (reported < cfg.threshold()) return new Verdict(reported, cfg.threshold(), false, "", reported);
        String why = "value " + Numbers.fmt(x) + " continues the series in a way its context memory has not seen (score "
                + Numbers.fmt(reported) + " ≥ " + Numbers.fmt(cfg.threshold()) + "; next " + cfg.rest() + " observations rest)";
        return new Verdict(reported, cfg.threshold(), true, why, reported);
    }

    /** Widens the range to take x; whether it changed (after the first value). */
    private boolean widen(double x) {
        if (Double.isNaN(lo)) { lo = x; hi = x; return false; }
        if (x >= lo && x <= hi) return false;
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
        return true;
    }

    /** A fresh memory taught the last `replay` values under the new range (their scores are not reported). */
    private void relearn() {
        memory = new ContextMemory(cfg.maxLeft());
        leftFacts = new long[0];
        if (history == null) return;
        long first = Math.max(0, step - history.length);
        for (long i = first; i < step; i++) step(sensorFacts(history[(int) (i % history.length)]));
    }

    /** The set bits of the value's bin: fact {@code 2·bit + value-of-bit} for each of at least {@code bits} bits. */
    long[] sensorFacts(double x) {
        double range = hi - lo;
        if (range == 0.0 || !Double.isFinite(range)) range = maxBin;
        double binWidth = range / maxBin;
        double bin = (x - lo) / binWidth + cfg.offset();
        long v = Double.isFinite(bin) ? (long) bin : 0;  // truncation toward zero, as Python's int()
        return factsOf(v);
    }

    long[] factsOf(long v) {
        boolean below = v < 0;
        long magnitude = Math.abs(v);
        int width = Math.max(cfg.bits(), 64 - Long.numberOfLeadingZeros(magnitude));
        long[] facts = new long[width + (below ? 1 : 0)];
        for (int b = 0; b < width; b++) facts[b] = 2L * b + ((magnitude >>> b) & 1);
        if (below) facts[width] = BELOW;
        Arrays.sort(facts);
        return facts;
    }

    /** One step of the reference's {@code step()}: the share of selected contexts that became active, and of proposals that were new. */
    private double step(long[] sensor) {
        boolean newContext = false;
        int uniqueProposals = 0;
        var unique = new java.util.HashSet<ContextKey>();
        if (leftFacts.length > 0 && sensor.length > 0) {
            unique.add(new ContextKey(leftFacts, sensor));
            newContext = memory.addZeroLevel(leftFacts, sensor);
        }
        ContextMemory.Crossing crossing = memory.crossRight(sensor, newContext);
        for (ContextMemory.Candidate c : crossing.proposed()) unique.add(new ContextKey(c.left(), c.right()));
        uniqueProposals = unique.size();
        double activeShare = crossing.selected() > 0 ? (double) crossing.activeCount() / crossing.selected() : 0.0;

        int[] neurons = strongest(crossing.active(), crossing.activeCount());
        long[] next = new long[sensor.length + neurons.length];
        System.arraycopy(sensor, 0, next, 0, sensor.length);
        for (int i = 0; i < neurons.length; i++) next[sensor.length + i] = NEURON + neurons[i];
        Arrays.sort(next);
        leftFacts = dedupe(next);

        int added = memory.crossLeft(leftFacts, crossing.proposed()) + (newContext ? 1 : 0);
        double newShare = newContext && uniqueProposals > 0 ? (double) added / uniqueProposals : 0.0;
        return (1.0 - activeShare + newShare) / 2.0;
    }

    /** The last {@code neurons} active contexts ranked by (count, left hash, right hash), as the reference sorts them. */
    private int[] strongest(int[] active, int count) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) order[i] = active[i];
        Arrays.sort(order, (a, b) -> {
            int c = Integer.compare(memory.count(a), memory.count(b));
            if (c != 0) return c;
            c = Long.compare(memory.leftHash(a), memory.leftHash(b));
            return c != 0 ? c : Long.compare(memory.rightHash(a), memory.rightHash(b));
        });
        int keep = Math.min(cfg.neurons(), count);
        int[] out = new int[keep];
        for (int i = 0; i < keep; i++) out[i] = order[count - keep + i];
        return out;
    }

    private static long[] dedupe(long[] sorted) {
        int n = 0;
        for (int i = 0; i < sorted.length; i++) if (i == 0 || sorted[i] != sorted[i - 1]) sorted[n++] = sorted[i];
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    /** A proposed context, compared by its facts (the reference collects them in a set of tuples). */
    private record ContextKey(long[] left, long[] right) {
        @Override public boolean equals(Object o) {
            return o instanceof ContextKey k && Arrays.equals(left, k.left) && Arrays.equals(right, k.right);
        }
        @Override public int hashCode() { return 31 * Arrays.hashCode(left) + Arrays.hashCode(right); }
    }
}
