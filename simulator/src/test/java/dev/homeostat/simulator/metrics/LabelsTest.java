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
    @Property(tries = 300)
    void behavesAsTheSortedMapItIsBuiltFrom(@ForAll @Size(max = 6) Map<@AlphaChars @StringLength(min = 1, max = 3) String,
            @AlphaChars @StringLength(max = 3) String> labels, @ForAll @AlphaChars @StringLength(min = 1, max = 3) String probe) {
        var sorted = new TreeMap<>(labels);
        Map<String, String> compact = Labels.of(labels);
        assertThat(compact).isEqualTo(sorted).hasSameHashCodeAs(sorted).hasSize(sorted.size());
        assertThat(compact.entrySet()).containsExactlyElementsOf(sorted.entrySet());
        assertThat(compact.toString()).isEqualTo(sorted.toString());
        assertThat(compact.get(probe)).isEqualTo(sorted.get(probe));
        assertThat(compact.containsKey(probe)).isEqualTo(sorted.containsKey(probe));
    }

    /** Families are kept in this order, and read in it: it must be the order of the rendered keys the store sorted by before. */
    @Property(tries = 500)
    void ordersAsTheRenderedKeys(@ForAll @Size(max = 4) Map<@AlphaChars @StringLength(min = 1, max = 2) String, @AlphaChars @StringLength(max = 2) String> a,
                                 @ForAll @Size(max = 4) Map<@AlphaChars @StringLength(min = 1, max = 2) String, @AlphaChars @StringLength(max = 2) String> b) {
        int byLabels = Integer.signum(Labels.of(a).compareTo(Labels.of(b)));
        assertThat(byLabels).isEqualTo(Integer.signum(key(a).compareTo(key(b))));
        assertThat(byLabels == 0).isEqualTo(a.equals(b));
    }

    private static String key(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        for (var e : new TreeMap<>(labels).entrySet()) sb.append(e.getKey()).append('\u0001').append(e.getValue()).append('\u0002');
        return sb.toString();
    }

    @Test
    void isImmutable() {
        Map<String, String> labels = Labels.of(Map.of("pod", "a", "namespace", "shop"));
        assertThatThrownBy(() -> labels.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> labels.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(labels.keySet()).containsExactly("namespace", "pod");
    }
}
