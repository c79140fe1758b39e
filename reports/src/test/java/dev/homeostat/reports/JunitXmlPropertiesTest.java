package dev.homeostat.reports;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JunitXmlPropertiesTest {
    /** Whatever a scenario or suite is called, junit.xml parses and carries the name unchanged. */
    @Property(tries = 200)
    void anyPrintableName_givesWellFormedXml_thatCarriesTheName(
            @ForAll @StringLength(min = 1, max = 30) @CharRange(from = ' ', to = '\uD7FF') String name) throws Exception {
        ScenarioReport demo = ReportWriterTest.suite().scenarios().getLast();
        ScenarioReport renamed = ReportFixtures.renamed(demo, name);

        String xml = ReportWriter.junitXml(SuiteReport.of(name, List.of(renamed)));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)));

        Element first = (Element) doc.getElementsByTagName("testcase").item(0);
        assertThat(first.getAttribute("classname")).isEqualTo("homeostat." + name + "." + name);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
    }
}
