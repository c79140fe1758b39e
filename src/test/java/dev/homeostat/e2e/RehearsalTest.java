package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.homeostat.reports.journal.JournalEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live rehearsal ({@link Rehearsal}) of catalogue manifests, each also run in a plain simulation of the same
 * cluster and policy; prints the calibration table (the sim-vs-live gap in MTTD and MTTR) and writes it to
 * target/calibration.md. The gap is measured, never asserted: it is what the table is for. Skips when the Debian
 * binaries are missing (CI installs them).
 */
class RehearsalTest {
    /** Catalogue manifests that take effect through {@code sim serve}'s mirrored API and that the policy's service signal sees. */
    private static final List<String> MANIFESTS = List.of("pod-kill.yaml", "http-abort.yaml");

    @TempDir Path dir;

    @Test
    void catalogueManifestsRehearsedLive_areDetectedLikeInSimulation_andTheCalibrationTablePrints() throws Exception {
        assumeTrue(Rehearsal.available(),
                "prometheus / prometheus-alertmanager not installed: apt-get install -y --no-install-recommends prometheus prometheus-alertmanager");
        Path root = RepositoryPaths.root();
        var rehearsal = new Rehearsal(root, dir);
        var rows = new ArrayList<Rehearsal.Row>();
        for (String name : MANIFESTS) {
            Path manifest = root.resolve("chaos-experiments/manifests").resolve(name);
            var simulated = rehearsal.simulate(manifest);
            var rehearsed = rehearsal.rehearse(manifest);
            assertThat(simulated.detected()).as(name + " detected in simulation: " + simulated.score()).isTrue();
            assertThat(rehearsed.detected()).as(name + " detected live: " + rehearsed.score()).isTrue();
            assertThat(rehearsed.score().alerts()).as(name + ": the engine's live journal is scored").isNotEmpty();
            rows.add(new Rehearsal.Row(name.replace(".yaml", ""), simulated, rehearsed));
        }

        String table = Rehearsal.table(rows);
        System.out.println("calibration (simulated seconds, gap = rehearsed − simulated):\n" + table);
        Path out = Path.of("target/calibration.md");
        Files.createDirectories(out.getParent());
        Path tmp = Files.createTempFile(out.getParent(), "calibration", ".tmp");
        Files.writeString(tmp, "# Calibration: simulated vs rehearsed (speed " + Rehearsal.SPEED + "×)\n\n" + table);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        assertThat(table.lines().skip(2)).hasSize(MANIFESTS.size());
        for (String name : MANIFESTS) assertThat(table).contains("| " + name.replace(".yaml", "") + " |");
    }
}
