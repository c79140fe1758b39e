package dev.homeostat.simulator;

/**
 * A pod's working-set trend for the memory prediction rule (PromQL {@code predict_linear}): an exponentially weighted
 * mean of its samples with time constant window/2 lags a linear trend by that constant, so the trend is
 * (value − mean) / constant. Four numbers per pod ({@link PodState}'s {@code trend…} fields, the scrape's), whatever the
 * scrape interval, where a window of samples would hold one per scrape: they sit in the pod itself, which the scrape
 * reads anyway, rather than in an object of their own that the young collector may have copied far from it.
 */
final class MemoryTrend {
    private MemoryTrend() { }

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
     * Takes the pod's working-set sample {@code value} at {@code t}; returns the value extrapolated {@code aheadMs} on,
     * NaN while warming up or when not {@code wanted} (the trend is kept all the same). A new container (the pod's
     * {@code runningSince} changed) starts it afresh: a new process, whose working set starts over.
     */
    static double predict(PodState p, long t, double value, long windowMs, long aheadMs, Decay decay, boolean wanted) {
        if (p.trendSince != p.runningSince) {
            p.trendSince = p.runningSince;
            p.trendMean = Double.NaN;
            p.trendLast = Long.MIN_VALUE;
            p.trendFirst = Long.MIN_VALUE;
        }
        double tau = windowMs / 2.0;
        double mean = p.trendMean;
        if (Double.isNaN(mean) || t <= p.trendLast) {
            if (Double.isNaN(mean)) {
                p.trendMean = value;
                p.trendFirst = t;
            }
            p.trendLast = Math.max(p.trendLast, t);
            return Double.NaN;
        }
        double alpha = decay.alpha(t - p.trendLast, tau);
        mean += alpha * (value - mean);
        p.trendMean = mean;
        p.trendLast = t;
        // until a window has passed, the mean still carries the first sample: no trend to speak of yet
        if (!wanted || t - p.trendFirst < windowMs) return Double.NaN;
        double slope = (value - mean) / tau;
        return value + slope * aheadMs;
    }
}
