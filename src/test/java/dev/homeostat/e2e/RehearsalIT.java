package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.homeostat.testbed.chaos.LiveRunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live rehearsal ({@link Rehearsal}) of every catalogue manifest, one after another on one live stack, each also
 * run in a plain simulation of the same cluster and policy; prints the calibration table (the sim-vs-live gap in MTTD
 * and MTTR, with a note where a cell is empty) and writes it to target/calibration.md. The gap is measured, never
 * asserted: it is what the table is for. Skips when the Debian binaries are missing (CI installs them).
 */
class RehearsalIT {
    /** Manifests already proved detected both ways: they stay asserted so. */
    private static final Set<String> PROVED = Set.of("pod-kill", "http-abort");

    @TempDir Path dir;

    static List<Path> catalogue() throws IOException {
        try (var files = Files.list(RepositoryPaths.root().resolve("chaos-experiments/manifests"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The catalogue, or the part of it {@code -Drehearsal.only} names (each name must be a manifest). */
    static List<Path> selected(List<Path> catalogue) {
        if (Rehearsal.ONLY.isEmpty()) return catalogue;
        var names = catalogue.stream().map(RehearsalIT::name).toList();
        assertThat(names).as("-Drehearsal.only names manifests of the catalogue").containsAll(Rehearsal.ONLY);
        return catalogue.stream().filter(p -> Rehearsal.ONLY.contains(name(p))).toList();
    }

    private static String name(Path manifest) {
        return manifest.getFileName().toString().replace(".yaml", "");
    }

    @Test
    void everyCatalogueManifestRehearsedLive_isAppliedAndCleanedUp_andTheCalibrationTableHasARowForEach() throws Exception {
        assumeTrue(Rehearsal.available(),
                "prometheus / prometheus-alertmanager not installed: apt-get install -y --no-install-recommends prometheus prometheus-alertmanager");
        var rehearsal = new Rehearsal(RepositoryPaths.root(), dir);
        List<Path> catalogue = catalogue(), manifests = selected(catalogue);
        long t0 = System.nanoTime();
        var simulated = rehearsal.simulate(manifests);
        System.out.printf("simulated side: %d manifests in %.1f s%n", manifests.size(), (System.nanoTime() - t0) / 1e9);
        var rows = new ArrayList<Rehearsal.Row>();
        var leftOver = new ArrayList<String>();
        t0 = System.nanoTime();
        try (var stack = rehearsal.start()) {
            for (Path manifest : manifests) {
                String name = name(manifest);
                var live = stack.rehearse(manifest);
                rows.add(new Rehearsal.Row(name, simulated.get(manifest), live));
                if (stack.leftOver("rehearsal-" + name) > 0) leftOver.add(name);
            }
        }
        System.out.printf("live side: %d manifests in %.1f s%n", manifests.size(), (System.nanoTime() - t0) / 1e9);

        String table = Rehearsal.table(rows);
        System.out.println("calibration (simulated seconds, gap = rehearsed − simulated):\n" + table);
        Path out = Path.of("target/calibration.md");
        Files.createDirectories(out.getParent());
        Path tmp = Files.createTempFile(out.getParent(), "calibration", ".tmp");
        Files.writeString(tmp, "# Calibration: simulated vs rehearsed (speed %s×, %d of %d manifests)\n\n".formatted(Rehearsal.SPEED,
                manifests.size(), catalogue.size()) + table);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(catalogue).hasSize(28);
        assertThat(table.lines().skip(2)).hasSize(manifests.size());
        for (var row : rows) {
            assertThat(table).contains("| " + row.manifest() + " |");
            assertThat(row.live().failure()).as(row.manifest() + ": the live run threw").isNull();
            LiveRunResult result = row.live().result();
            assertThat(result.created()).as(row.manifest() + ": applied through sim serve's API").isNotEmpty();
            assertThat(result.cleanedUp()).as(row.manifest() + ": every delete went through").isTrue();
            assertThat(result.outcome()).as(row.manifest() + ": " + result.detail()).isEqualTo(LiveRunResult.Outcome.RECOVERED);
            if (PROVED.contains(row.manifest())) {
                assertThat(row.simulated().detected()).as(row.manifest() + " detected in simulation: " + row.simulated().score()).isTrue();
                assertThat(row.rehearsed().detected()).as(row.manifest() + " detected live: " + row.rehearsed().score()).isTrue();
                assertThat(row.rehearsed().score().alerts()).as(row.manifest() + ": the engine's live journal is scored").isNotEmpty();
            }
        }
        assertThat(leftOver).as("chaos resources left in the API after their run").isEmpty();
    }
}
