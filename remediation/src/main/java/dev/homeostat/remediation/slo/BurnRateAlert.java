package dev.homeostat.remediation.slo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One multi-window burn-rate alert of the Google SRE workbook ("Alerting on SLOs"): it fires while the error
 * budget burns at least {@code factor} times as fast as the SLO allows over both the long and the short window.
 * The long window keeps a blip from paging, the short one lets the alert reset soon after recovery.
 *
 * @param severity {@code page} (a human now) or {@code ticket} (next working day): only pages page
 * @param forDuration how long the condition must hold before the alert fires (Prometheus' {@code for:}); 0 in
 *                    the workbook, where the short window does that job
 */
public record BurnRateAlert(String severity, Duration longWindow, Duration shortWindow, double factor, Duration forDuration) {
    public static final String PAGE = "page", TICKET = "ticket";

    /** The workbook's table for a 30-day budget: two page alerts (2 % in 1 h, 5 % in 6 h) and a ticket (10 % in 3 d). */
    public static final List<BurnRateAlert> WORKBOOK = List.of(
            new BurnRateAlert(PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4, Duration.ZERO),
            new BurnRateAlert(PAGE, Duration.ofHours(6), Duration.ofMinutes(30), 6, Duration.ZERO),
            new BurnRateAlert(TICKET, Duration.ofDays(3), Duration.ofHours(6), 1, Duration.ZERO));

    public BurnRateAlert {
        Objects.requireNonNull(severity, "severity");
        if (!severity.equals(PAGE) && !severity.equals(TICKET))
            throw new IllegalArgumentException("severity: page or ticket, got '" + severity + "'");
        if (longWindow.compareTo(shortWindow) <= 0)
            throw new IllegalArgumentException("longWindow " + longWindow + " must be longer than shortWindow " + shortWindow);
        if (shortWindow.isNegative() || shortWindow.isZero()) throw new IllegalArgumentException("shortWindow: must be positive");
        if (!(factor > 0)) throw new IllegalArgumentException("factor: must be positive, got " + factor);
        if (forDuration.isNegative()) throw new IllegalArgumentException("forDuration: must not be negative");
    }

    public boolean pages() { return severity.equals(PAGE); }

    /**
     * The alert's condition: the bad-event ratio over both windows exceeds {@code factor × budget}, where
     * {@code budget} is the share of bad events the objective allows (1 − objective).
     */
    public boolean burning(double longRatio, double shortRatio, double budget) {
        double limit = factor * budget;
        return longRatio > limit && shortRatio > limit;
    }

    /** A window as PromQL writes it: {@code 5m}, {@code 1h}, {@code 3d}. */
    public static String promDuration(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) return s / 86_400 + "d";
        if (s % 3_600 == 0) return s / 3_600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }

    /** {@code page-1h-5m}: the alert's name among a service's burn-rate alerts. */
    public String id() {
        return severity + "-" + promDuration(longWindow) + "-" + promDuration(shortWindow);
    }
}
