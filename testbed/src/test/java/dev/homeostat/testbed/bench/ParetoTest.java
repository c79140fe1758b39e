package dev.homeostat.testbed.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.testbed.bench.Pareto.Point;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ParetoTest {
    @Test
    void front_onAHandMadeSet() {
        List<Point> points = List.of(
                new Point(0.9, 120, 0),   // best F1 among the harmless: front
                new Point(0.8, 200, 0),   // dominated by the first
                new Point(1.0, 300, 2),   // best F1 of all: front
                new Point(0.5, 60, 1),    // best MTTR: front
                new Point(0.9, 120, 0),   // equal to the first: front too
                new Point(0.5, 60, 3));   // dominated by the fourth
        assertThat(Pareto.front(points)).containsExactly(true, false, true, true, true, false);
    }

    @Test
    void undefinedF1_countsAsZero_andUndefinedMttr_asNoTimeToRestore() {
        assertThat(Point.of(null, null, 0)).isEqualTo(new Point(0, 0, 0));
        assertThat(Point.of(0.5, null, 0).dominates(Point.of(0.5, 30.0, 0))).isTrue();
    }

    @Property(tries = 100)
    void front_isNeverEmpty_andNoFrontPointIsDominated(@ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = 0, max = 1) Double> f1s) {
        List<Point> points = f1s.stream().map(f -> new Point(f, 100 * (1 - f), Math.round(f * 3))).toList();
        List<Boolean> front = Pareto.front(points);
        assertThat(front).contains(true);
        for (int i = 0; i < points.size(); i++) {
            if (!front.get(i)) continue;
            Point p = points.get(i);
            assertThat(points).noneMatch(q -> q.dominates(p));
        }
    }
}
