package dev.homeostat.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** index.html, the charts and junit.xml beside report.json and summary.md. */
class ReportOutputsTest {
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"");

    @Test
    void write_returnsEveryWrittenFile_andLeavesNoTempFile(@TempDir Path dir) throws IOException {
        List<Path> written = ReportWriter.write(ReportWriterTest.suite(), ReportFixtures.timelines(), dir);

        assertThat(written).extracting(p -> dir.relativize(p).toString()).containsExactly("report.json",
                "summary.md", "junit.xml", "charts/suite-f1.png", "charts/suite-mttr.png",
                "charts/suite-downtime-reduction.png", "charts/timeline-demo.png", "index.html");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
                    .containsExactlyInAnyOrderElementsOf(written.stream().map(p -> dir.relativize(p).toString()).toList())
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void html_hasTheSuiteTable_aSectionPerScenario_andImagesThatExist(@TempDir Path dir) throws IOException {
        ReportWriter.write(ReportWriterTest.suite(), ReportFixtures.timelines(), dir);
        String html = Files.readString(dir.resolve("index.html"));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table class=\"suite\">")
                .contains("<th>scenario</th><th>seeds</th><th>F1</th><th>precision</th><th>recall</th><th>MTTD</th>"
                        + "<th>MTTR baseline → engine</th><th>downtime baseline → engine</th><th>reduction</th>"
                        + "<th>pages baseline → engine</th><th>needless</th><th>false alarms/day</th><th>result</th>")
                .contains("<td><a href=\"#scenario-demo\">demo</a></td><td>2</td><td>0.67</td><td>0.50</td>"
                        + "<td>1.00</td><td>20.3s</td><td>300s → 50s</td><td>300s → 50s</td><td>83%</td>")
                .contains("<tr class=\"total\"><td>total (2 scenarios)</td>")
                .contains("<td>MTTR baseline</td><td>300s</td>", "<td>pages baseline (SLO alerts)</td>")
                .contains("<section class=\"scenario\" id=\"scenario-demo\">")
                .contains("<section class=\"scenario\" id=\"scenario-quiet\">")
                .contains("<table class=\"metrics\">", "<table class=\"expectations\">", "<table class=\"kinds\">",
                        "<table class=\"incidents\">")
                .contains("<th>detected at</th><th>MTTD</th><th>restored at</th>")
                .contains("<td>minF1 0.5</td>")
                .contains("quiet: precision undefined (no scored incident or no alert event), expected minPrecision 0.90")
                .contains("document.body.dataset.chartsLoaded")
                .doesNotContain("http://", "https://", "<link");
        // demo's MTTD over its two seeds (10 s, 30.5 s) with its 95% CI; F1 is the same on both (no interval);
        // its incident at 1:40 detected at 1:50
        assertThat(html).contains("<tr><td>MTTD</td><td>20.3s</td><td>[-110s, 150.5s]</td></tr>")
                .contains("<tr><td>F1</td><td>0.67</td><td>—</td></tr>")
                .contains("<td>1:40</td><td>3:20</td><td>1:50</td><td>10s</td><td>2:30</td>");

        Matcher m = IMG.matcher(html);
        List<String> sources = new ArrayList<>();
        while (m.find()) {
            sources.add(m.group(1));
            BufferedImage png = ImageIO.read(dir.resolve(m.group(1)).toFile());
            assertThat(png).as(m.group(1)).isNotNull();
            assertThat(png.getWidth()).isEqualTo(Integer.parseInt(m.group(2)));
            assertThat(png.getHeight()).isEqualTo(Integer.parseInt(m.group(3)));
        }
        assertThat(sources).containsExactly("charts/suite-f1.png", "charts/suite-mttr.png",
                "charts/suite-downtime-reduction.png", "charts/timeline-demo.png");
    }

    @Test
    void writingTwice_givesByteIdenticalHtmlPngAndXml(@TempDir Path dir) throws IOException {
        List<Path> a = ReportWriter.write(ReportWriterTest.suite(), ReportFixtures.timelines(), dir.resolve("a"));
        ReportWriter.write(ReportWriterTest.suite(), ReportFixtures.timelines(), dir.resolve("b"));

        for (Path file : a) {
            Path twin = dir.resolve("b").resolve(dir.resolve("a").relativize(file));
            assertThat(Files.readAllBytes(twin)).as(file.getFileName().toString()).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void timelines_changeNeitherReportJsonNorSummary(@TempDir Path dir) throws IOException {
        ReportWriter.write(ReportWriterTest.suite(), dir.resolve("plain"));
        ReportWriter.write(ReportWriterTest.suite(), ReportFixtures.timelines(), dir.resolve("timed"));

        for (String file : List.of("report.json", "summary.md", "junit.xml")) {
            assertThat(Files.readAllBytes(dir.resolve("timed").resolve(file)))
                    .isEqualTo(Files.readAllBytes(dir.resolve("plain").resolve(file)));
        }
        assertThat(Files.readString(dir.resolve("plain/report.json"))).doesNotContain("checks");
        assertThat(Files.readString(dir.resolve("plain/index.html"))).doesNotContain("timeline-demo.png");
    }

    @Test
    void junitXml_hasARunCaseAndACasePerExpectation_failedWhereTheExpectationFailed(@TempDir Path dir)
            throws Exception {
        ReportWriter.write(ReportWriterTest.suite(), dir);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("junit.xml").toFile());

        Element suites = xml.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("homeostat.ci");
        // demo: run + minF1, minRecall, maxMttd, minDowntimeReduction, maxNeedlessActions, maxPages;
        // quiet: run + minPrecision (failed)
        assertThat(suite.getAttribute("tests")).isEqualTo("9");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList cases = xml.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            names.add(c.getAttribute("classname") + " " + c.getAttribute("name"));
            assertThat(c.getAttribute("time")).isEqualTo("0");
            // CI annotations point at the scenario file
            assertThat(c.getAttribute("file")).isEqualTo(c.getAttribute("classname").endsWith("demo") ? "scenarios/ci/demo.yaml" : "scenarios/ci/quiet.yaml");
        }
        assertThat(names).containsExactly("homeostat.ci.demo run", "homeostat.ci.demo minF1 0.5",
                "homeostat.ci.demo minRecall 1", "homeostat.ci.demo maxMttd 60s",
                "homeostat.ci.demo minDowntimeReduction 0.5", "homeostat.ci.demo maxNeedlessActions 1",
                "homeostat.ci.demo maxPages 0", "homeostat.ci.quiet run", "homeostat.ci.quiet minPrecision 0.9");
        NodeList failures = xml.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("minPrecision 0.9");
        assertThat(failure.getAttribute("message"))
                .isEqualTo("precision undefined (no scored incident or no alert event), expected minPrecision 0.90");
        assertThat(xml.getElementsByTagName("system-out").item(0).getTextContent()).contains("F1: 0.67");
    }

    @Test
    void junitXml_ofAReportReadBack_listsTheFailedExpectations(@TempDir Path dir) throws IOException {
        ReportWriter.write(ReportWriterTest.suite(), dir);
        SuiteReport back = ReportJson.read(dir.resolve("report.json"));

        String xml = ReportWriter.junitXml(back);

        assertThat(xml).contains("<testcase classname=\"homeostat.ci.quiet\" name=\"minPrecision 0.90\" file=\"scenarios/ci/quiet.yaml\" time=\"0\">")
                .contains("failures=\"1\"").contains("tests=\"3\"");
    }

    @Test
    void scenarioNames_areEscapedInHtmlAndXml(@TempDir Path dir) throws IOException {
        ScenarioReport demo = ReportWriterTest.suite().scenarios().getFirst();
        ScenarioReport odd = ReportFixtures.renamed(demo, "a<b>&\"c\"");
        ReportWriter.write(SuiteReport.of("ci", List.of(odd)), dir);

        assertThat(Files.readString(dir.resolve("index.html"))).contains("a&lt;b&gt;&amp;&quot;c&quot;")
                .contains("id=\"scenario-a-b-c\"").doesNotContain("a<b>");
        assertThat(Files.readString(dir.resolve("junit.xml"))).contains("classname=\"homeostat.ci.a&lt;b&gt;&amp;&quot;c&quot;\"");
    }

    @Test
    void timelineForAnUnknownScenario_isRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        assertThatThrownBy(() -> ReportWriter.write(ReportWriterTest.suite(),
                Map.of("nope", ReportFixtures.timeline()), dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope")
                .hasMessageContaining("[demo, quiet]");
        assertThat(dir).isEmptyDirectory();
    }
}
