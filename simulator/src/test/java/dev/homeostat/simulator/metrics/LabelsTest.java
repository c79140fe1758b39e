package dev.homeostat.simulator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class LabelsTest {
    @Property(tries = 200)
    void behavesAsTheSortedMapItIsBuiltFrom(@ForAll @Size(max = 8) Map<@AlphaChars @StringLength(min = 1, max = 4) String,
            @AlphaChars @StringLength(max = 4) String> labels, @ForAll @AlphaChars @StringLength(min = 1, max = 4) String probe) {
        var sorted = new TreeMap<>(labels);
        var compact = new Labels(sorted);
        assertThat(compact).isEqualTo(sorted).hasSameHashCodeAs(sorted).hasSize(sorted.size());
        assertThat(compact.entrySet()).containsExactlyElementsOf(sorted.entrySet());
        assertThat(compact.toString()).isEqualTo(sorted.toString());
        assertThat(compact.get(probe)).isEqualTo(sorted.get(probe));
        assertThat(compact.containsKey(probe)).isEqualTo(sorted.containsKey(probe));
    }

    @Test
    void isImmutable() {
        var labels = new Labels(new TreeMap<>(Map.of("pod", "a", "namespace", "shop")));
        assertThatThrownBy(() -> labels.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> labels.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(labels.keySet()).containsExactly("namespace", "pod");
    }
}
