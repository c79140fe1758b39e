package dev.homeostat.simulator;

/**
 * A pod's working-set trend for the memory prediction rule (PromQL {@code predict_linear}): an exponentially weighted
 * mean of its samples with time constant window/2 lags a linear trend by that constant, so the trend is
 * (value − mean) / constant. Three numbers per pod, whatever the scrape interval, where a window of samples would
 * hold one per scrape.
 */
final class MemoryTrend {
    private double mean = Double.NaN;
    private long last = Long.MIN_VALUE;
    private long first = Long.MIN_VALUE;

    /** Forgets every sample: a new process. */
    void reset() {
        mean = Double.NaN;
        last = Long.MIN_VALUE;
        first = Long.MIN_VALUE;
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

    /** Takes the sample {@code value} at {@code t}; returns the value extrapolated {@code aheadMs} on, NaN while warming up. */
    double predict(long t, double value, long windowMs, long aheadMs, Decay decay) {
        double tau = windowMs / 2.0;
        if (Double.isNaN(mean) || t <= last) {
            if (Double.isNaN(mean)) {
                mean = value;
                first = t;
            }
            last = Math.max(last, t);
            return Double.NaN;
        }
        double alpha = decay.alpha(t - last, tau);
        mean += alpha * (value - mean);
        last = t;
        // until a window has passed, the mean still carries the first sample: no trend to speak of yet
        if (t - first < windowMs) return Double.NaN;
        double slope = (value - mean) / tau;
        return value + slope * aheadMs;
    }
}
