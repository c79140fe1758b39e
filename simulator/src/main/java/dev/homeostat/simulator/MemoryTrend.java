package dev.homeostat.simulator;

/**
 * A pod's working-set trend for the memory prediction rules (PromQL {@code predict_linear}): an exponentially weighted
 * mean of its samples with time constant window/2 lags a linear trend by that constant, so the trend is
 * (value − mean) / constant. Four numbers per pod and rule ({@link State}), whatever the scrape interval, where a window
 * of samples would hold one per scrape; allocated with the pod, so they sit beside it.
 */
final class MemoryTrend {
    private MemoryTrend() { }

    /** One rule's trend of one pod's working set. */
    static final class State {
        double mean = Double.NaN;
        long last = Long.MIN_VALUE, first = Long.MIN_VALUE, since = Long.MIN_VALUE;
    }

    /**
     * The mean's weight for a new sample, 1 − exp(−Δt/τ): the same for every pod scraped at one interval, so a scrape
     * computes it once (per scrape, not per pod) and pods look it up.
     */
    static final class Decay {
        private long dt = -1;
        private double tau = Double.NaN, alpha;

        double alpha(long dt, double tau) {
            if (dt != this.dt || Double.doubleToRawLongBits(tau) != Double.doubleToRawLongBits(this.tau)) {
                this.dt = dt;
                this.tau = tau;
                this.alpha = 1 - Math.exp(-dt / tau);
            }
            return alpha;
        }
    }

    /**
     * Takes the pod's working-set sample {@code value} at {@code t} into {@code s}; returns the value extrapolated
     * {@code aheadMs} on, NaN while warming up or when not {@code wanted} (the trend is kept all the same). A new
     * container ({@code runningSince} changed) starts it afresh: a new process, whose working set starts over.
     */
    static double predict(State s, long runningSince, long t, double value, long windowMs, long aheadMs, Decay decay, boolean wanted) {
        if (s.since != runningSince) {
            s.since = runningSince;
            s.mean = Double.NaN;
            s.last = Long.MIN_VALUE;
            s.first = Long.MIN_VALUE;
        }
        double tau = windowMs / 2.0;
        double mean = s.mean;
        if (Double.isNaN(mean) || t <= s.last) {
            if (Double.isNaN(mean)) {
                s.mean = value;
                s.first = t;
            }
            s.last = Math.max(s.last, t);
            return Double.NaN;
        }
        double alpha = decay.alpha(t - s.last, tau);
        mean += alpha * (value - mean);
        s.mean = mean;
        s.last = t;
        // until a window has passed, the mean still carries the first sample: no trend to speak of yet
        if (!wanted || t - s.first < windowMs) return Double.NaN;
        double slope = (value - mean) / tau;
        return value + slope * aheadMs;
    }
}
