package dev.homeostat.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
            "30s, PT30S",
            "5m, PT5M",
            "1h30m, PT1H30M",
            "1.5h, PT1H30M",
            "2h45m30.5s, PT2H45M30.5S",
            "300ms, PT0.3S",
            "100us, PT0.0001S",
            "100µs, PT0.0001S",
            "100μs, PT0.0001S",
            "7ns, PT0.000000007S",
            "0, PT0S",
            "0s, PT0S",
            "+5s, PT5S",
            ".5s, PT0.5S",
            "1.s, PT1S",
            "1m1m, PT2M",
            "1.0000000009s, PT1.000000000S",
    })
    void parse_acceptsGoSyntax(String text, String iso) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1s", "-0s", "5", "5x", "1h-2m", "s", "1..5s", "1 h", " 1h", "1h ", "3000000h", "1d"})
    void parse_rejectsWhatGoRejects_andNegatives_withTheSyntaxInTheMessage(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"")
                .hasMessageContaining("1h30m");
    }

    @ParameterizedTest
    @CsvSource({
            "PT0S, 0s",
            "PT1H30M, 1h30m0s",
            "PT2M, 2m0s",
            "PT1.5S, 1.5s",
            "PT0.75S, 750ms",
            "PT0.0000015S, 1.5µs",
            "PT0.000000042S, 42ns",
            "PT26H0.001S, 26h0m0.001s",
    })
    void format_writesLikeGo(String iso, String go) {
        assertThat(GoDuration.format(Duration.parse(iso))).isEqualTo(go);
    }

    @Property
    void format_thenParse_givesBackTheDuration(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long nanos) {
        Duration d = Duration.ofNanos(nanos);
        assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d);
    }

    @Property
    void components_addUp(@ForAll @IntRange(max = 10_000) int h, @ForAll @IntRange(max = 10_000) int m,
                          @ForAll @IntRange(max = 10_000) int s, @ForAll @IntRange(max = 10_000) int ms,
                          @ForAll @IntRange(max = 10_000) int us, @ForAll @IntRange(max = 10_000) int ns) {
        Duration expected = Duration.ofHours(h).plusMinutes(m).plusSeconds(s).plusMillis(ms).plusNanos(us * 1_000L + ns);
        assertThat(GoDuration.parse(h + "h" + m + "m" + s + "s" + ms + "ms" + us + "us" + ns + "ns")).isEqualTo(expected);
    }

    @Property
    void fractionOfAnHour_isTruncatedToNanoseconds(@ForAll @IntRange(max = 1000) int whole, @ForAll @IntRange(max = 999) int thousandths) {
        Duration parsed = GoDuration.parse(whole + "." + String.format("%03d", thousandths) + "h");
        assertThat(parsed).isEqualTo(Duration.ofHours(whole).plusMillis(thousandths * 3_600L));
    }

    @Property
    void negative_isAlwaysRejected(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long nanos) {
        assertThatThrownBy(() -> GoDuration.parse("-" + GoDuration.format(Duration.ofNanos(nanos))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT0.5S, 500ms", "PT5M, 5m", "PT1H30M, 1h30m", "PT15.25S, 15s250ms", "PT2H0.0009S, 2h"})
    void formatCompact_leavesOutZeroUnits_toTheMillisecond(String iso, String text) {
        assertThat(GoDuration.formatCompact(Duration.parse(iso))).isEqualTo(text);
    }

    @Property
    void formatCompact_parsesBack_toTheMillisecond(@ForAll @LongRange(min = 0, max = 400_000_000_000L) long millis) {
        assertThat(GoDuration.parse(GoDuration.formatCompact(Duration.ofMillis(millis)))).isEqualTo(Duration.ofMillis(millis));
    }
}
