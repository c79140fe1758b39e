package dev.homeostat.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest
    @CsvSource({
            "512Mi, 536870912",
            "1Gi, 1073741824",
            "256M, 256000000",
            "256MB, 256000000",
            "256mb, 256000000",
            "512MiB, 536870912",
            "1GB, 1000000000",
            "1000, 1000",
            "100B, 100",
            "1k, 1000",
            "1K, 1000",
            "2KiB, 2048",
            "1.5Gi, 1610612736",
            "129e6, 129000000",
            "1E, 1000000000000000000",
            "0.5, 1",
            "0, 0",
    })
    void parseBytes_kubernetesAndChaosMeshSizes(String text, long bytes) {
        assertThat(Quantity.parseBytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"50%", "-1Mi", "1m", "abc", "10Q", "", "9Ei", "Mi"})
    void parseBytes_rejectsBadSizes_quotingThem(String text) {
        assertThatThrownBy(() -> Quantity.parseBytes(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid size \"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({"500m, 0.5", "2, 2.0", "0.1, 0.1", "1.5, 1.5", "250m, 0.25"})
    void parseCpu_coresOrMillicores(String text, double cores) {
        assertThat(Quantity.parseCpu(text)).isEqualTo(cores);
    }

    @ParameterizedTest
    @CsvSource({"500m, 500", "2, 2000", "0.0001, 1", "1.5, 1500"})
    void parseCpuMillis_roundsUpToWholeMillicores(String text, long millis) {
        assertThat(Quantity.parseCpuMillis(text)).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "2x", "", "500Mi", "m"})
    void parseCpu_rejectsBadQuantities(String text) {
        assertThatThrownBy(() -> Quantity.parseCpu(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid CPU quantity \"" + text + "\"");
    }

    @Property
    void binarySuffixes_arePowersOf1024(@ForAll @IntRange(min = 0, max = 1 << 20) int n) {
        assertThat(Quantity.parseBytes(n + "Ki")).isEqualTo(n * 1024L);
        assertThat(Quantity.parseBytes(n + "Mi")).isEqualTo(n * 1024L * 1024);
        assertThat(Quantity.parseBytes(n + "MiB")).isEqualTo(n * 1024L * 1024);
        assertThat(Quantity.parseBytes(n + "Gi")).isEqualTo(n * 1024L * 1024 * 1024);
    }

    @Property
    void decimalSuffixes_arePowersOf1000_withOrWithoutB(@ForAll @IntRange(min = 0, max = 1 << 20) int n) {
        assertThat(Quantity.parseBytes(n + "M")).isEqualTo(n * 1_000_000L).isEqualTo(Quantity.parseBytes(n + "MB"));
        assertThat(Quantity.parseBytes(n + "G")).isEqualTo(n * 1_000_000_000L).isEqualTo(Quantity.parseBytes(n + "GB"));
        assertThat(Quantity.parseBytes(n + "k")).isEqualTo(n * 1_000L).isEqualTo(Quantity.parseBytes(n + "KB"));
    }

    @Property
    void plainNumbers_areBytes(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n) {
        assertThat(Quantity.parseBytes(Long.toString(n))).isEqualTo(n);
    }

    @Property
    void millicores_andCores_agree(@ForAll @IntRange(min = 0, max = 1_000_000) int millis) {
        assertThat(Quantity.parseCpuMillis(millis + "m")).isEqualTo(millis);
        assertThat(Quantity.parseCpuMillis(millis / 1000 + "." + String.format("%03d", millis % 1000))).isEqualTo(millis);
    }
}
