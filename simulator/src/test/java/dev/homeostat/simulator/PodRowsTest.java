package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A Deployment's rows of pods' traffic numbers ({@link PodRows}): the minute window, the shared row and its copies. */
class PodRowsTest {
    private static final long STEP_MS = 15_000;

    /** A row's minute window adds, sums and laps bit for bit as {@link SlidingSums} does, and leaves the rows beside it alone. */
    @Property(tries = 200)
    void windowSumsAsSlidingSumsDo(@ForAll @IntRange(min = 1, max = 8) int n,
                                   @ForAll @Size(max = 40) List<@DoubleRange(min = -1e6, max = 1e6) Double> steps) {
        var rows = new PodRows(n, 3);
        int before = rows.allocate(), row = rows.allocate(), after = rows.allocate();
        double[] page = rows.page();
        var plain = new SlidingSums(PodRows.K, n);
        double[] values = new double[PodRows.K];
        for (double v : steps) {
            for (int j = 0; j < PodRows.K; j++) values[j] = v * (j + 1) / 3;
            plain.push(values);
            rows.push(page, row, values);
            for (int j = 0; j < PodRows.K; j++)
                assertThat(Double.doubleToRawLongBits(page[row + PodRows.SUMS + j])).isEqualTo(Double.doubleToRawLongBits(plain.sum(j)));
            assertThat(rows.filled(page, row)).isEqualTo(plain.filled());
        }
        for (int i = 0; i < rows.width; i++) {
            assertThat(page[before + i]).isZero();
            assertThat(page[after + i]).isZero();
        }
    }

    @Example
    void podsCreatedBeforeTheFirstStepShareARowUntilOneIsWrittenAlone() {
        var d = new DeploymentState(new DeploymentSpec("api", "shop", 2, null, ContainerSpec.defaults()));
        var a = new PodState("api-a", d, d.current(), 0, STEP_MS);
        var b = new PodState("api-b", d, d.current(), 0, STEP_MS);
        assertThat(a.sharesRow).isTrue();
        assertThat(b.rows).isSameAs(a.rows);
        assertThat(b.row).isEqualTo(a.row);

        d.rows.closeSharing();
        var c = new PodState("api-c", d, d.current(), 20_000, STEP_MS);
        assertThat(c.sharesRow).isFalse();
        assertThat(c.rows != a.rows || c.row != a.row).isTrue();

        // what the step adds to the shared row, both pods have
        a.rows[a.row + PodRows.OK200] += 12.5;
        d.rows.push(a.rows, a.row, new double[] {1, 2, 3, 4, 5});
        assertThat(b.ok200()).isEqualTo(12.5);
        assertThat(b.minuteSum(PodState.LATENCY_SUM)).isEqualTo(4);

        // the kubelet writes to one of them: it gets a copy first, the other keeps the shared row
        double[] sharedPage = b.rows;
        a.loseInFlight(3);
        assertThat(a.sharesRow).isFalse();
        assertThat(a.err500()).isEqualTo(3);
        assertThat(a.ok200()).isEqualTo(12.5);
        assertThat(a.minuteSum(PodState.LATENCY_SUM)).isEqualTo(4);
        assertThat(a.minuteFilled()).isEqualTo(1);
        assertThat(b.sharesRow).isTrue();
        assertThat(b.err500()).isZero();

        // pages never move: more pods leave the earlier rows where they are, with their numbers
        for (int i = 0; i < 100; i++) new PodState("api-x" + i, d, d.current(), 30_000, STEP_MS);
        assertThat(b.rows).isSameAs(sharedPage);
        assertThat(b.ok200()).isEqualTo(12.5);
        assertThat(c.ok200()).isZero();

        // a gone pod takes its numbers along; its row, zeroed, goes to the next new pod
        c.rows[c.row + PodRows.ERR504] = 9;
        double[] page = c.rows;
        int row = c.row;
        d.rows.release(c);
        assertThat(c.err504()).isEqualTo(9);
        assertThat(c.rows).isNotSameAs(page);
        var next = new PodState("api-y", d, d.current(), 40_000, STEP_MS);
        assertThat(next.rows).isSameAs(page);
        assertThat(next.row).isEqualTo(row);
        assertThat(next.err504()).isZero();
        assertThat(c.err504()).isEqualTo(9);
        // one that shares the row leaves it to the others: it is not handed on
        int sharedRow = b.row;
        d.rows.release(b);
        assertThat(b.ok200()).isEqualTo(12.5);
        assertThat(b.sharesRow).isFalse();
        var later = new PodState("api-z", d, d.current(), 50_000, STEP_MS);
        assertThat(later.rows != sharedPage || later.row != sharedRow).isTrue();
    }
}
