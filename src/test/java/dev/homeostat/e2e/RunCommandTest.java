package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.testbed.cli.Homeostat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line as a user runs it: the CI suite, its report, its exit codes. */
class RunCommandTest {
    private static final Path ROOT = RepositoryPaths.root();

    record Result(int exitCode, String out, String err) { }

    static Result homeostat(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Homeostat.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void ciSuite_meetsItsExpectations_andWritesReportAndSummary(@TempDir Path out) throws IOException {
        var result = homeostat("run", ROOT.resolve("scenarios/ci").toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("pod-kill-frontend").contains("memory-leak-checkout").contains(out.resolve("report.json").toString());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("schemaVersion").asText()).isNotEmpty();
        assertThat(Files.readString(out.resolve("summary.md"))).contains("| pod-kill-frontend");

        JsonNode leak = scenario(report, "memory-leak-checkout");
        assertThat(leak.path("downtimeReduction").asDouble()).isGreaterThan(0);
        assertThat(leak.path("downtimeSecondsEngine").asDouble()).isLessThan(leak.path("downtimeSecondsBaseline").asDouble());

        JsonNode kill = scenario(report, "pod-kill-frontend");
        assertThat(kill.path("f1").isNumber()).isTrue();
        assertThat(kill.path("mttrSeconds").isNumber()).isTrue();
        assertThat(kill.path("seeds")).hasSize(3);
        for (String field : new String[] {"name", "file", "seeds", "status", "noFault", "durationSeconds", "precision", "recall",
                "f1", "mttdSeconds", "mttrSeconds", "mttrSecondsBaseline", "downtimeSecondsBaseline", "downtimeSecondsEngine",
                "downtimeReduction", "pagesBaseline", "pagesEngine", "enginePagesSent", "pageReduction",
                "incidentsEscalatedBaseline", "incidentsEscalatedEngine", "needlessActions", "falseAlarmsPerDay",
                "escalationsBaseline", "escalationsEngine", "passed", "failedExpectations", "needless"})
            assertThat(kill.has(field)).as("report.json field " + field).isTrue();
        assertThat(kill.path("file").asText()).endsWith("scenarios/ci/pod-kill.yaml");
        // a fault on the scrape grid is no longer seen at the instant it starts: the engine reads it as Prometheus shows it
        assertThat(kill.path("mttdSeconds").asDouble()).isGreaterThan(0);
        try (var suite = Files.list(ROOT.resolve("scenarios/ci"))) {
            assertThat(report.path("totals").path("scenarios").asInt()).isEqualTo(suite.filter(f -> f.toString().endsWith(".yaml")).count());
        }
        // services that take 150 s to start are left to Kubernetes: no restart, no rollback
        assertThat(scenario(report, "slow-start-jvm").path("needlessActions").asDouble()).isZero();
    }

    @Test
    void sameScenarioAndSeed_giveByteIdenticalReports(@TempDir Path tmp) throws IOException {
        String scenario = ROOT.resolve("scenarios/ci/pod-kill.yaml").toString();
        assertThat(homeostat("run", scenario, "--seeds", "2", "--out", tmp.resolve("a").toString()).exitCode()).isLessThan(2);
        assertThat(homeostat("run", scenario, "--seeds", "2", "--out", tmp.resolve("b").toString()).exitCode()).isLessThan(2);

        assertThat(Files.readAllBytes(tmp.resolve("b/report.json"))).isEqualTo(Files.readAllBytes(tmp.resolve("a/report.json")));
        try (var journals = Files.walk(tmp.resolve("a/journals"))) {
            var files = journals.filter(Files::isRegularFile).toList();
            assertThat(files).isNotEmpty();
            for (Path a : files) {
                Path b = tmp.resolve("b").resolve(tmp.resolve("a").relativize(a));
                assertThat(Files.readAllBytes(b)).as(a.toString()).isEqualTo(Files.readAllBytes(a));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            "negative-duration.yaml,  6,  spec.duration",
            "unknown-fault-type.yaml, 14, spec.faults[0].type",
            "missing-manifest.yaml,   14, spec.faults[0].manifest",
            "negative-replicas.yaml,  9,  replicas",
            "blank-container-name.yaml, 10, spec.cluster.deployments[0].container.name",
            "unknown-field.yaml,      10, spec.cluster.services[0].rsp",
    })
    void badScenario_exitsTwo_namingFileLineAndField(String file, int line, String field, @TempDir Path out) {
        Path scenario = ROOT.resolve("src/test/bad-scenarios").resolve(file);
        var result = homeostat("run", scenario.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(scenario + ":" + line + ": ").contains(field);
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void unknownOption_exitsTwo() {
        var result = homeostat("run", "--no-such-option", ROOT.resolve("scenarios/ci").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--no-such-option");
    }

    @Test
    void version_printsVersionAndJava() {
        var result = homeostat("version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("homeostat").contains("java " + Runtime.version().feature());
    }

    private static JsonNode scenario(JsonNode report, String name) {
        for (JsonNode s : report.path("scenarios")) if (name.equals(s.path("name").asText())) return s;
        throw new AssertionError("no scenario " + name + " in report.json");
    }
}
