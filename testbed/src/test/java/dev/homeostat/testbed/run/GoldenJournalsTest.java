package dev.homeostat.testbed.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.reports.journal.JournalIo;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The journals of the shipped scenarios (`scenarios/ci`, `scenarios/examples`), baseline and engine run,
 * at each scenario's first seed, are exactly the files under {@code src/test/resources/golden/<suite>/}:
 * a change of the simulator, the engine or the journal that alters one fails here, naming the scenario,
 * the run and the first differing line.
 *
 * <p>A deliberate change regenerates them — {@code mvn -B -pl testbed -am test -Dtest=GoldenJournalsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dgolden.update=true} — and its commit says why they moved.
 */
class GoldenJournalsTest {
    private static final Path FOLDER = Path.of("src/test/resources/golden");
    private static final List<String> SUITES = List.of("ci", "examples");

    @TestFactory
    Stream<DynamicTest> shippedScenarios_journalsAreTheirGoldenFiles() {
        return SUITES.stream().flatMap(suite -> new ScenarioLoader().loadAll(Path.of("..", "scenarios", suite)).stream()
                .flatMap(s -> runs(suite, s)));
    }

    private static Stream<DynamicTest> runs(String suite, Scenario scenario) {
        long seed = scenario.seeds().getFirst();
        Path base = FOLDER.resolve(suite).resolve(scenario.name());
        return Stream.of(DynamicTest.dynamicTest(suite + "/" + scenario.name(), () -> {
            var baseline = ScenarioRunner.runRecorded(scenario, seed, null, null).journal();
            var policy = PolicyLoader.load(scenario.policy());
            var engine = ScenarioRunner.runRecorded(scenario, seed, policy, ScenarioRunner.noOpFaults(baseline)).journal();
            check(base.resolveSibling(scenario.name() + ".baseline.jsonl"), JournalIo.toJsonLines(baseline));
            check(base.resolveSibling(scenario.name() + ".engine.jsonl"), JournalIo.toJsonLines(engine));
        }));
    }

    private static void check(Path file, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden journal (create it with -Dgolden.update=true)").exists();
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        if (expected.equals(actual)) return;
        List<String> want = expected.lines().toList(), got = actual.lines().toList();
        int i = 0;
        while (i < want.size() && i < got.size() && want.get(i).equals(got.get(i))) i++;
        throw new AssertionError(file + " differs at line " + (i + 1) + " (" + want.size() + " lines expected, " + got.size() + " written):\n"
                + (i > 0 ? "    " + want.get(i - 1) + "\n" : "")
                + "  - " + (i < want.size() ? want.get(i) : "<end of journal>") + "\n"
                + "  + " + (i < got.size() ? got.get(i) : "<end of journal>") + "\n"
                + "regenerate with -Dgolden.update=true if the change is deliberate, and say why in the commit");
    }
}
