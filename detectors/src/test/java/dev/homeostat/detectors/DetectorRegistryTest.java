package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DetectorRegistryTest {

    @Test
    void names_listsEveryDetectorSorted() {
        assertThat(DetectorRegistry.names()).containsExactly("autoencoder", "cad-ose", "classifier", "dbscan", "ensemble", "ewma", "forecast", "isolation-forest", "kmeans",
                "knn-cad", "lifecycle", "mad", "relative-entropy", "seasonal", "skyline", "threshold", "windowed-gaussian");
        assertThat(DetectorRegistry.entries()).extracting(DetectorRegistry.Entry::name)
                .containsExactlyInAnyOrderElementsOf(DetectorRegistry.names());
    }

    @Test
    void unknownName_namesItAndListsTheKnownOnes() {
        assertThatThrownBy(() -> DetectorRegistry.create(DetectorSpec.parse("madd:window=5"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown detector 'madd'; known detectors: autoencoder, cad-ose, classifier, dbscan, ensemble, ewma, forecast, isolation-forest, "
                        + "kmeans, knn-cad, lifecycle, mad, relative-entropy, seasonal, skyline, threshold, windowed-gaussian");
    }

    @Test
    void unknownParameter_namesItAndListsTheKnownOnes() {
        assertThatThrownBy(() -> DetectorRegistry.validate(DetectorSpec.parse("mad:windw=5,kk=2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("detector 'mad': unknown parameters 'kk', 'windw'; known parameters: window, k, min, direction, minSpread, relearn");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mad:window=-3        | parameter 'window' must be a whole number ≥ 2, got '-3'",
            "mad:window=ten       | parameter 'window' must be a whole number ≥ 2, got 'ten'",
            "mad:k=abc            | parameter 'k' must be a number in (0, ∞], got 'abc'",
            "mad:k=0              | parameter 'k' must be a number in (0, ∞], got '0'",
            "mad:window=10,min=20 | parameter 'min' must not exceed window (10)",
            "mad:direction=sideways | parameter 'direction' must be one of both|up|down, got 'sideways'",
            "ewma:alpha=1.5       | parameter 'alpha' must be a number in (0, 1], got '1.5'",
            "ewma:alpha=NaN       | parameter 'alpha' must be a number in (0, 1], got 'NaN'",
            "threshold:for=0,above=1 | parameter 'for' must be a whole number ≥ 1, got '0'",
            "threshold            | set at least one of 'above' or 'below'",
            "threshold:above=1,below=5 | 'below' (5) is greater than 'above' (1)",
            "isolation-forest:subsample=0 | parameter 'subsample' must be a number in (0, 1], got '0'",
            "isolation-forest:trees=1.5 | parameter 'trees' must be a whole number ≥ 1, got '1.5'",
            "isolation-forest:threshold=0.7,quantile=0.9 | 'threshold' fixes the threshold",
            "seasonal             | parameter 'period' is required",
            "seasonal:period=24,cycles=2,min=3 | parameter 'min' must not exceed cycles (2)",
    })
    void badParameterValue_namesTheParameter(String spec, String message) {
        String name = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        assertThatThrownBy(() -> DetectorRegistry.validate(DetectorSpec.parse(spec)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("detector '" + name + "': ")
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"threshold:above=0.9,for=3", "threshold:below=1", "mad", "mad:window=30,k=4,min=10,direction=up,minSpread=0.01,relearn=0",
            "ewma:alpha=1,k=3,min=5,direction=down,relearn=10", "isolation-forest:train=60,refit=30,trees=50,subsample=1,quantile=0.99,margin=1.2,guard=4",
            "isolation-forest:threshold=0.8", "seasonal:period=1440,cycles=7,k=6,min=2,direction=both,minSpread=1"})
    void validSpecs_validateAndCreate(String text) {
        DetectorSpec spec = DetectorSpec.parse(text);
        assertThatCode(() -> DetectorRegistry.validate(spec)).doesNotThrowAnyException();
        assertThat(DetectorRegistry.create(spec, 7).observe(0, new double[] {1.0}).anomalous()).isFalse();
    }

    @Test
    void eachEntry_documentsItsParameters() {
        for (var e : DetectorRegistry.entries()) {
            assertThat(e.description()).as(e.name()).isNotBlank();
            assertThat(e.params()).as(e.name()).isNotEmpty().allSatisfy((k, v) -> assertThat(v).isNotBlank());
        }
        assertThat(DetectorRegistry.entries().getFirst().params()).isInstanceOf(Map.class);
    }

    @Test
    void nullSpec_isRejectedWithTheKnownNames() {
        assertThatThrownBy(() -> DetectorRegistry.create(null, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("known detectors: autoencoder, cad-ose, classifier, dbscan");
    }
}
