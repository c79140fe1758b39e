package dev.homeostat.simulator.spec;

import java.util.regex.Pattern;

/**
 * A pod count where Kubernetes' type is IntOrString: a whole number of pods ({@code 3}), or a percentage ({@code "25%"}) of
 * a total known only when it is used (a Deployment's replicas, the pods a PodDisruptionBudget expects), resolved then and
 * rounded the way the field's controller rounds it ({@link #resolve}).
 *
 * @param value   pods, or percent when {@code percent}
 * @param percent whether {@code value} is a percentage
 */
public record IntOrPercent(int value, boolean percent) {
    // the API server's IsValidPercent: digits and a '%', nothing else ("25 %", "2.5%" and "-5%" are refused)
    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

    public IntOrPercent {
        if (value < 0) throw new IllegalArgumentException("must be >= 0 (a count of pods, or a percentage such as 25%), was " + value + (percent ? "%" : ""));
    }

    /** A count of pods. */
    public static IntOrPercent of(int pods) { return new IntOrPercent(pods, false); }

    /** {@code pods} as a count, or null when it is null (a field left out). */
    public static IntOrPercent ofNullable(Integer pods) { return pods == null ? null : of(pods); }

    public static IntOrPercent percent(int percent) { return new IntOrPercent(percent, true); }

    /**
     * A percentage as Kubernetes writes it ({@code "25%"}). The API server takes a string in these fields only as a
     * percentage, so a quoted number ({@code "3"}) is refused as it would be, with the fix.
     */
    public static IntOrPercent parse(String text) {
        String t = text == null ? "" : text;
        if (PERCENT.matcher(t).matches()) {
            try {
                return percent(Integer.parseInt(t.substring(0, t.length() - 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t + "' is out of range; write a percentage such as 25%");
            }
        }
        if (t.strip().matches("-?[0-9]+"))
            throw new IllegalArgumentException("'" + t + "' is a quoted number, which Kubernetes refuses here; write " + t.strip()
                    + " without quotes for a count of pods, or " + t.strip() + "% for a percentage");
        throw new IllegalArgumentException("'" + t + "' is neither a count of pods nor a percentage; write a whole number such as 1, or a percentage such as 25%");
    }

    /**
     * The pods this stands for out of {@code total}: a count as it is, a percentage of {@code total} rounded up or down
     * (Kubernetes' intstr.GetScaledValueFromIntOrPercent).
     */
    public int resolve(int total, boolean roundUp) {
        if (!percent) return value;
        long scaled = (long) value * total;
        return (int) Math.min(Integer.MAX_VALUE, roundUp ? Math.ceilDiv(scaled, 100) : Math.floorDiv(scaled, 100));
    }

    /** 0 or 0%: what the API server compares when it refuses maxSurge and maxUnavailable both 0. */
    public boolean isZero() { return value == 0; }

    /** Above 100%, which the API server refuses for maxUnavailable and minAvailable. */
    public boolean above100Percent() { return percent && value > 100; }

    @Override public String toString() { return percent ? value + "%" : Integer.toString(value); }
}
