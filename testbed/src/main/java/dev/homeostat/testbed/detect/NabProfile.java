package dev.homeostat.testbed.detect;

/** NAB's three application profiles ({@code config/profiles.json}): weights of a detected window, a false-positive row and a missed window. */
public enum NabProfile {
    STANDARD("standard", 1.0, 0.11, 1.0),
    REWARD_LOW_FP("reward_low_FP_rate", 1.0, 0.22, 1.0),
    REWARD_LOW_FN("reward_low_FN_rate", 1.0, 0.11, 2.0);

    private final String label;
    private final double tp;
    private final double fp;
    private final double fn;

    NabProfile(String label, double tp, double fp, double fn) {
        this.label = label;
        this.tp = tp;
        this.fp = fp;
        this.fn = fn;
    }

    /** NAB's own name of the profile, e.g. {@code reward_low_FP_rate}. */
    public String label() { return label; }
    public double tp() { return tp; }
    public double fp() { return fp; }
    public double fn() { return fn; }
}
