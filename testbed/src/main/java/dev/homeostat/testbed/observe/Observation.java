package dev.homeostat.testbed.observe;

import java.time.Duration;

/**
 * How the engine and the SLO alerts see a simulated cluster: as live, through Prometheus and Alertmanager, not by
 * reading the simulator's state the instant it changes (reports/README.md, "Detection latency"). A scenario's
 * {@code spec.observation}; every field has the shipped live configuration's value as its default.
 *
 * @param scrapeOffsets     {@code spread}: each scrape target (pod, service) is scraped at its own offset within the
 *                          scrape interval, as Prometheus spreads targets; {@code aligned}: every target on the grid
 * @param ruleEvaluation    how often Prometheus evaluates the recording and alerting rules (deploy/engine: 15s)
 * @param engineTickOffset  {@code spread}: the engine's evaluations start at a seeded offset within their interval, as
 *                          a live engine starts whenever its pod does; {@code aligned}: on the scrape grid
 * @param groupWait         Alertmanager's wait before a new alert group's first notification
 * @param groupInterval     Alertmanager's wait before notifying a changed group again
 * @param repeatInterval    Alertmanager's wait before re-sending an unchanged firing group
 * @param sloPages          whether the SLO burn-rate rules page (both runs; {@code false} for a scenario about detection only)
 */
public record Observation(String scrapeOffsets, Duration ruleEvaluation, String engineTickOffset, Duration groupWait,
                          Duration groupInterval, Duration repeatInterval, Boolean sloPages) {
    public static final String SPREAD = "spread", ALIGNED = "aligned";
    /** Prometheus' and Alertmanager's settings as deploy/engine ships them (Alertmanager's own defaults for grouping). */
    public static final Observation DEFAULT = new Observation(null, null, null, null, null, null, null);

    public Observation {
        scrapeOffsets = scrapeOffsets == null ? SPREAD : scrapeOffsets;
        engineTickOffset = engineTickOffset == null ? SPREAD : engineTickOffset;
        ruleEvaluation = ruleEvaluation == null ? Duration.ofSeconds(15) : ruleEvaluation;
        groupWait = groupWait == null ? Duration.ofSeconds(30) : groupWait;
        groupInterval = groupInterval == null ? Duration.ofMinutes(5) : groupInterval;
        repeatInterval = repeatInterval == null ? Duration.ofHours(4) : repeatInterval;
        sloPages = sloPages == null ? Boolean.TRUE : sloPages;
        for (String[] f : new String[][] {{"scrapeOffsets", scrapeOffsets}, {"engineTickOffset", engineTickOffset}})
            if (!f[1].equals(SPREAD) && !f[1].equals(ALIGNED))
                throw new IllegalArgumentException(f[0] + ": spread or aligned, got '" + f[1] + "'");
        if (ruleEvaluation.toMillis() < 1000) throw new IllegalArgumentException("ruleEvaluation: at least 1s, got " + ruleEvaluation);
        for (Duration d : new Duration[] {groupWait, groupInterval, repeatInterval})
            if (d.isNegative()) throw new IllegalArgumentException("alertmanager intervals must not be negative, got " + d);
    }

    /** Everything on one grid at the instant it happens: the optimistic view the simulator used to give the engine. */
    public static Observation aligned() {
        return new Observation(ALIGNED, null, ALIGNED, Duration.ZERO, null, null, null);
    }

    public boolean spreadScrapes() { return scrapeOffsets.equals(SPREAD); }

    public boolean spreadTicks() { return engineTickOffset.equals(SPREAD); }
}
