package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.metrics.Series;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Speed work must not change results: a digest of every event and every sample of a few seeded
 * scenarios (all fault kinds, some Pending pods) is pinned to the value the simulator gave before
 * the performance changes. A change of behaviour on purpose updates the pinned digest.
 */
class GoldenDigestTest {

    static String digest(long scenarioSeed, long runSeed) {
        var run = Fixtures.run(SimulationPropertiesTest.scenario(scenarioSeed, false, Duration.ofMinutes(12)), runSeed);
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (SimEvent e : run.events()) md.update((e + "\n").getBytes(StandardCharsets.UTF_8));
        for (String metric : run.sim().metrics().metricNames()) {
            for (Series s : run.series(metric)) {
                md.update((metric + s.labels() + "\n").getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < s.size(); i++)
                    md.update((s.times()[i] + ":" + Long.toHexString(Double.doubleToRawLongBits(s.values()[i])) + ";").getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String digestOfSeveral() {
        StringBuilder all = new StringBuilder();
        for (long seed = 1; seed <= 12; seed++) all.append(digest(seed * 7919, seed)).append('\n');
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    // Re-pinned when the injection check added one FaultEffect event per fault; with those events left
    // out the digest equals the previous pin, so no other event or sample changed.
    // Re-pinned when the scrape began visiting pods Deployment by Deployment (memory order) instead of by
    // pod name: the working-set noise is drawn in that order, so memory samples changed; a digest of all
    // events and every other metric was the same before and after (b2e60f88…).
    // Re-pinned when the per-pod request-duration histogram was added (new series only: the digest of all events
    // and every metric but memory and http_request_duration_seconds_* stayed b2e60f88…).
    void eventsAndSamplesAreExactlyThoseOfTheReferenceImplementation() {
        assertThat(digestOfSeveral()).isEqualTo("8ab8307022e85e4d247019ccd5050145cc47526dd91cf40055a45e93811ab42c");
    }
}
