package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.testbed.cli.Homeostat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as an engineer opens it: the CI suite's index.html rendered from file:// by a real headless
 * Chromium (no network), whose DOM after the load event must hold the suite table, a section per scenario and
 * every chart loaded. Skipped where Debian's chromium package is not installed.
 */
class BrowserReportTest {
    private static final Path ROOT = RepositoryPaths.root();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern CHARTS_LOADED = Pattern.compile("data-charts-loaded=\"(\\d+)/(\\d+)\"");

    @Test
    void ciReport_rendersInChromium_withTablesSectionsAndEveryChartLoaded(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "needs " + CHROMIUM + ": apt-get install -y chromium (Debian package 'chromium')");
        Path out = tmp.resolve("report");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Homeostat.execute(new PrintWriter(stdout, true), new PrintWriter(stderr, true),
                "run", ROOT.resolve("scenarios/ci").toString(), "--out", out.toString());
        assertThat(code).as(stdout + "\n" + stderr).isLessThan(2);
        Path index = out.resolve("index.html");
        assertThat(index).isRegularFile();

        Path domFile = tmp.resolve("dom.html");
        chromium(tmp.resolve("profile-dom"), domFile, "--dump-dom", index.toUri().toString());
        String dom = Files.readString(domFile);

        assertThat(dom).contains("<table class=\"suite\">").contains("<th>scenario</th>");
        for (JsonNode scenario : new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("scenarios")) {
            String name = scenario.path("name").asText();
            assertThat(dom).as("section of " + name)
                    .contains("<section class=\"scenario\" id=\"scenario-" + slug(name) + "\">");
        }
        Matcher loaded = CHARTS_LOADED.matcher(dom);
        assertThat(loaded.find()).as("body has data-charts-loaded (set by the page's load handler)").isTrue();
        assertThat(Integer.parseInt(loaded.group(2))).isGreaterThanOrEqualTo(1);
        assertThat(loaded.group(1)).as("charts loaded of " + loaded.group(2)).isEqualTo(loaded.group(2));

        Path shot = tmp.resolve("screenshot.png");
        chromium(tmp.resolve("profile-shot"), tmp.resolve("shot.log"), "--window-size=1200,1600",
                "--screenshot=" + shot, index.toUri().toString());
        assertThat(shot).isRegularFile();
        byte[] png = Files.readAllBytes(shot);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(png.length).as("screenshot bytes").isGreaterThan(10_000);
    }

    /** Runs headless Chromium with {@code args}, its stdout into {@code stdoutFile}; kills it after the timeout. */
    private static void chromium(Path profile, Path stdoutFile, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        Path stderrFile = Path.of(stdoutFile + ".stderr");
        Process process = new ProcessBuilder(command).redirectOutput(stdoutFile.toFile())
                .redirectError(stderrFile.toFile()).start();
        try {
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(finished).as("chromium finished within " + TIMEOUT_SECONDS + " s: " + command).isTrue();
            assertThat(process.exitValue()).as("chromium exit code; stderr:\n" + Files.readString(stderrFile)).isZero();
        } finally {
            // Only the browser this test started, and its helpers (zygote, renderer), by process id.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** As the report names scenario sections: lower case, runs of other characters as one hyphen. */
    private static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "x" : s;
    }
}
